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
    /// <remarks>
    /// Each curve point is the mean loss and accuracy over the batches since the previous point, recovered exactly from
    /// the trainer's running epoch means: with n_b examples seen after batch b and running mean L_b, the window
    /// (a, b] has mean (L_b·n_b − L_a·n_a)/(n_b − n_a). n_b counts the examples each step really trained on (an
    /// adversarial rewrite may append examples), taken from the batch rewrite.
    /// </remarks>
    public static IReadOnlyList<EpochResult> Run(TrainingRequest request, Network network, Dataset train, Dataset? test,
        Action<TrainingPoint> onPoint, Action<EpochPoint> onEpoch, IProgress<JobProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var rewrite = request.BatchTransform();
        int lastBatch = 0;
        var trainer = new Trainer(network, request.ToTrainingOptions())
        {
            BatchTransform = (net, images, labels, step) =>
            {
                var batch = rewrite is null ? (images, labels, null) : rewrite(net, images, labels, step);
                lastBatch = batch.Labels.Length;
                return batch;
            },
            EpochCompleted = e => onEpoch(new EpochPoint(e.Epoch, e.Loss, e.TrainAccuracy, e.TestAccuracy)),
        };
        int batches = (train.Count + request.BatchSize - 1) / request.BatchSize;
        int every = Math.Max(1, batches / PointsPerEpoch);
        long seen = 0;
        double lossSum = 0, correct = 0; // at the previous point, this epoch
        long seenAtPoint = 0;
        var reporter = new Reporter(p =>
        {
            if (p.Batch == 1) (seen, seenAtPoint, lossSum, correct) = (0, 0, 0, 0);
            seen += lastBatch;
            progress?.Report(new JobProgress(p.Fraction, $"Epoch {p.Epoch} of {p.Epochs}, batch {p.Batch} of {p.Batches}"));
            if (p.Batch % every != 0 && p.Batch != p.Batches) return;
            double sumNow = (double)p.Loss * seen, correctNow = (double)p.Accuracy * seen;
            long n = seen - seenAtPoint;
            onPoint(new TrainingPoint(p.Epoch - 1 + (double)p.Batch / p.Batches, (sumNow - lossSum) / n, Math.Clamp((correctNow - correct) / n, 0, 1)));
            (lossSum, correct, seenAtPoint) = (sumNow, correctNow, seen);
        });
        return trainer.Fit(train, test is { Count: > 0 } ? test : null, reporter, cancellationToken);
    }

    // Reports on the trainer's thread, in order.
    private sealed class Reporter(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
