namespace RobustLab.Engine.Defenses;

/// <summary>The knobs of Kurakin et al.'s adversarial training (§3, Algorithm 1 and eq. 1), with MNIST defaults.</summary>
/// <param name="AdversarialFraction">k/m: the first k = round(m·fraction) examples of each (shuffled) minibatch of m become adversarial. Kurakin: k = 16 of m = 32.</param>
/// <param name="Lambda">λ, the loss weight of adversarial examples in eq. (1); clean ones weigh 1. Kurakin: 0.3.</param>
/// <param name="EpsilonSigma">σ of Kurakin's per-example ε = |N(0, σ²)| truncated to [0, 2σ]. Kurakin: σ = 8/255 on ImageNet.
/// MNIST default 0.15, so ε ∈ [0, 0.3]: the top of the range is the ε = 0.3 that the JumpReLU paper's robust LeNetLike (§4) and Madry et al. train with.</param>
/// <param name="FixedEpsilon">When set, every adversarial example uses this ε instead (the JumpReLU paper's FGSM at ε = 0.3; Kurakin §3 warns it makes the model robust to that ε only).</param>
/// <param name="EpsilonResolution">ε is rounded to this grid (default 1/255: Kurakin quotes ε in 0–255 pixel units, and 8-bit images stay 8-bit).
/// The generator runs once per distinct ε in a batch, so the grid bounds that count; 0 keeps ε continuous.</param>
/// <param name="Delay">Training steps of clean-only batches before adversarial examples start (Kurakin §4: 10k of ~150k steps; 0 when fine-tuning a pretrained model).</param>
/// <param name="Seed">Seeds ε and the generator (random starts, random targets) per step.</param>
/// <param name="AppendAdversarial">False: replace the k clean examples (Algorithm 1). True: keep all m clean examples and append the k adversarial copies (batch m + k),
/// as in Goodfellow et al. and Nemcovsky et al. eq. (23); see <see cref="Paired"/>.</param>
public sealed record AdversarialTrainingOptions(
    float AdversarialFraction = 0.5f,
    float Lambda = 0.3f,
    float EpsilonSigma = 0.15f,
    float? FixedEpsilon = null,
    float EpsilonResolution = 1f / 255,
    int Delay = 0,
    int Seed = 0,
    bool AppendAdversarial = false)
{
    /// <summary>
    /// Nemcovsky et al. eq. (23): L = (1−w)·mean L(clean) + w·mean L(adversarial) over the same examples. With every example
    /// paired (k = m, appended) eq. (1) gives (Σ L_clean + λ Σ L_adv)/(m + λm), which equals it for λ = w/(1−w).
    /// </summary>
    public static AdversarialTrainingOptions Paired(float adversarialWeight, float epsilonSigma = 0.15f, int seed = 0)
    {
        if (adversarialWeight is < 0 or >= 1) throw new ArgumentException($"Adversarial weight w must be in [0,1), got {adversarialWeight}.");
        return new(AdversarialFraction: 1f, Lambda: adversarialWeight / (1 - adversarialWeight), EpsilonSigma: epsilonSigma, Seed: seed, AppendAdversarial: true);
    }

    /// <summary>Throws <see cref="ArgumentException"/> with a clear message for out-of-range settings.</summary>
    public AdversarialTrainingOptions Validate()
    {
        if (AdversarialFraction is < 0 or > 1 || float.IsNaN(AdversarialFraction)) throw new ArgumentException($"Adversarial fraction k/m must be in [0,1], got {AdversarialFraction}.");
        if (!(Lambda >= 0) || !float.IsFinite(Lambda)) throw new ArgumentException($"λ must be finite and ≥ 0, got {Lambda}.");
        if (!(EpsilonSigma >= 0) || !float.IsFinite(EpsilonSigma)) throw new ArgumentException($"ε σ must be finite and ≥ 0, got {EpsilonSigma}.");
        if (FixedEpsilon is float e && (!(e >= 0) || !float.IsFinite(e))) throw new ArgumentException($"Fixed ε must be finite and ≥ 0, got {e}.");
        if (!(EpsilonResolution >= 0) || !float.IsFinite(EpsilonResolution)) throw new ArgumentException($"ε resolution must be finite and ≥ 0, got {EpsilonResolution}.");
        if (Delay < 0) throw new ArgumentException($"Delay must be ≥ 0 steps, got {Delay}.");
        return this;
    }

    /// <summary>Largest ε this configuration can draw.</summary>
    public float MaxEpsilon => FixedEpsilon ?? 2 * EpsilonSigma;
}
