namespace RobustLab.Engine.Catalog;

/// <summary>Knobs every page shares that belong to no attack or defense.</summary>
public static class CommonKnobs
{
    public static Knob Seed { get; } = new("seed", "seed", "seed", 0, 999_999, 0, 1,
        "Seeds every random draw (random start, random target, noise, randomized defenses): the same seed gives the same result.")
    { Integer = true };

    public static Knob TargetClass { get; } = new("class", "y_target", "target class", 0, 9, 0, 1, "The class a targeted attack pushes the image into.")
    { Integer = true };
}
