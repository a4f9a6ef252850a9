using RobustLab.Engine.Attacks;

namespace RobustLab.Engine.Catalog;

/// <summary>How a targeted attack's target is chosen, as the pages offer it; <see cref="TargetChoice"/> applies it.</summary>
/// <param name="Name">The CLI and link form: "ll", "random", "class".</param>
public sealed record TargetMode(string Name, string Title, string Help)
{
    public static TargetMode LeastLikely { get; } = new("ll", "least likely", "The class the attacked model finds least likely on the clean image (Kurakin §2.2's y_LL).");
    public static TargetMode Random { get; } = new("random", "random", "A class other than the label, drawn from the seed.");
    public static TargetMode Class { get; } = new("class", "choose", "A class you pick.");

    /// <summary>Every mode, in menu order.</summary>
    public static IReadOnlyList<TargetMode> All { get; } = [LeastLikely, Random, Class];

    /// <summary>The mode named <paramref name="name"/>, or null.</summary>
    public static TargetMode? Find(string? name) => All.FirstOrDefault(m => m.Name == name);

    /// <summary>The engine's rule: <paramref name="targetClass"/> is used by <see cref="Class"/> only.</summary>
    public TargetChoice Choice(int targetClass) => this == LeastLikely ? TargetChoice.LeastLikely : this == Random ? TargetChoice.Random : TargetChoice.Fixed(targetClass);

    public override string ToString() => Name;
}
