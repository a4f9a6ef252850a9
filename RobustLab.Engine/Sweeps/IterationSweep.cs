using System.Runtime.CompilerServices;
using System.Threading.Channels;
using RobustLab.Engine.Attacks;
using RobustLab.Engine.Tensors;

namespace RobustLab.Engine.Sweeps;

/// <summary>Accuracy after t iterations for every requested t from ONE attack run per batch (JumpReLU App. B, Fig. 8).</summary>
/// <remarks>
/// The attack runs for the largest t and reports its iterates through <see cref="Attacks.AttackContext.Iterate"/>; the
/// iterate at each requested t is measured on a separate instance of the defended model, so the attack's own model sees
/// exactly the calls of a plain run. With the same seed, the point at t equals a separate run of t iterations whenever
/// the step size does not depend on the number of iterations (PGD; BIM and iter. l.l. given an explicit step size). A point's
/// attack label names the run and t ("pgd L∞ ε=0.3 steps=40, after 10").
/// A point is complete when the last batch reaches its t, so points stream during the last batch's run. An attack
/// that does not report its iterates is run again with t iterations for each t it did not report.
/// NOTE: the iterate of every requested t is kept for the whole subset until its point is out (T·N examples).
/// </remarks>
internal static class IterationSweep
{
    public static async IAsyncEnumerable<SweepPoint> RunAsync(SweepRun run, IReadOnlyList<SweepCell> cells, [EnumeratorCancellation] CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var channel = Channel.CreateUnbounded<SweepPoint>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(() =>
        {
            try
            {
                Produce(run, cells, channel.Writer, stop.Token);
                channel.Writer.TryComplete();
            }
            catch (Exception e)
            {
                channel.Writer.TryComplete(e);
            }
        }, CancellationToken.None);
        try
        {
            await foreach (var point in channel.Reader.ReadAllAsync(ct)) yield return point;
        }
        finally
        {
            // The consumer stopped early or the sweep ended: stop the run and wait for it (it reports errors through the channel).
            stop.Cancel();
            await producer;
        }
    }

    private static void Produce(SweepRun run, IReadOnlyList<SweepCell> cells, ChannelWriter<SweepPoint> writer, CancellationToken ct)
    {
        var setup = cells[^1].Setup;
        var data = setup.Data;
        var attack = setup.CreateAttack()!;
        var index = cells.Select((c, i) => (T: (int)c.Value!.Value, i)).ToDictionary(p => p.T, p => p.i);
        var attacker = setup.Attacker.CreateClassifier(ct);
        var measured = setup.Model.CreateClassifier(ct);
        var clean = run.CleanPredictions(setup.Model, measured, setup, ct);
        var builders = cells.Select(_ => new ResultBuilder(data.Images, data.Labels, attack.Targeted)).ToArray();
        int batches = Math.Max(1, (data.Count + setup.BatchSize - 1) / setup.BatchSize), next = 0;
        double done = 0;
        void Emit(bool[] seen)
        {
            for (; next < cells.Count && seen[next]; next++)
            {
                var point = run.Point(cells[next], clean, builders[next].Build(), run.Elapsed.TotalSeconds);
                writer.TryWrite(point with { Attack = $"{setup.AttackLabel}, after {cells[next].Value}" });
                run.PointDone(done);
            }
        }
        if (data.Count == 0) Emit(Enumerable.Repeat(true, cells.Count).ToArray());
        foreach (var (b, start, count) in ResultBuilder.Batches(data.Count, setup.BatchSize))
        {
            ct.ThrowIfCancellationRequested();
            var x = data.Images.Slice(start, count);
            var labels = data.Labels.AsSpan(start, count).ToArray();
            var targets = SweepRun.Targets(setup, attack, attacker, x, start, out var fromLogits);
            var known = setup.Source is null ? clean.AsSpan(start, count).ToArray() : fromLogits;
            var seen = new bool[cells.Count];
            bool last = b == batches - 1;
            void Record(int i, Tensor iterate)
            {
                builders[i].Add(start, AttackResult.Measure(measured, x, iterate, labels, targets, clean[start..(start + count)]));
                seen[i] = true;
                if (last) Emit(seen);
            }
            void Progress(double f) => run.ReportFraction(done = (b + f) / batches);
            attack.Run(attacker, x, labels, SweepRun.Context(setup, b, targets, known, ct, Progress,
                (t, iterate) => { if (index.TryGetValue(t, out int i) && !seen[i]) Record(i, iterate); }));
            for (int i = 0; i < cells.Count; i++)
            {
                if (seen[i]) continue;
                var separate = cells[i].Setup.CreateAttack()!;
                Record(i, separate.Run(attacker, x, labels, SweepRun.Context(setup, b, targets, known, ct, Progress)).Adversarial);
            }
        }
        run.ReportFraction(1);
    }
}
