namespace RobustLab.Web.Components.Plots;

/// <summary>New points for some traces, in one Plotly.extendTraces call: X[i] and Y[i] extend trace Indices[i].</summary>
/// <param name="MaxPoints">Keep only the last this many points of each trace (null: keep all).</param>
public sealed record PlotExtension(IReadOnlyList<int> Indices, IReadOnlyList<IReadOnlyList<double>> X,
    IReadOnlyList<IReadOnlyList<double>> Y, int? MaxPoints = null)
{
    /// <summary>Points in this extension, over all traces.</summary>
    public int PointCount => X.Sum(x => x.Count);
}
