namespace RobustLab.Web.Services;

/// <summary>Top-1 accuracy: Correct of Total examples classified as labelled.</summary>
public sealed record AccuracyResult(int Correct, int Total)
{
    public double Accuracy => Total == 0 ? 0 : (double)Correct / Total;
}
