namespace RobustLab.Web.Services;

/// <summary>Progress of an accuracy evaluation: Evaluated of Total examples done, Correct of them right so far.</summary>
public sealed record EvaluationProgress(int Evaluated, int Total, int Correct)
{
    public double Fraction => Total == 0 ? 1 : (double)Evaluated / Total;
}
