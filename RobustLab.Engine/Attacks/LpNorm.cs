namespace RobustLab.Engine.Attacks;

/// <summary>The norm of a threat model: L∞ (every pixel moves at most ε) or L2 (Euclidean length at most ε).</summary>
public enum LpNorm
{
    Linf,
    L2,
}
