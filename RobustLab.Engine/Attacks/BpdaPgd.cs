using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Defenses;
using RobustLab.Engine.Layers;
using RobustLab.Engine.Layers.Activations;
using RobustLab.Engine.Tensors;

namespace RobustLab.Engine.Attacks;

/// <summary>BPDA (Athalye, Carlini &amp; Wagner 2018, §4.1): PGD whose backward passes go through plain ReLU in place of JumpReLU / SReLU.</summary>
/// <remarks>
/// The forward pass stays the defended one; only the gradient uses the substitute g ≈ f (ReLU for
/// JumpReLU(κ), randomized JumpReLU and SReLU(α) — the activations retrofitted into a ReLU-trained net).
/// For the run, every such slot of every network inside the target (through wrappers such as smoothing)
/// gets ReLU as its <see cref="ActivationSlot.BackwardFunction"/>; the previous surrogates are restored
/// afterwards, also when the attack throws or is cancelled. On a plain ReLU model BPDA-PGD is PGD.
/// With <c>marginLoss</c> ("bpda-pgd-margin") PGD ascends C&amp;W's margin maxⱼ≠y zⱼ − z_y (<see cref="Losses.Margin"/>) instead
/// of the cross-entropy. NOTE: SReLU(α) masks through the softmax, not the activation's gradient: logits scaled by about
/// α^depth saturate it, ∂J/∂z rounds to exactly zero and no backward substitute can bring it back; the margin reads the
/// logits and breaks the defense without a substitute network (README, Borji BPDA).
/// </remarks>
public sealed class BpdaPgd(ThreatModel threat, int steps, float stepSize, bool randomStart = true, bool marginLoss = false) : Attack
{
    private readonly Pgd _pgd = new(threat, steps, stepSize, randomStart, marginLoss: marginLoss);

    public ThreatModel Threat => _pgd.Threat;
    public int Steps => _pgd.Steps;
    public float StepSize => _pgd.StepSize;
    public bool RandomStart => _pgd.RandomStart;
    public bool MarginLoss => _pgd.MarginLoss;

    public override string Name => MarginLoss ? "bpda-pgd-margin" : "bpda-pgd";

    protected override Tensor Perturb(IClassifier model, Tensor x, int[] labels, AttackContext context)
    {
        var substituted = new List<(ActivationSlot Slot, Activation? Previous)>();
        try
        {
            foreach (var slot in Substitutable(model).Distinct())
            {
                substituted.Add((slot, slot.BackwardFunction));
                slot.BackwardFunction = new ReLU();
            }
            return PerturbWith(_pgd, model, x, labels, context);
        }
        finally
        {
            for (int i = substituted.Count - 1; i >= 0; i--) substituted[i].Slot.BackwardFunction = substituted[i].Previous;
        }
    }

    /// <summary>The slots of the networks inside <paramref name="model"/> whose activation is a ReLU retrofit (JumpReLU, randomized JumpReLU, SReLU).</summary>
    public static IEnumerable<ActivationSlot> Substitutable(IClassifier model)
    {
        for (var current = model; current is not null; current = (current as IClassifierWrapper)?.Inner)
            if (current is NetworkClassifier network)
                foreach (var slot in network.Network.Slots)
                    if (slot.Function is JumpReLU or RandomizedJumpReLU or SlopedReLU)
                        yield return slot;
    }
}
