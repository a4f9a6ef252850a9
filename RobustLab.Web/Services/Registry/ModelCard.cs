namespace RobustLab.Web.Services.Registry;

/// <summary>A registry model's card: what it is (layers or, for a TorchScript model, libtorch's submodules), its size and input, and its clean accuracy.</summary>
/// <param name="Backend">"native" (the engine) or "libtorch (TorchScript)".</param>
/// <param name="Accuracy">On the first <see cref="ModelCards.Examples"/> test images of <paramref name="Dataset"/>; null when they are not available (see <paramref name="AccuracyProblem"/>).</param>
/// <param name="NoRetrofitReason">Why activation retrofits are off for it, or null.</param>
public sealed record ModelCard(string Name, string Architecture, string Backend, string InputShape, int Classes, long ParameterCount,
    IReadOnlyList<LayerSummary> Layers, string Dataset, AccuracyResult? Accuracy, string? AccuracyProblem, string? NoRetrofitReason);
