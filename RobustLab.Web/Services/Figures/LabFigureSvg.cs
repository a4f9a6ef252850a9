using System.Globalization;
using System.Xml.Linq;
using RobustLab.Web.Services.Imaging;

namespace RobustLab.Web.Services.Figures;

// The figure as SVG with every label as text: per row a title (model, outcome) and its measurements, a caption over each
// tile, the predicted class and probability under the images, colour bars (the colour map as a linear gradient — exact,
// the maps are piecewise linear) with tick values, and the attack as run as the caption. The tiles are PNGs already
// upscaled by nearest neighbour at the figure's pixel scale, so no viewer smooths them. Built with XLinq: well-formed
// and escaped by construction.

/// <summary>Renders a <see cref="LabFigure"/> to an SVG document.</summary>
public static class LabFigureSvg
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private const int FontSize = 15, LineHeight = 22;

    /// <summary>The layout the SVG uses: two lines above each row (title + measurements, tile captions) and a caption line.</summary>
    public static FigureLayout Layout(LabFigure figure, int pixelScale = LabFigurePng.DefaultPixelScale) =>
        new(figure.Rows.Count, pixelScale, titleHeight: 2 * LineHeight, textHeight: LineHeight, caption: true);

    public static string Render(LabFigure figure, int pixelScale = LabFigurePng.DefaultPixelScale)
    {
        var layout = Layout(figure, pixelScale);
        var maps = figure.Rows.SelectMany(r => r.Tiles).Where(t => t.ShowScale).Select(t => t.Scale.Colormap).DistinctBy(m => m.Name).ToList();
        var root = new XElement(Svg + "svg",
            new XAttribute("width", layout.Width), new XAttribute("height", layout.Height),
            new XAttribute("viewBox", $"0 0 {layout.Width} {layout.Height}"),
            new XAttribute("font-family", "Helvetica, Arial, sans-serif"), new XAttribute("font-size", FontSize),
            new XElement(Svg + "title", figure.Caption),
            new XElement(Svg + "defs", maps.Select(Gradient)),
            new XElement(Svg + "rect", new XAttribute("width", "100%"), new XAttribute("height", "100%"), new XAttribute("fill", "#ffffff")));
        for (int r = 0; r < figure.Rows.Count; r++) root.Add(Row(figure.Rows[r], r, layout));
        root.Add(Text(figure.Caption, layout.Margin, layout.CaptionTop + FontSize, "figure-caption", fill: "#555555"));
        return new XDocument(new XDeclaration("1.0", "utf-8", null), root).Declaration + "\n" + root.ToString(SaveOptions.None) + "\n";
    }

    private static XElement Row(FigureRow row, int r, FigureLayout layout)
    {
        int top = layout.RowTop(r);
        var group = new XElement(Svg + "g", new XAttribute("id", $"row-{row.Key.ToLowerInvariant()}"),
            Text(row.Title, layout.Margin, top + FontSize, "row-title", weight: "600"),
            Text(row.Measures, layout.Width - layout.Margin, top + FontSize, "row-measures", anchor: "end", fill: "#555555"));
        for (int c = 0; c < row.Tiles.Count && c < FigureLayout.Columns; c++)
        {
            var tile = row.Tiles[c];
            int left = layout.TileLeft(c), tileTop = layout.TileTop(r);
            group.Add(Text(tile.Caption, left, tileTop - 6, "tile-caption", weight: "600"));
            var png = ImageRenderer.Png(tile.Values, LabFigure.Side, LabFigure.Side, tile.Scale.Colormap, tile.Scale.Lo, tile.Scale.Hi, layout.PixelScale);
            group.Add(new XElement(Svg + "image", new XAttribute("x", left), new XAttribute("y", tileTop),
                new XAttribute("width", layout.Tile), new XAttribute("height", layout.Tile), new XAttribute("preserveAspectRatio", "none"),
                new XAttribute("style", "image-rendering: pixelated"), new XAttribute("href", PngEncoding.DataUrl(png))));
            group.Add(Rect(left - 0.5, tileTop - 0.5, layout.Tile + 1, layout.Tile + 1, "none", "#bdbdbd"));
            if (tile.ShowScale) group.Add(Bar(tile.Scale, layout, r, c));
            else if (tile.Note is { } note) group.Add(Text(note, left, layout.BelowTile(r) + FontSize, "tile-note"));
        }
        return group;
    }

    private static IEnumerable<XElement> Bar(ColorScale scale, FigureLayout layout, int r, int c)
    {
        int left = layout.TileLeft(c), top = layout.BelowTile(r);
        yield return Rect(left, top, layout.Tile, layout.BarHeight, $"url(#bar-{scale.Colormap.Name})", "#bdbdbd");
        foreach (var tick in scale.Ticks)
        {
            double x = layout.TickX(c, tick.Position) + 0.5;
            yield return new XElement(Svg + "line", new XAttribute("x1", Number(x)), new XAttribute("x2", Number(x)),
                new XAttribute("y1", layout.TickTop(r)), new XAttribute("y2", layout.TickTop(r) + layout.TickLength),
                new XAttribute("stroke", "#212121"), new XAttribute("stroke-width", 1.5));
            string anchor = tick.Position <= 0 ? "start" : tick.Position >= 1 ? "end" : "middle";
            yield return Text(tick.Label, x, layout.TickLabelTop(r) + FontSize - 3, "tick-label", anchor: anchor, size: FontSize - 2);
        }
    }

    // The colour map's stops, evenly spaced: the map interpolates linearly between them, as SVG gradients do.
    private static XElement Gradient(Colormap map) => new(Svg + "linearGradient", new XAttribute("id", $"bar-{map.Name}"),
        new XAttribute("x1", 0), new XAttribute("x2", 1), new XAttribute("y1", 0), new XAttribute("y2", 0),
        map.Stops.Select((stop, i) => new XElement(Svg + "stop",
            new XAttribute("offset", Number((double)i / (map.Stops.Count - 1))), new XAttribute("stop-color", stop.Hex))));

    private static XElement Text(string text, double x, double y, string @class, string anchor = "start", string? weight = null, string? fill = null, int? size = null)
    {
        var element = new XElement(Svg + "text", new XAttribute("x", Number(x)), new XAttribute("y", Number(y)), new XAttribute("class", @class), text);
        if (anchor != "start") element.Add(new XAttribute("text-anchor", anchor));
        if (weight is not null) element.Add(new XAttribute("font-weight", weight));
        if (fill is not null) element.Add(new XAttribute("fill", fill));
        if (size is not null) element.Add(new XAttribute("font-size", size));
        return element;
    }

    private static XElement Rect(double x, double y, double width, double height, string fill, string stroke) => new(Svg + "rect",
        new XAttribute("x", Number(x)), new XAttribute("y", Number(y)), new XAttribute("width", Number(width)), new XAttribute("height", Number(height)),
        new XAttribute("fill", fill), new XAttribute("stroke", stroke));

    private static string Number(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}
