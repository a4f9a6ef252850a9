// Import checks of a Lab snapshot: its settings and image, its rendered views (PNG data URLs) and probabilities.
using System.Text.Json;
using RobustLab.Web.Services.Lab;
using RobustLab.Web.Services.Registry;

namespace RobustLab.Web.Services.Experiments;

internal static partial class ExperimentImport
{
    private static (ExperimentFacts, string, string?) Lab(ExperimentDocument doc)
    {
        var settings = Deserialize<LabSnapshotSettings>(doc.Configuration, "$.configuration");
        try
        {
            _ = LabImage.Validated(settings.Pixels ?? [], settings.Label, settings.ImageSource, settings.ImageDescription ?? "", settings.TestIndex);
        }
        catch (ArgumentException e)
        {
            throw Refuse($"$.configuration: the image is not valid: {e.Message}");
        }
        var probe = new LabState();
        settings.ApplyTo(probe, [settings.Model]);
        if (probe.Attack != settings.Attack) throw Refuse($"$.configuration.attack: unknown attack \"{settings.Attack}\".");
        if (ModelName.Validate(settings.Model) is { } problem) throw Refuse($"$.configuration.model: {problem}");
        if (doc.Result is not { ValueKind: JsonValueKind.Object } r) throw Refuse("$.result: a Lab snapshot needs its views (an object).");
        var result = Deserialize<LabSnapshotResult>(r, "$.result");
        if (result.Label is < 0 or > 9) throw Refuse($"$.result.label: a digit 0–9; got {result.Label}.");
        if (!(result.PerturbationMax >= 0)) throw Refuse("$.result.perturbation_max: must be ≥ 0.");
        Image(result.CleanImage, "$.result.clean_image");
        if (result.Attacks is not { Count: 1 or 2 }) throw Refuse("$.result.attacks: one or two attacks.");
        for (int i = 0; i < result.Attacks.Count; i++)
        {
            var a = result.Attacks[i] ?? throw Refuse($"$.result.attacks[{i}]: must be an object.");
            string where = $"$.result.attacks[{i}]";
            Image(a.AdversarialImage, where + ".adversarial_image");
            Image(a.SignedImage, where + ".signed_image");
            Image(a.MagnitudeImage, where + ".magnitude_image");
            Probabilities(a.Probabilities, where + ".probabilities");
            if (!(a.Linf >= 0 && a.L2 >= 0 && a.Relative is null or >= 0)) throw Refuse($"{where}: perturbation norms must be ≥ 0.");
            if (a.Target is < 0 or > 9) throw Refuse($"{where}.target: a digit 0–9.");
            if (a.AdversarialPixels is { } pixels && (pixels.Length != LabImage.Side * LabImage.Side || pixels.Any(v => !(v >= 0 && v <= 1))))
                throw Refuse($"{where}.adversarial_pixels: {LabImage.Side * LabImage.Side} numbers in [0, 1] (the adversarial image), or absent.");
        }
        if (result.Undefended is { } u) Probabilities(u, "$.result.undefended");
        return (ExperimentFacts.Of(settings), Serialize(settings, "$.configuration"), Serialize(result, "$.result"));
    }

    private static object CheckPoint(LabSnapshotPoint p, string where)
    {
        if (p.CleanPrediction is < 0 or > 9 || p.AdversarialPrediction is < 0 or > 9) throw Refuse($"{where}.data: predictions are digits 0–9.");
        Probabilities(new ProbabilityPair(p.Title ?? "", p.CleanProbabilities, p.AdversarialProbabilities), where + ".data");
        return p;
    }

    private static void Probabilities(ProbabilityPair pair, string where)
    {
        foreach (var (name, p) in new[] { ("clean", pair.Clean), ("adversarial", pair.Adversarial) })
            if (p is not { Length: LabState.Classes } || p.Any(v => !(v >= 0 && v <= 1)))
                throw Refuse($"{where}: {name} probabilities must be {LabState.Classes} numbers in [0, 1].");
    }

    private static void Image(string? dataUrl, string where)
    {
        const string prefix = "data:image/png;base64,";
        if (dataUrl is null || !dataUrl.StartsWith(prefix, StringComparison.Ordinal) || dataUrl.Length > MaxImageChars)
            throw Refuse($"{where}: must be a PNG data URL (data:image/png;base64,…) of at most {MaxImageChars:N0} characters.");
        var bytes = new byte[(dataUrl.Length - prefix.Length) * 3 / 4 + 3];
        if (!Convert.TryFromBase64String(dataUrl[prefix.Length..], bytes, out int n) || n < 8 || !bytes.AsSpan(0, 8).SequenceEqual(PngSignature))
            throw Refuse($"{where}: is not a base64-encoded PNG image.");
    }

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
}
