using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Metadata;
using SixLabors.ImageSharp.PixelFormats;
using RobustLab.Web.Services.Imaging;

namespace RobustLab.Web.Services.Figures;

// The figure as one PNG at print resolution: each 28×28 tile upscaled by nearest neighbour (every image pixel a
// scale² block, exactly the colours the Lab shows), colour bars with tick marks and tick values, the predicted class
// and probability under the images, a 300 dpi pHYs chunk, and the titles and caption as PNG text chunks (see
// PixelFont for why the words are not drawn).

/// <summary>Renders a <see cref="LabFigure"/> to PNG bytes with ImageSharp.</summary>
public static class LabFigurePng
{
    /// <summary>10 screen pixels per image pixel: 280-pixel tiles, 2.4 cm wide at 300 dpi.</summary>
    public const int DefaultPixelScale = 10;

    public const double Dpi = 300;

    private static readonly Rgb24 Paper = new(255, 255, 255), Frame = new(189, 189, 189), Ink = new(33, 33, 33);

    /// <summary>The layout the PNG uses (no title strips, no caption strip: those are text chunks).</summary>
    public static FigureLayout Layout(LabFigure figure, int pixelScale = DefaultPixelScale) =>
        new(figure.Rows.Count, pixelScale, titleHeight: 0, textHeight: PixelFont.Height(FontScale(pixelScale)), caption: false);

    public static byte[] Render(LabFigure figure, int pixelScale = DefaultPixelScale)
    {
        var layout = Layout(figure, pixelScale);
        int font = FontScale(pixelScale);
        using var image = new Image<Rgb24>(layout.Width, layout.Height, Paper);
        for (int r = 0; r < figure.Rows.Count; r++)
        {
            var row = figure.Rows[r];
            for (int c = 0; c < row.Tiles.Count && c < FigureLayout.Columns; c++)
            {
                var tile = row.Tiles[c];
                int left = layout.TileLeft(c), top = layout.TileTop(r);
                Fill(image, left - 1, top - 1, layout.Tile + 2, layout.Tile + 2, Frame); // a hairline frame outside the tile
                ImageRenderer.Draw(image, left, top, tile.Values, LabFigure.Side, LabFigure.Side, tile.Scale.Colormap, tile.Scale.Lo, tile.Scale.Hi, pixelScale);
                if (tile.ShowScale) DrawBar(image, layout, r, c, tile.Scale, font);
                else if (tile.PixelNote is { } note && PixelFont.CanDraw(note)) PixelFont.Draw(image, note, left, layout.BelowTile(r), font, Ink);
            }
        }
        image.Metadata.ResolutionUnits = PixelResolutionUnit.PixelsPerInch;
        image.Metadata.HorizontalResolution = image.Metadata.VerticalResolution = Dpi;
        var text = image.Metadata.GetPngMetadata().TextData;
        text.Add(new PngTextData("Title", figure.Caption, "", ""));
        text.Add(new PngTextData("Description", Description(figure), "", ""));
        text.Add(new PngTextData("Software", "RobustLab", "", ""));
        return PngEncoding.Encode(image);
    }

    /// <summary>The rows' titles and measurements and the columns' captions, one line each, as the PNG's Description.</summary>
    public static string Description(LabFigure figure) => string.Join("\n", figure.Rows.Select(row =>
        $"{row.Title} — {row.Measures} — columns: {string.Join(", ", row.Tiles.Select(t => t.Note is null ? t.Caption : $"{t.Caption} ({t.Note})"))}"));

    // Tick values are drawn at a quarter of the pixel scale: 7 × 2 = 14-pixel digits at scale 10 (1.2 mm at 300 dpi).
    private static int FontScale(int pixelScale) => Math.Max(1, pixelScale / 4);

    // The colour map as a ramp over the tile's width (pixel i has value lo + (hi − lo)·i/(w − 1)), with ticks below.
    private static void DrawBar(Image<Rgb24> image, FigureLayout layout, int r, int c, ColorScale scale, int font)
    {
        int w = layout.Tile, h = layout.BarHeight, left = layout.TileLeft(c), top = layout.BelowTile(r);
        var ramp = new float[w * h];
        for (int i = 0; i < w; i++) ramp[i] = scale.Lo + (scale.Hi - scale.Lo) * i / (w - 1f);
        for (int y = 1; y < h; y++) ramp.AsSpan(0, w).CopyTo(ramp.AsSpan(y * w, w));
        Fill(image, left - 1, top - 1, w + 2, h + 2, Frame);
        ImageRenderer.Draw(image, left, top, ramp, w, h, scale.Colormap, scale.Lo, scale.Hi, 1);
        int thick = Math.Max(1, layout.PixelScale / 5);
        foreach (var tick in scale.Ticks)
        {
            int x = layout.TickX(c, tick.Position);
            Fill(image, Math.Clamp(x - thick / 2, left, left + w - thick), layout.TickTop(r), thick, layout.TickLength, Ink);
            if (!PixelFont.CanDraw(tick.Label)) continue;
            int width = PixelFont.Width(tick.Label, font);
            int at = tick.Position <= 0 ? left : tick.Position >= 1 ? left + w - width : x - width / 2; // end labels stay inside
            PixelFont.Draw(image, tick.Label, at, layout.TickLabelTop(r), font, Ink);
        }
    }

    private static void Fill(Image<Rgb24> image, int left, int top, int width, int height, Rgb24 colour)
    {
        image.ProcessPixelRows(rows =>
        {
            for (int y = Math.Max(0, top); y < Math.Min(rows.Height, top + height); y++)
            {
                var row = rows.GetRowSpan(y);
                int x0 = Math.Max(0, left), x1 = Math.Min(row.Length, left + width);
                if (x1 > x0) row[x0..x1].Fill(colour);
            }
        });
    }
}
