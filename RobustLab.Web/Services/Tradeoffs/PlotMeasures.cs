namespace RobustLab.Web.Services.Tradeoffs;

/// <summary>The measurements a run plots (a set, so settings compare by value); <see cref="PlotMeasure.All"/> describes each.</summary>
[Flags]
public enum PlotMeasures
{
    None = 0,
    CleanAccuracy = 1,
    AdversarialAccuracy = 2,
    AttackSuccessRate = 4,
    FoolingRate = 8,
    RhoL2 = 16,
    RhoLinf = 32,
    MeanL2 = 64,
    MeanLinf = 128,
    TransferRate = 256,
}
