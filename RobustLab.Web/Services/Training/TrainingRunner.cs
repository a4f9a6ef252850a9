using RobustLab.Engine.Data;
using RobustLab.Engine.Models;
using RobustLab.Engine.Training;
using RobustLab.Web.Services.Jobs;

namespace RobustLab.Web.Services.Training;

/// <summary>Runs one training request on the engine's <see cref="Trainer"/>, reporting curve points and job progress as it goes.</summary>
/// <remarks>Plain engine code apart from <see cref="JobProgress"/>: no ASP.NET, no page. The network is trained in place.</remarks>
public static class TrainingRunner
{
    /// <summary>About this many curve points per epoch (at least one per batch when epochs are short).</summary>
    public const int PointsPerEpoch = 40;

    /// <summary>Trains <paramref name="network"/> on <paramref name="train"/>, measuring <paramref name="test"/> (may be empty) after each epoch.</summary>
    public static IReadOnlyList<EpochResult> Run(TrainingRequest request, Network network, Dataset train, Dataset? test,
        Action<TrainingPoint> onPoint, Action<EpochPoint> onEpoch, IProgress<JobProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var trainer = new Trainer(network, request.ToTrainingOptions())
        {
            BatchTransform = request.BatchTransform(),
            EpochCompleted = e => onEpoch(new EpochPoint(e.Epoch, e.Loss, e.TrainAccuracy, e.TestAccuracy)),
        };
        int batches = (train.Count + request.BatchSize - 1) / request.BatchSize;
        int every = Math.Max(1, batches / PointsPerEpoch);
        var reporter = new Reporter(p =>
        {
            progress?.Report(new JobProgress(p.Fraction, $"Epoch {p.Epoch} of {p.Epochs}, batch {p.Batch} of {p.Batches}"));
            if (p.Batch % every == 0 || p.Batch == p.Batches)
                onPoint(new TrainingPoint(p.Epoch - 1 + (double)p.Batch / p.Batches, p.Loss, p.Accuracy));
        });
        return trainer.Fit(train, test is { Count: > 0 } ? test : null, reporter, cancellationToken);
    }

    // Reports on the trainer's thread, in order.
    private sealed class Reporter(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
