namespace RobustLab.Web.Services.Experiments;

/// <summary>One recorded point as stored: its order in the experiment, its stream (<see cref="ExperimentSeries"/>) and its JSON.</summary>
public sealed record ExperimentPoint(int Seq, string Series, string Json);
