using RobustLab.Engine.Attacks;
using RobustLab.Engine.Defenses;
using RobustLab.Web.Services.Lab;

namespace RobustLab.Web.Services.Experiments;

/// <summary>Every control of the Lab page and the image under attack, as plain values: what a Lab snapshot stores to reopen the page as it was.</summary>
public sealed record LabSnapshotSettings(
    string Model,
    ActivationChoice Activation,
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
    TargetMode TargetMode,
    int TargetClass,
    int Seed,
    bool Compare,
    float[] Pixels,
    int? Label,
    ImageSource ImageSource,
    string ImageDescription,
    int? TestIndex)
{
    public static LabSnapshotSettings From(LabState state, LabImage image) => new(
        state.Model, state.Activation, state.Kappa, state.B, state.Alpha, state.Bpda, state.Smoothing, state.Sigma, state.Samples, state.Vote,
        state.InputScaling, state.Scale, state.ScaleClip, state.Attack, state.Norm, state.Epsilon, state.Unbounded, state.Steps, state.AutoStepSize,
        state.StepSize, state.RandomStart, state.EotSamples, state.TargetMode, state.TargetClass, state.Seed, state.Compare,
        [.. image.Pixels], image.Label, image.Source, image.Description, image.TestIndex);

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
        (state.Activation, state.Kappa, state.B, state.Alpha, state.Bpda) = (Activation, Kappa, B, Alpha, Bpda);
        (state.Smoothing, state.Sigma, state.Samples, state.Vote) = (Smoothing, Sigma, Samples, Vote);
        (state.InputScaling, state.Scale, state.ScaleClip) = (InputScaling, Scale, ScaleClip);
        (state.Unbounded, state.Steps, state.AutoStepSize, state.RandomStart, state.EotSamples) = (Unbounded, Steps, AutoStepSize, RandomStart, EotSamples);
        (state.TargetMode, state.TargetClass, state.Seed, state.Compare) = (TargetMode, TargetClass, Seed, Compare);
        return model;
    }
}
