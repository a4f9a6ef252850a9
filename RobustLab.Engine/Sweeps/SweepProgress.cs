namespace RobustLab.Engine.Sweeps;

/// <summary>How far a sweep is: the fraction of its work done, the points finished, and the time it took so far.</summary>
/// <param name="Fraction">Work done, in [0,1] (points, batches and attack iterations all count).</param>
/// <param name="PointsDone">Points yielded so far.</param>
/// <param name="PointsTotal">Points the sweep will yield.</param>
/// <param name="Elapsed">Time since the sweep started.</param>
public sealed record SweepProgress(double Fraction, int PointsDone, int PointsTotal, TimeSpan Elapsed)
{
    /// <summary>Time left if the rest goes at the pace so far (null before any work is done). Reused work makes later points faster.</summary>
    public TimeSpan? Remaining => Fraction > 0 ? Elapsed * ((1 - Fraction) / Fraction) : null;
}
