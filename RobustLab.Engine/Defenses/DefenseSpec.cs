using System.Globalization;
using RobustLab.Engine.Classifiers;

namespace RobustLab.Engine.Defenses;

/// <summary>A test-time defense as the CLI writes it, parsed once and applied to any classifier.</summary>
/// <remarks>
/// Forms: <c>--smooth &lt;σ&gt;:&lt;n&gt;:majority|soft|weighted</c> (<see cref="SmoothingSpec"/>) and
/// <c>--input-scale &lt;s&gt;[:noclip]</c> (<see cref="InputScalingSpec"/>). Parse errors are <see cref="FormatException"/>s
/// that say what was expected.
/// </remarks>
public abstract record DefenseSpec
{
    /// <summary>The option forms, for usage messages.</summary>
    public static IReadOnlyList<string> Forms { get; } = ["--smooth <σ>:<n>:majority|soft|weighted", "--input-scale <s>[:noclip]"];

    /// <summary>The canonical text of this spec (parses back to an equal spec).</summary>
    public abstract string Text { get; }

    /// <summary>Wraps <paramref name="model"/> in this defense; <paramref name="seed"/> seeds randomized defenses.</summary>
    public abstract IClassifier Wrap(IClassifier model, int seed = 0);

    /// <summary>Parses "σ:n:vote", e.g. "0.25:32:majority".</summary>
    public static SmoothingSpec ParseSmoothing(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Trim().Split(':');
        if (parts.Length != 3)
            throw new FormatException($"Invalid --smooth '{text}': expected <σ>:<n>:majority|soft|weighted, e.g. 0.25:32:majority.");
        if (!float.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out float sigma) || !float.IsFinite(sigma) || sigma < 0)
            throw new FormatException($"Invalid --smooth '{text}': σ must be a number ≥ 0, got '{parts[0]}'.");
        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int samples) || samples < 1)
            throw new FormatException($"Invalid --smooth '{text}': n must be a whole number ≥ 1, got '{parts[1]}'.");
        var vote = parts[2].Trim().ToLowerInvariant() switch
        {
            "majority" => SmoothingVote.Majority,
            "soft" => SmoothingVote.Soft,
            "weighted" => SmoothingVote.Weighted,
            _ => throw new FormatException($"Invalid --smooth '{text}': the vote must be majority, soft or weighted, got '{parts[2]}'."),
        };
        return new SmoothingSpec(sigma, samples, vote);
    }

    /// <summary>Parses "s" or "s:noclip", e.g. "10" or "10:noclip".</summary>
    public static InputScalingSpec ParseInputScaling(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Trim().Split(':');
        if (parts.Length > 2 || (parts.Length == 2 && !parts[1].Trim().Equals("noclip", StringComparison.OrdinalIgnoreCase)))
            throw new FormatException($"Invalid --input-scale '{text}': expected <s> or <s>:noclip, e.g. 10 or 10:noclip.");
        if (!float.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out float scale) || !float.IsFinite(scale) || scale <= 0)
            throw new FormatException($"Invalid --input-scale '{text}': the scale must be a number > 0, got '{parts[0]}'.");
        return new InputScalingSpec(scale, Clip: parts.Length == 1);
    }

    private protected static string Number(float value) => value.ToString("R", CultureInfo.InvariantCulture);
}
