using RobustLab.Engine.Attacks;
using RobustLab.Engine.Defenses;

namespace RobustLab.Web.Services.Lab;

/// <summary>One computation of the Lab: everything it needs, validated and frozen (a snapshot of <see cref="LabState"/>).</summary>
/// <param name="Version">Increases with every change on the page, so the newest result wins.</param>
/// <param name="ActivationSpec">The retrofitted activation as <see cref="Engine.Layers.Activations.ActivationCatalog"/> parses it ("relu", "jumprelu:1").</param>
/// <param name="Bpda">Backward passes through ReLU instead of the retrofitted activation (BPDA, Athalye et al. §4.1).</param>
/// <param name="Smoothing">Randomized smoothing around the (retrofitted) network, or null.</param>
/// <param name="InputScaling">Input scaling in front of the network, or null.</param>
/// <param name="Target">How a targeted attack picks its target (ignored by untargeted attacks).</param>
/// <param name="Seed">Seeds the attack, randomized activations and smoothing noise.</param>
/// <param name="Compare">Also attack the undefended network, to show both side by side.</param>
public sealed record LabRequest(
    long Version,
    LabImage Image,
    string Model,
    string ActivationSpec,
    bool Bpda,
    SmoothingSpec? Smoothing,
    InputScalingSpec? InputScaling,
    string Attack,
    AttackSettings Settings,
    TargetChoice Target,
    int Seed,
    bool Compare)
{
    /// <summary>True when any defense is on (the attacked model differs from the trained network).</summary>
    public bool Defended => ActivationSpec != "relu" || Smoothing is not null || InputScaling is not null;
}
