using System.Xml.Linq;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RobustLab.Engine.Data;
using RobustLab.Engine.Defenses;
using RobustLab.Tests.Cli;
using RobustLab.Tests.Web.Imaging;
using RobustLab.Tests.Web.Lab;
using RobustLab.Web.Services;
using RobustLab.Web.Services.Figures;
using RobustLab.Web.Services.Imaging;
using RobustLab.Web.Services.Lab;
using RobustLab.Web.Services.Limits;
using RobustLab.Web.Services.Registry;
using RobustLab.Web.Services.Training;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Metadata;
using SixLabors.ImageSharp.PixelFormats;
using TrainedModel = RobustLab.Tests.Attacks.TrainedModel;

namespace RobustLab.Tests.Web.Figures;

// The Lab's figure export on a real result (the committed default model, MNIST test digit #0, PGD-40, undefended vs
// JumpReLU): the PNG's tiles are the Lab's own views, pixel for pixel (nearest neighbour), and the SVG is well-formed
// XML that carries the labels. The PNGs are decoded here, in the test.
public sealed class LabFigureTests : IDisposable
{
    private const int Scale = LabFigurePng.DefaultPixelScale;
    private readonly CommittedModelLab _lab = new();
    private LabService _service => _lab.Service;

    public void Dispose() => _lab.Dispose();

    private async Task<LabResult> CompareAsync()
    {
        var test = TrainedModel.MnistTest(1, 0);
        var state = new LabState { Activation = "jumprelu", Kappa = 0.5, Compare = true };
        state.SetImage(LabImage.Validated(test.Images.Data, test.Labels[0], ImageSource.Mnist, "MNIST test image #0", 0));
        return await _service.ComputeAsync(state.ToRequest()!);
    }

    [Fact]
    public async Task The_png_has_the_layout_size_and_every_tile_is_the_labs_view_upscaled_by_nearest_neighbour()
    {
        var result = await CompareAsync();
        var figure = LabFigure.From(result)!;
        var layout = LabFigurePng.Layout(figure);
        var png = DecodedPng.Read(LabFigurePng.Render(figure));
        Assert.Equal((layout.Width, layout.Height, PngColorType.Rgb), (png.Width, png.Height, png.ColorType));
        Assert.Equal(2, layout.Rows);
        Assert.Equal(4 * 280 + 3 * layout.Gap + 2 * layout.Margin, png.Width);

        for (int r = 0; r < 2; r++)
        {
            var view = result.Attacks[r];
            // The views exactly as the Lab sent them to the browser (4 screen pixels per image pixel).
            string[] shown = [result.CleanImage, view.AdversarialImage, view.SignedImage, view.MagnitudeImage];
            for (int c = 0; c < 4; c++)
            {
                var lab = DecodedPng.FromDataUrl(shown[c]);
                Assert.Equal(28 * LabService.ImageScale, lab.Width);
                int left = layout.TileLeft(c), top = layout.TileTop(r);
                for (int y = 0; y < 28 * Scale; y++)
                    for (int x = 0; x < 28 * Scale; x++)
                    {
                        var expected = lab.At(x / Scale * LabService.ImageScale, y / Scale * LabService.ImageScale);
                        var actual = png.At(left + x, top + y);
                        if (expected != actual) Assert.Fail($"row {r} tile {c} pixel ({x}, {y}): {actual} in the figure, {expected} on the Lab");
                    }
            }
        }
    }

    [Fact]
    public async Task The_png_draws_colour_bars_with_ticks_and_carries_its_captions_and_print_resolution()
    {
        var result = await CompareAsync();
        var figure = LabFigure.From(result)!;
        var layout = LabFigurePng.Layout(figure);
        var bytes = LabFigurePng.Render(figure);
        var png = DecodedPng.Read(bytes);
        static Rgb24 Of(Rgb c) => new(c.R, c.G, c.B);

        // The signed bar under column 2: its ends are the map's ends, its middle is the map's white centre.
        int y = layout.BelowTile(0) + layout.BarHeight / 2;
        Assert.Equal(Of(Colormap.RdBu.Interpolate(0)), png.At(layout.TileLeft(2), y));
        Assert.Equal(Of(Colormap.RdBu.Interpolate(1)), png.At(layout.TileLeft(2) + layout.Tile - 1, y));
        Assert.Equal(Of(Colormap.Reds.Interpolate(1)), png.At(layout.TileLeft(3) + layout.Tile - 1, y));
        // Tick marks below it (dark), and tick values drawn under them (some dark pixels in the label strip).
        Assert.True(png.At(layout.TickX(2, 0.5), layout.TickTop(0) + 1).R < 100);
        bool inked = false;
        for (int x = layout.TileLeft(2); x < layout.TileLeft(2) + layout.Tile; x++)
            for (int dy = 0; dy < layout.TextHeight; dy++) inked |= png.At(x, layout.TickLabelTop(0) + dy).R < 100;
        Assert.True(inked, "tick values under the signed bar");

        using var image = Image.Load<Rgb24>(bytes);
        // PNG stores the resolution (pHYs) in pixels per metre: 300 dpi = 11811 px/m.
        Assert.Equal(PixelResolutionUnit.PixelsPerMeter, image.Metadata.ResolutionUnits);
        Assert.InRange(image.Metadata.HorizontalResolution * 0.0254, 299.9, 300.1);
        Assert.InRange(image.Metadata.VerticalResolution * 0.0254, 299.9, 300.1);
        var text = image.Metadata.GetPngMetadata().TextData;
        Assert.Equal(figure.Caption, text.Single(t => t.Keyword == "Title").Value);
        var description = text.Single(t => t.Keyword == "Description").Value;
        Assert.Contains("Undefended · ", description);
        Assert.Contains("Defended · ", description);
        Assert.Contains("‖δ‖∞ = ", description);
    }

    [Fact]
    public async Task The_svg_is_well_formed_and_labels_every_tile_with_titles_predictions_and_tick_values()
    {
        var result = await CompareAsync();
        var figure = LabFigure.From(result)!;
        var document = XDocument.Parse(LabFigureSvg.Render(figure));
        XNamespace svg = "http://www.w3.org/2000/svg";
        var root = document.Root!;
        Assert.Equal(svg + "svg", root.Name);
        var layout = LabFigureSvg.Layout(figure);
        Assert.Equal(layout.Width.ToString(System.Globalization.CultureInfo.InvariantCulture), root.Attribute("width")!.Value);
        var texts = root.Descendants(svg + "text").Select(t => t.Value).ToList();

        foreach (var (view, r) in result.Attacks.Select((v, i) => (v, i)))
        {
            Assert.Contains(texts, t => t.StartsWith($"{view.Title} · {view.Model} · ", StringComparison.Ordinal));
            Assert.Contains($"predicted {view.AdversarialPrediction} (", texts.Where(t => t.StartsWith("predicted", StringComparison.Ordinal)).ElementAt(r));
            var row = root.Descendants(svg + "g").Single(g => g.Attribute("id")?.Value == $"row-{view.Title.ToLowerInvariant()}");
            var notes = row.Descendants(svg + "text").Where(t => t.Attribute("class")?.Value == "tile-note").Select(t => t.Value).ToList();
            Assert.Equal($"label 7 · predicted {view.CleanPrediction} (", notes[0][..$"label 7 · predicted {view.CleanPrediction} (".Length]);
        }
        Assert.Equal(2, texts.Count(t => t == "Perturbation δ"));
        Assert.Equal(2, texts.Count(t => t == "Magnitude |δ|"));
        foreach (var tick in result.SignedScale.Ticks.Concat(result.MagnitudeScale.Ticks)) Assert.Contains(tick.Label, texts);
        Assert.Contains(texts, t => t.Contains(result.Summary, StringComparison.Ordinal));
        Assert.Equal(2, root.Descendants(svg + "linearGradient").Count()); // rdbu and reds

        // Its tiles are the same pixels as the PNG's.
        var images = root.Descendants(svg + "image").ToList();
        Assert.Equal(8, images.Count);
        var tile = DecodedPng.FromDataUrl(images[1].Attribute("href")!.Value);
        var lab = DecodedPng.FromDataUrl(result.Attacks[0].AdversarialImage);
        Assert.Equal(280, tile.Width);
        for (int y = 0; y < 280; y += 7)
            for (int x = 0; x < 280; x += 7) Assert.Equal(lab.At(x / Scale * 4, y / Scale * 4), tile.At(x, y));
    }

    [Fact]
    public async Task A_snapshot_stored_without_its_adversarial_pixels_has_no_figure()
    {
        var result = await CompareAsync();
        Assert.NotNull(LabFigure.From(result));
        var old = result with { Attacks = [.. result.Attacks.Select(a => a with { AdversarialPixels = null })] };
        Assert.Null(LabFigure.From(old));
        Assert.Equal("lab-figure-mnist0-pgd.png", LabFigure.FileName(result, "png"));
    }

    [Fact]
    public void The_pixel_font_draws_numbers_only_and_refuses_other_text()
    {
        using var image = new Image<Rgb24>(40, 10, new Rgb24(255, 255, 255));
        PixelFont.Draw(image, "1", 0, 0, 1, new Rgb24(0, 0, 0));
        var pixels = new Rgb24[400];
        image.CopyPixelDataTo(pixels);
        // "1": the stem in column 2 on every row, the foot across columns 1–3 of row 6.
        for (int y = 0; y < 7; y++) Assert.Equal(new Rgb24(0, 0, 0), pixels[y * 40 + 2]);
        Assert.Equal(new Rgb24(0, 0, 0), pixels[6 * 40 + 1]);
        Assert.Equal(new Rgb24(255, 255, 255), pixels[0 * 40 + 0]);
        Assert.Equal(17, PixelFont.Width("123", 1));
        Assert.True(PixelFont.CanDraw("-0.25 (99.5%)"));
        Assert.Throws<ArgumentException>(() => PixelFont.Draw(image, "δ", 0, 0, 1, new Rgb24(0, 0, 0)));
    }
}
