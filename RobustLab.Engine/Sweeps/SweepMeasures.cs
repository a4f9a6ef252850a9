namespace RobustLab.Engine.Sweeps;

/// <summary>The measurements a sweep takes at each point; the others are null in its <see cref="SweepPoint"/>s.</summary>
/// <remarks>Only <see cref="CleanAccuracy"/> needs no attack: a sweep that asks for nothing else runs none.</remarks>
[Flags]
public enum SweepMeasures
{
    CleanAccuracy = 1,
    AdversarialAccuracy = 2,
    AttackSuccessRate = 4,
    FoolingRate = 8,
    /// <summary>ρ₂ and ρ∞, the average minimal relative perturbation (JumpReLU eq. 12).</summary>
    Rho = 16,
    /// <summary>Mean ‖x̃ − x‖₂ and ‖x̃ − x‖∞.</summary>
    MeanPerturbation = 32,
    /// <summary>Transfer rate of a transfer attack (Kurakin §4.4, on examples the clean target classifies correctly).</summary>
    TransferRate = 64,
    /// <summary>The fraction of examples whose clean input gradient is exactly zero (<see cref="Metrics.ZeroGradient"/>), the
    /// gradient-masking signal; one extra gradient pass, so not part of <see cref="All"/>.</summary>
    ZeroGradient = 128,
    All = CleanAccuracy | AdversarialAccuracy | AttackSuccessRate | FoolingRate | Rho | MeanPerturbation | TransferRate,
}
