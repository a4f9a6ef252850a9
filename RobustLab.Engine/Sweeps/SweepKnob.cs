using RobustLab.Engine.Attacks;
using RobustLab.Engine.Catalog;

namespace RobustLab.Engine.Sweeps;

/// <summary>A knob a sweep can turn: it changes either the defended model or the attack's settings.</summary>
/// <param name="Name">The name the CLI and the UI use ("kappa", "eps", ...).</param>
/// <param name="Description">One line for menus and usage text.</param>
/// <param name="Integer">Whether the values must be whole numbers (iterations, samples).</param>
/// <param name="OnModel">How a value changes the model (null for attack knobs).</param>
/// <param name="OnAttack">How a value changes the attack settings (null for model knobs).</param>
/// <param name="Knob">Symbol, range and help: the catalog's definition of the setting the knob turns (one range for every page).</param>
/// <param name="Group">Knobs of one group set the same thing (κ, b and α all set the activation), so one cannot vary the other.</param>
public sealed record SweepKnob(
    string Name,
    string Description,
    bool Integer,
    Knob Knob,
    string Group,
    Func<ModelSpec, double, ModelSpec>? OnModel = null,
    Func<AttackSettings, double, AttackSettings>? OnAttack = null)
{
    /// <summary>The knob's values in <paramref name="norm"/>'s units (the budget's range depends on the norm).</summary>
    public Knob For(LpNorm norm) => Name == "eps" ? AttackKnobs.Epsilon(norm) : Knob;

    /// <summary>The x-axis title: "jump κ", "budget ε (L∞)".</summary>
    public string AxisTitle(LpNorm norm) => For(norm).Label;

    /// <summary>"κ = 0.5".</summary>
    public string Label(double value) => Knob.ValueLabel(value);

    /// <summary>The symbol in legends and labels ("κ").</summary>
    public string Symbol => Knob.Symbol;

    /// <summary>Menu text ("jump κ").</summary>
    public string Title => Knob.Label;

    /// <summary>Null when <paramref name="value"/> is in the catalog's range (in <paramref name="norm"/>'s units for ε), else why not.</summary>
    public string? Check(double value, LpNorm norm = LpNorm.Linf) => For(norm).Check(value);

    /// <summary>True when the knob changes the defended model (so clean predictions change from point to point).</summary>
    public bool ChangesModel => OnModel is not null;

    /// <summary>The setup at <paramref name="value"/>: a model knob changes the defended model, never the source of a transfer attack.</summary>
    public SweepSetup Apply(SweepSetup setup, double value)
    {
        CheckValue(value);
        return OnModel is not null
            ? setup with { Model = OnModel(setup.Model, value) }
            : setup with { Settings = OnAttack!(setup.AttackSettings, value) };
    }

    /// <summary>A model at <paramref name="value"/> (model knobs only; a transfer matrix applies it to source and target alike).</summary>
    public ModelSpec ApplyToModel(ModelSpec model, double value)
    {
        CheckValue(value);
        return OnModel is not null ? OnModel(model, value) : throw new ArgumentException($"The knob '{Name}' changes the attack, not the model.");
    }

    private void CheckValue(double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentException($"{Name}: {value} is not a finite number.");
        if (Integer && (value != Math.Floor(value) || value < 0 || value > int.MaxValue))
            throw new ArgumentException($"{Name} takes whole numbers ≥ 0, got {value}.");
    }

    public override string ToString() => Name;
}
