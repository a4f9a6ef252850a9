using System.Globalization;

namespace RobustLab.Engine.Layers.Activations;

/// <summary>Parses activation specs ("relu", "jumprelu:κ", "rjumprelu:b", "srelu:α", "tanh", ...).</summary>
/// <remarks>One place that lists every activation, so the CLI, the UI and the tests enumerate the same set.</remarks>
public static class ActivationCatalog
{
    /// <summary>Spec forms accepted by <see cref="Parse"/>, for usage messages.</summary>
    public static IReadOnlyList<string> Forms { get; } =
        ["relu", "jumprelu:<κ>", "rjumprelu:<b>", "srelu:<α>", "tanh", "sigmoid", "elu[:<α>]", "leakyrelu[:<slope>]", "softplus"];

    /// <summary>One example of each activation, for tests and menus.</summary>
    public static IReadOnlyList<Activation> Examples() =>
        [new ReLU(), new JumpReLU(0.5f), new RandomizedJumpReLU(1f, seed: 1), new SlopedReLU(2f), new Tanh(), new Sigmoid(), new Elu(), new LeakyReLU(), new Softplus()];

    /// <summary>Parses a spec; <paramref name="seed"/> seeds randomised activations. Throws <see cref="FormatException"/> with a clear message.</summary>
    public static Activation Parse(string spec, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var parts = spec.Trim().ToLowerInvariant().Split(':', 2);
        string name = parts[0];
        float? arg = parts.Length == 2 ? Number(parts[1], spec) : null;
        try
        {
            return name switch
            {
                "relu" when arg is null => new ReLU(),
                "jumprelu" => new JumpReLU(arg ?? throw Missing(spec, "κ")),
                "rjumprelu" => new RandomizedJumpReLU(arg ?? throw Missing(spec, "b"), seed),
                "srelu" => new SlopedReLU(arg ?? throw Missing(spec, "α")),
                "tanh" when arg is null => new Tanh(),
                "sigmoid" when arg is null => new Sigmoid(),
                "elu" => new Elu(arg ?? 1f),
                "leakyrelu" => new LeakyReLU(arg ?? 0.01f),
                "softplus" when arg is null => new Softplus(),
                _ => throw new FormatException($"Unknown activation '{spec}'. Expected one of: {string.Join(", ", Forms)}."),
            };
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new FormatException($"Invalid activation '{spec}': {e.Message.Split(" (Parameter")[0]}");
        }
    }

    private static float Number(string text, string spec) =>
        float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && float.IsFinite(v)
            ? v
            : throw new FormatException($"Invalid number '{text}' in activation '{spec}'.");

    private static FormatException Missing(string spec, string what) =>
        new($"Activation '{spec}' needs a value for {what}, e.g. '{spec.Split(':')[0]}:0.5'.");
}
