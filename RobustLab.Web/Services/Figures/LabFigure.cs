using System.Globalization;
using RobustLab.Web.Services.Imaging;
using RobustLab.Web.Services.Lab;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace RobustLab.Web.Services.Figures;

// The Lab's current view as a figure, in the manner of the JumpReLU paper's Figs. 5–6 (Erichson, Yao & Mahoney):
// per attacked model one row of clean image, adversarial image and perturbation δ = x̃ − x (signed, and |δ| in the
// paper's "reds"), with the undefended model's row above the retrofitted one when the Lab compares them.

/// <summary>What a figure of one Lab result shows: rows of four tiles (values + colour scale + captions) and a caption.</summary>
public sealed record LabFigure(string Caption, IReadOnlyList<FigureRow> Rows)
{
    public const int Side = LabImage.Side;

    /// <summary>The figure of <paramref name="result"/>, or null when a view lacks its adversarial pixels (a snapshot stored before they were kept).</summary>
    public static LabFigure? From(LabResult result)
    {
        var x = result.Request.Image.Pixels;
        var rows = new List<FigureRow>();
        foreach (var view in result.Attacks)
        {
            if (view.AdversarialPixels is not { Length: Side * Side } adversarial) return null;
            var delta = new float[x.Length];
            TensorPrimitives.Subtract(adversarial, x, delta);
            var magnitude = new float[x.Length];
            TensorPrimitives.Abs(delta, magnitude);
            string labelText = result.LabelKnown ? $"label {result.Label}" : $"taken as {result.Label}";
            rows.Add(new FigureRow(view.Title, $"{view.Title} · {view.Model} · {Outcome(result, view)}", Measures(view),
            [
                new FigureTile("Clean", x, ColorScale.Pixels, $"{labelText} · predicted {Prediction(view.CleanPrediction, view.Probabilities.Clean)}",
                    Prediction(view.CleanPrediction, view.Probabilities.Clean), ShowScale: false),
                new FigureTile("Adversarial", adversarial, ColorScale.Pixels, $"predicted {Prediction(view.AdversarialPrediction, view.Probabilities.Adversarial)}",
                    Prediction(view.AdversarialPrediction, view.Probabilities.Adversarial), ShowScale: false),
                new FigureTile("Perturbation δ", delta, result.SignedScale, null, null, ShowScale: true),
                new FigureTile("Magnitude |δ|", magnitude, result.MagnitudeScale, null, null, ShowScale: true),
            ]));
        }
        return new LabFigure($"{result.Request.Image.Description} · {result.Summary}", rows);
    }

    /// <summary>A file name for the figure: "lab-figure-<image>-<attack>.png".</summary>
    public static string FileName(LabResult result, string extension)
    {
        var image = result.Request.Image;
        string what = image.TestIndex is { } i ? $"mnist{i}" : image.Source.ToString().ToLowerInvariant();
        return $"lab-figure-{what}-{result.Request.Attack}.{extension}";
    }

    private static string Outcome(LabResult result, AttackView view) => view.Target is { } t
        ? view.Success ? $"reached target {t}" : $"missed target {t}"
        : view.CleanPrediction != result.Label ? $"wrong before the attack ({result.Label} → {view.CleanPrediction})"
        : view.Success ? $"fooled ({result.Label} → {view.AdversarialPrediction})" : "attack failed";

    private static string Measures(AttackView view) =>
        $"‖δ‖∞ = {view.Linf.ToString("0.####", CultureInfo.InvariantCulture)} · ‖δ‖₂ = {view.L2.ToString("0.###", CultureInfo.InvariantCulture)} · " +
        $"‖δ‖₂/‖x‖₂ = {(view.Relative is { } rho ? rho.ToString("0.###", CultureInfo.InvariantCulture) : "undefined (‖x‖₂ = 0)")}";

    private static string Prediction(int k, float[] p) => $"{k} ({Percent(p[k])})";

    private static string Percent(float p) => (100 * p).ToString(p is < 0.1f or > 0.99f ? "0.0" : "0", CultureInfo.InvariantCulture) + "%";
}

/// <summary>One attacked model: a title ("Undefended · lenet-like, relu · fooled (7 → 3)"), its measurements and four tiles.</summary>
public sealed record FigureRow(string Key, string Title, string Measures, IReadOnlyList<FigureTile> Tiles);

/// <summary>One 28×28 field of values drawn through <paramref name="Scale"/>'s colour map; heatmaps show the scale as a colour bar.</summary>
/// <param name="Note">Text under the tile (the SVG's).</param>
/// <param name="PixelNote">Its digits-only form for the PNG ("7 (99.2%)": what <see cref="PixelFont"/> can draw).</param>
public sealed record FigureTile(string Caption, float[] Values, ColorScale Scale, string? Note, string? PixelNote, bool ShowScale);
