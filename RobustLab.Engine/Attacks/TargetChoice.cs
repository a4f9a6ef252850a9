using System.Globalization;
using RobustLab.Engine.Tensors;

namespace RobustLab.Engine.Attacks;

/// <summary>How a targeted attack picks each example's target class: one fixed class, the least likely class, or a random one.</summary>
/// <remarks>
/// Least likely: y_LL = argmin_y p(y | x) of the attacked model on the clean image (Kurakin §2.2, "step l.l.").
/// Random: uniform over the classes other than the true label (unlike step rnd, which may pick the label), drawn from a seeded stream in
/// example order, so a target depends only on the seed and the example's position in the data, not on batching.
/// The text forms are the CLI's: a class number, "ll" or "random".
/// </remarks>
public sealed record TargetChoice
{
    private TargetChoice(string text, int? fixedClass) => (Text, Class) = (text, fixedClass);

    /// <summary>The CLI form: "3", "ll" or "random".</summary>
    public string Text { get; }

    /// <summary>The fixed target class (null for ll and random).</summary>
    public int? Class { get; }

    public static TargetChoice LeastLikely { get; } = new("ll", null);
    public static TargetChoice Random { get; } = new("random", null);
    public static TargetChoice Fixed(int target) =>
        target >= 0 ? new(target.ToString(CultureInfo.InvariantCulture), target) : throw new ArgumentOutOfRangeException(nameof(target), $"A target class must be ≥ 0, got {target}.");

    /// <summary>Parses "ll", "random" or a class number; throws <see cref="FormatException"/> otherwise.</summary>
    public static TargetChoice Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "ll" => LeastLikely,
        "random" => Random,
        var s when int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int c) => Fixed(c),
        _ => throw new FormatException($"A target is a class number, 'll' (least likely) or 'random', got '{text}'."),
    };

    /// <summary>
    /// Targets for the examples [offset, offset + N) of a data set: <paramref name="cleanLogits"/> [N,K] are the attacked
    /// model's logits on the clean batch (used by "ll"); <paramref name="allLabels"/> are the labels of the whole data set.
    /// </summary>
    public int[] Resolve(Tensor cleanLogits, IReadOnlyList<int> allLabels, int offset, int seed)
    {
        int n = cleanLogits.Shape[0], classes = cleanLogits.Shape[1];
        if (Class is { } c)
        {
            if (c >= classes) throw new ArgumentException($"Target class {c} is outside 0..{classes - 1}.");
            return Enumerable.Repeat(c, n).ToArray();
        }
        if (this == LeastLikely) return Losses.LeastLikely(cleanLogits);
        if (classes < 2) throw new ArgumentException("A random target needs at least two classes.");
        var rng = new System.Random(seed);
        var targets = new int[n];
        for (int i = 0; i < offset + n; i++)
        {
            int t = rng.Next(classes - 1);
            if (t >= allLabels[i]) t++;
            if (i >= offset) targets[i - offset] = t;
        }
        return targets;
    }

    public override string ToString() => Text;
}
