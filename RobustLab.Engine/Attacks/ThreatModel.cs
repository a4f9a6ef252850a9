namespace RobustLab.Engine.Attacks;

/// <summary>The attacker's budget: ‖x̃ − x‖ ≤ ε in <see cref="Norm"/>, and x̃ ∈ [0,1] (pixels).</summary>
/// <remarks>ε is in pixel units of [0,1]; Kurakin et al. quote ε in 0–255 units (ε₂₅₅ = 255·ε).</remarks>
public sealed record ThreatModel(LpNorm Norm, float Epsilon)
{
    public ThreatModel Validate()
    {
        if (!float.IsFinite(Epsilon) || Epsilon < 0) throw new ArgumentException($"ε must be finite and ≥ 0, got {Epsilon}.");
        if (Norm == LpNorm.Linf && Epsilon > 1) throw new ArgumentException($"An L∞ ε above 1 is meaningless for pixels in [0,1], got {Epsilon}.");
        return this;
    }

    public override string ToString() => $"{(Norm == LpNorm.Linf ? "L∞" : "L2")} ε={Epsilon:G4}";
}
