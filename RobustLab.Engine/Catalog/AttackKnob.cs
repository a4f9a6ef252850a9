using RobustLab.Engine.Attacks;

namespace RobustLab.Engine.Catalog;

/// <summary>One knob of one attack: the <see cref="AttackSettings"/> field it sets, its range and default (the attack's own), its CLI option.</summary>
/// <param name="Setting">The field of <see cref="AttackSettings"/>.</param>
/// <param name="Knob">Range, default, help and the default's source; in L∞ units when <see cref="L2"/> is given.</param>
/// <param name="Option">The CLI option without dashes ("steps").</param>
public sealed record AttackKnob(AttackSetting Setting, Knob Knob, string Option)
{
    /// <summary>The knob in L2 units, when its range depends on the norm (step sizes); null when it does not.</summary>
    public Knob? L2 { get; init; }

    /// <summary>Left unset, the attack computes it from the other settings (PGD's α from ε and t); the page offers "the attack's default".</summary>
    public bool Auto { get; init; }

    /// <summary>The value the built attack object holds (its default filled in), for descriptions; null when it cannot be read.</summary>
    public Func<Attack, double?>? Read { get; init; }

    /// <summary>The knob in the norm's units.</summary>
    public Knob For(LpNorm norm) => norm == LpNorm.L2 && L2 is not null ? L2 : Knob;

    /// <summary>The value in <paramref name="settings"/> (null: the attack's default).</summary>
    public double? Get(AttackSettings settings) => Setting switch
    {
        AttackSetting.Steps => settings.Steps,
        AttackSetting.StepSize => settings.StepSize,
        AttackSetting.Samples => settings.Samples,
        AttackSetting.Overshoot => settings.Overshoot,
        AttackSetting.Candidates => settings.Candidates,
        AttackSetting.Confidence => settings.Confidence,
        AttackSetting.BinarySearchSteps => settings.BinarySearchSteps,
        AttackSetting.LearningRate => settings.LearningRate,
        AttackSetting.InitialConst => settings.InitialConst,
        AttackSetting.Queries => settings.Queries,
        AttackSetting.Population => settings.Population,
        _ => throw new ArgumentOutOfRangeException(nameof(Setting), Setting, null),
    };

    /// <summary><paramref name="settings"/> with this knob at <paramref name="value"/> (null: the attack's default, for <see cref="Auto"/> knobs).</summary>
    public AttackSettings Set(AttackSettings settings, double? value)
    {
        var fallback = new AttackSettings();
        return Setting switch
        {
            AttackSetting.Steps => settings with { Steps = value is { } v ? (int)v : null },
            AttackSetting.StepSize => settings with { StepSize = (float?)value },
            AttackSetting.Samples => settings with { Samples = value is { } v ? (int)v : fallback.Samples },
            AttackSetting.Overshoot => settings with { Overshoot = (float?)value ?? fallback.Overshoot },
            AttackSetting.Candidates => settings with { Candidates = value is { } v ? (int)v : null },
            AttackSetting.Confidence => settings with { Confidence = (float?)value ?? fallback.Confidence },
            AttackSetting.BinarySearchSteps => settings with { BinarySearchSteps = value is { } v ? (int)v : fallback.BinarySearchSteps },
            AttackSetting.LearningRate => settings with { LearningRate = (float?)value },
            AttackSetting.InitialConst => settings with { InitialConst = (float?)value ?? fallback.InitialConst },
            AttackSetting.Queries => settings with { Queries = value is { } v ? (int)v : null },
            AttackSetting.Population => settings with { Population = value is { } v ? (int)v : null },
            _ => throw new ArgumentOutOfRangeException(nameof(Setting), Setting, null),
        };
    }
}
