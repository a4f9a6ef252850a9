using RobustLab.Engine.Attacks;
using RobustLab.Engine.Catalog;
using RobustLab.Engine.Defenses;
using RobustLab.Web.Services.Lab;

namespace RobustLab.Web.Services.Experiments;

/// <summary>Every control of the Lab page and the image under attack, as plain values: what a Lab snapshot stores to reopen the page as it was.</summary>
/// <param name="Activation">The activation's spec name ("jumprelu"; snapshots before the catalog stored "JumpReLU", which still reads).</param>
/// <param name="TargetMode">"ll", "random" or "class" (older snapshots: "LeastLikely", "Random", "Class").</param>
/// <param name="Knobs">Every other knob of the attack (overshoot, C&amp;W's settings, ...) by its catalog name; null in older snapshots.</param>
/// <param name="AutoKnobs">The knobs left at the attack's own default, by catalog name (null: only <paramref name="AutoStepSize"/> is known).</param>
public sealed record LabSnapshotSettings(
    string Model,
    string Activation,
    double Kappa,
    double B,
    double Alpha,
    bool Bpda,
    bool Smoothing,
    double Sigma,
    int Samples,
    SmoothingVote Vote,
    bool InputScaling,
    double Scale,
    bool ScaleClip,
    string Attack,
    LpNorm Norm,
    double Epsilon,
    bool Unbounded,
    int Steps,
    bool AutoStepSize,
    double StepSize,
    bool RandomStart,
    int EotSamples,
    string TargetMode,
    int TargetClass,
    int Seed,
    bool Compare,
    float[] Pixels,
    int? Label,
    ImageSource ImageSource,
    string ImageDescription,
    int? TestIndex,
    IReadOnlyDictionary<string, double>? Knobs = null,
    IReadOnlyList<string>? AutoKnobs = null)
{
    // Knobs with their own fields above; the rest go to Knobs.
    private static readonly AttackSetting[] OwnFields = [AttackSetting.Steps, AttackSetting.StepSize, AttackSetting.Samples];

    public static LabSnapshotSettings From(LabState state, LabImage image) => new(
        state.Model, state.Activation, state.Kappa, state.B, state.Alpha, state.Bpda, state.Smoothing, state.Sigma, state.Samples, state.Vote,
        state.InputScaling, state.Scale, state.ScaleClip, state.Attack, state.Norm, state.Epsilon, state.Unbounded, state.Steps, state.AutoStepSize,
        state.StepSize, state.RandomStart, state.EotSamples, state.TargetMode.Name, state.TargetClass, state.Seed, state.Compare,
        [.. image.Pixels], image.Label, image.Source, image.Description, image.TestIndex,
        state.Entry.Knobs.Where(k => !OwnFields.Contains(k.Setting)).ToDictionary(k => k.Option, k => state.KnobValue(k.Setting)),
        [.. state.Entry.Knobs.Where(k => k.Auto && state.IsAuto(k.Setting)).Select(k => k.Option)]);

    /// <summary>Sets <paramref name="state"/> to these settings (the model only if it is one of <paramref name="models"/>).</summary>
    /// <returns>False when the model is not available (the rest is applied).</returns>
    /// <exception cref="ArgumentException">The image is not a valid 28×28 image.</exception>
    public bool ApplyTo(LabState state, IEnumerable<string> models)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.SetImage(LabImage.Validated([.. Pixels], Label, ImageSource, ImageDescription, TestIndex));
        bool model = state.SetModel(Model, models);
        // The attack and its norm first: they decide the ranges (and reset ε and α when the norm changes).
        state.Attack = Attack;
        state.Norm = Norm;
        (state.Epsilon, state.StepSize) = (Epsilon, StepSize);
        (state.Activation, state.Kappa, state.B, state.Alpha, state.Bpda) = (ActivationName(Activation), Kappa, B, Alpha, Bpda);
        (state.Smoothing, state.Sigma, state.Samples, state.Vote) = (Smoothing, Sigma, Samples, Vote);
        (state.InputScaling, state.Scale, state.ScaleClip) = (InputScaling, Scale, ScaleClip);
        (state.Unbounded, state.Steps, state.AutoStepSize, state.RandomStart, state.EotSamples) = (Unbounded, Steps, AutoStepSize, RandomStart, EotSamples);
        var mode = Engine.Catalog.TargetMode.Find(TargetMode) ?? Engine.Catalog.TargetMode.All.FirstOrDefault(m => m.Name == OldTargetModes.GetValueOrDefault(TargetMode));
        (state.TargetMode, state.TargetClass, state.Seed, state.Compare) = (mode ?? state.TargetMode, TargetClass, Seed, Compare);
        foreach (var knob in state.Entry.Knobs)
        {
            if (Knobs?.TryGetValue(knob.Option, out var value) == true) state.SetKnob(knob.Setting, value);
            if (knob.Auto && knob.Setting != AttackSetting.StepSize && AutoKnobs is not null) state.SetAuto(knob.Setting, AutoKnobs.Contains(knob.Option));
        }
        return model;
    }

    private static readonly Dictionary<string, string> OldTargetModes = new() { ["LeastLikely"] = "ll", ["Random"] = "random", ["Class"] = "class" };

    // Snapshots stored before the catalog named the activation by an enum member ("RandomizedJumpReLU").
    private static string ActivationName(string stored) => stored switch
    {
        "ReLU" => "relu",
        "JumpReLU" => "jumprelu",
        "RandomizedJumpReLU" => "rjumprelu",
        "SlopedReLU" => "srelu",
        _ => stored,
    };
}
