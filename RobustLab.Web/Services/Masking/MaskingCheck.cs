using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Layers.Activations;
using RobustLab.Engine.Metrics;
using RobustLab.Web.Services.Jobs;
using RobustLab.Web.Services.Lab;

namespace RobustLab.Web.Services.Masking;

/// <summary>Runs <see cref="GradientMaskingProbe"/> on the first <see cref="Examples"/> MNIST test images as one of the circuit's jobs
/// (the shared queue), and judges the measurements with <see cref="GradientMasking"/> (Athalye et al. 2018 §3.1).</summary>
public sealed class MaskingCheck(LabResources resources, CircuitJobs jobs)
{
    public const int Examples = 40, SquareQueries = 300;

    /// <summary>Queues the check; the task completes with the signals (or the job's failure or cancellation).</summary>
    public Task<IReadOnlyList<MaskingSignal>> RunAsync(MaskingQuery query)
    {
        var done = new TaskCompletionSource<IReadOnlyList<MaskingSignal>>(TaskCreationOptions.RunContinuationsAsynchronously);
        jobs.Enqueue("gradient-masking check", async (ct, _) =>
        {
            try
            {
                var weights = await resources.ModelAsync(query.Model);
                var test = await resources.TestSetAsync(ct);
                var data = test.Subset(0, Math.Min(Examples, test.Count));
                var signals = await Task.Run(() =>
                {
                    IClassifier model = weights.Classifier(query.ActivationSpec, query.Seed); // refuses a retrofit of a TorchScript model
                    if (query.InputScaling is { } scaling) model = scaling.Wrap(model, query.Seed);
                    if (query.Smoothing is { } smoothing) model = smoothing.Wrap(model, query.Seed);
                    var m = GradientMaskingProbe.Measure(model, data.Images, data.Labels, query.Threat, query.Seed, SquareQueries, cancellationToken: ct);
                    return GradientMasking.Signals(m);
                }, ct);
                done.TrySetResult(signals);
            }
            catch (OperationCanceledException) { done.TrySetCanceled(); throw; }
            catch (Exception e) { done.TrySetException(e); throw; }
        });
        return done.Task;
    }
}
