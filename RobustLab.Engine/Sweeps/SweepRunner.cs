using System.Runtime.CompilerServices;

namespace RobustLab.Engine.Sweeps;

/// <summary>
/// The one sweep API: turns a knob over its values (or fills a source × target transfer matrix) and streams each
/// point as soon as it is measured, honouring cancellation and reporting progress.
/// </summary>
/// <remarks>
/// Points are computed on the thread pool, one at a time and only when the consumer asks for the next one, so a
/// consumer that stops (a moved slider) costs no further work. Cancellation also stops a point mid-way (attacks check
/// it every iteration). Work is reused across points: clean predictions once per model, crafted transfer examples
/// once per source model, and all the iterations of the "iterations" knob from one attack run.
/// </remarks>
public static class SweepRunner
{
    /// <summary>Streams the points of <paramref name="request"/>; throws <see cref="ArgumentException"/> at once for an invalid request.</summary>
    public static IAsyncEnumerable<SweepPoint> RunAsync(SweepRequest request, IProgress<SweepProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var cells = request.Cells();
        var run = new SweepRun(request, progress);
        bool oneRun = request.Knob == SweepKnobs.Iterations.Name && request.Setup.Attack is not null && request.Measures != SweepMeasures.CleanAccuracy;
        return oneRun ? IterationSweep.RunAsync(run, cells, cancellationToken) : PointsAsync(run, cells, cancellationToken);
    }

    /// <summary>One point at the setup itself (no knob): what <c>robustlab eval</c> reports.</summary>
    public static async Task<SweepPoint> EvaluateAsync(SweepSetup setup, SweepMeasures measures = SweepMeasures.All,
        IProgress<SweepProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        await foreach (var point in RunAsync(new SweepRequest(setup, null, [], Measures: measures), progress, cancellationToken))
            return point;
        throw new InvalidOperationException("A single evaluation yielded no point.");
    }

    private static async IAsyncEnumerable<SweepPoint> PointsAsync(SweepRun run, IReadOnlyList<SweepCell> cells, [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var cell in cells)
        {
            ct.ThrowIfCancellationRequested();
            yield return await Task.Run(() => run.Evaluate(cell, ct), ct);
        }
    }
}
