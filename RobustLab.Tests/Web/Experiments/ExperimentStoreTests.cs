using Microsoft.Data.Sqlite;
using RobustLab.Web.Services.Experiments;
using RobustLab.Web.Services.Tradeoffs;

namespace RobustLab.Tests.Web.Experiments;

// The store's list, search, filters, sorts, rename, note and delete, on a fresh database; a damaged row is named in its
// message while the list and the other experiments carry on; runs left "running" by a stopped server become interrupted.
public sealed class ExperimentStoreTests : IDisposable
{
    private readonly ExperimentLab _lab = new();

    public void Dispose() => _lab.Dispose();

    private ExperimentStore Store => _lab.Store;

    [Fact]
    public void A_recorded_experiment_comes_back_with_its_settings_points_timing_and_version()
    {
        var settings = ExperimentLab.SmallSweep() with { SeriesName = "first run" };
        long id = _lab.Record(settings, points: 3);
        var experiment = Store.Get(id);

        Assert.Equal(ExperimentKind.Sweep, experiment.Kind);
        Assert.Equal(ExperimentStatus.Completed, experiment.Summary.Status);
        Assert.Equal(settings, experiment.Sweep); // the whole state, value for value
        Assert.Equal([0, 1, 2], experiment.SweepPoints.Select(p => p.Index));
        Assert.Equal(0.9f - 2 * 0.1f, experiment.SweepPoints[2].AdversarialAccuracy);
        var model = Assert.Single(experiment.Models);
        Assert.Equal("lenet-like", model.Name);
        Assert.Equal(_lab.Registry.Find("lenet-like")!.Sha256, model.Sha256);
        Assert.Equal(["lenet-like"], experiment.Summary.Models);
        Assert.Equal("fgsm L∞", experiment.Summary.Attack);
        Assert.Equal((5, 32, "eps"), (experiment.Summary.Seed!.Value, experiment.Summary.Examples!.Value, experiment.Summary.Knob));
        Assert.Equal(SoftwareVersion.Current, experiment.Summary.SoftwareVersion);
        Assert.StartsWith("1.0.0", SoftwareVersion.Current);
        Assert.NotNull(experiment.Summary.Duration);
        Assert.True(experiment.Summary.Ended >= experiment.Summary.Started);
        Assert.Equal(3, experiment.Summary.PointCount);
        Assert.Equal(3, Assert.Single(Store.List()).PointCount);
        // The plot as it was: one series over the stored ε values.
        var view = experiment.SweepView()!;
        Assert.Equal([0, 0.1, 0.2], view.Values);
        Assert.Equal(3, Assert.Single(view.Series).Points.Count);
        Assert.Null(Store.Find(id + 1000));
        Assert.Throws<ExperimentNotFoundException>(() => Store.Get(id + 1000));
    }

    [Fact]
    public void Search_filters_and_sorts_run_in_the_database()
    {
        long fgsm = _lab.Record(ExperimentLab.SmallSweep(), 2);
        long pgd = _lab.Record(ExperimentLab.SmallSweep() with { Attack = "pgd", Activation = TradeoffsState.JumpRelu, ActivationValue = 1 }, 4, ExperimentStatus.Failed);
        long smoothed = _lab.Record(ExperimentLab.SmallSweep() with { SmoothingOn = true, Examples = 16 }, 1, ExperimentStatus.Cancelled);
        Store.Rename(pgd, "Zebra PGD against JumpReLU");
        Store.SetNote(smoothed, "compare with the paper's figure 3");

        Assert.Equal([smoothed, pgd, fgsm], Ids(new ExperimentQuery()));                       // newest first
        Assert.Equal([fgsm, pgd, smoothed], Ids(new ExperimentQuery(Descending: false)));
        Assert.Equal([pgd], Ids(new ExperimentQuery(Attack: "pgd")));
        Assert.Equal([pgd], Ids(new ExperimentQuery(Defense: "jumprelu")));
        Assert.Equal([smoothed], Ids(new ExperimentQuery(Defense: "smoothing")));
        Assert.Equal([pgd], Ids(new ExperimentQuery(Status: ExperimentStatus.Failed)));
        Assert.Equal([smoothed, pgd, fgsm], Ids(new ExperimentQuery(Model: "LENET-like", Kind: ExperimentKind.Sweep)));
        Assert.Empty(Ids(new ExperimentQuery(Model: "lenet")));                                 // a model matches by its whole name
        Assert.Empty(Ids(new ExperimentQuery(Kind: ExperimentKind.Training)));
        Assert.Equal([pgd], Ids(new ExperimentQuery(Text: "zebra jumprelu")));                  // every word, anywhere
        Assert.Equal([smoothed], Ids(new ExperimentQuery(Text: "figure 3")));
        Assert.Empty(Ids(new ExperimentQuery(Text: "100%_")));                                  // LIKE wildcards are text
        Assert.Equal([fgsm, pgd, smoothed], Ids(new ExperimentQuery(Sort: ExperimentSort.Defense, Descending: false))); // "", jumprelu, smoothing
        Assert.Equal(pgd, Ids(new ExperimentQuery(Sort: ExperimentSort.Name, Descending: true))[0]);
        Assert.Equal([smoothed, fgsm, pgd], Ids(new ExperimentQuery(Sort: ExperimentSort.Status, Descending: false))); // cancelled, completed, failed
        Assert.Equal([pgd], Ids(new ExperimentQuery(Sort: ExperimentSort.Attack, Limit: 1)));
        Assert.Equal(3, Ids(new ExperimentQuery(Sort: ExperimentSort.Duration)).Count);
        Assert.Equal([pgd], Ids(new ExperimentQuery(Offset: 1, Limit: 1)));
        Assert.Empty(Ids(new ExperimentQuery(From: DateTimeOffset.UtcNow.AddMinutes(1))));
        Assert.Equal(3, Ids(new ExperimentQuery(From: DateTimeOffset.UtcNow.AddHours(-1), To: DateTimeOffset.UtcNow.AddMinutes(1))).Count);
    }

    [Fact]
    public void Rename_note_and_delete_change_one_experiment_and_say_so()
    {
        long keep = _lab.Record(ExperimentLab.SmallSweep(), 2);
        long doomed = _lab.Record(ExperimentLab.SmallSweep(), 3);
        int changes = 0;
        Store.Changed += () => changes++;

        Store.Rename(keep, "  baseline  ");
        Store.SetNote(keep, "the first one");
        Assert.Equal(("baseline", "the first one", "baseline"), (Store.Get(keep).Summary.Name, Store.Get(keep).Summary.Note, Store.Get(keep).Summary.Title));
        Assert.Contains("at most 200", Assert.Throws<ExperimentException>(() => Store.Rename(keep, new string('x', 201))).Message);
        Assert.Throws<ExperimentNotFoundException>(() => Store.SetNote(999, "x"));

        Store.Delete(doomed);
        Assert.Null(Store.Find(doomed));
        Assert.Equal([keep], Store.List().Select(s => s.Id));
        Assert.Equal(2, Store.Get(keep).Points.Count);
        Assert.Equal(0L, Scalar($"SELECT COUNT(*) FROM experiment_points WHERE experiment_id = {doomed};")); // its points went with it
        Assert.Throws<ExperimentNotFoundException>(() => Store.Delete(doomed));
        Assert.Equal(3, changes);

        var running = Store.BeginSweep(ExperimentLab.SmallSweep());
        Assert.Contains("still running", Assert.Throws<ExperimentException>(() => Store.Delete(running.Id)).Message);
        running.Finish();
        Store.Delete(running.Id);
    }

    [Fact]
    public void A_damaged_row_gives_a_clear_message_and_the_others_still_work()
    {
        long good = _lab.Record(ExperimentLab.SmallSweep(), 2);
        long bad = _lab.Record(ExperimentLab.SmallSweep(), 2);
        long badPoint = _lab.Record(ExperimentLab.SmallSweep(), 2);
        Execute($"UPDATE experiments SET config_json = '{{\"knob\": \"eps\", ' WHERE id = {bad};");
        Execute($"UPDATE experiment_points SET json = '[1, 2' WHERE experiment_id = {badPoint} AND seq = 1;");

        var e = Assert.Throws<ExperimentException>(() => Store.Get(bad));
        Assert.Contains($"Experiment #{bad} cannot be opened", e.Message);
        Assert.Contains("configuration (config_json) is not valid", e.Message);
        Assert.Contains("other experiments are not affected", e.Message);
        Assert.Contains("point 1 (point) is not valid", Assert.Throws<ExperimentException>(() => Store.ExportJson(badPoint)).Message);

        Assert.Equal([badPoint, bad, good], Store.List().Select(s => s.Id)); // the list reads no JSON
        Assert.Equal(2, Store.Get(good).SweepPoints.Count);
        Assert.Contains("\"robustlab-experiment\"", Store.ExportJson(good));
        Store.Delete(bad); // a damaged experiment can still be deleted
        Assert.Equal("ok", ExperimentLab.IntegrityCheck(_lab.DatabasePath));
    }

    [Fact]
    public void Runs_left_running_by_a_stopped_server_become_interrupted_with_their_points()
    {
        var run = Store.BeginSweep(ExperimentLab.SmallSweep());
        run.Add(ExperimentSeries.SweepPoint, new Engine.Sweeps.SweepPoint("s", "eps", 0, 0, null, 32, 0.9f, 0.9f, null, null, null, null, null, null, null, 0.1, "lenet-like", null, "fgsm"));
        long done = _lab.Record(ExperimentLab.SmallSweep(), 1);
        Assert.Equal(ExperimentStatus.Running, Store.Get(run.Id).Summary.Status);

        // The server stops (the run never finishes) and starts again: a new store over the same database.
        var restarted = _lab.NewStore();
        var interrupted = restarted.Get(run.Id).Summary;
        Assert.Equal(ExperimentStatus.Interrupted, interrupted.Status);
        Assert.Equal(ExperimentStatus.InterruptedMessage, interrupted.StatusMessage);
        Assert.Equal(1, interrupted.PointCount);
        Assert.NotNull(interrupted.Ended);
        Assert.Equal(ExperimentStatus.Completed, restarted.Get(done).Summary.Status);
        // The old run's late writes are refused without harm: its experiment is no longer running.
        run.Add(ExperimentSeries.SweepPoint, new Engine.Sweeps.SweepPoint("s", "eps", 1, 0.1, null, 32, 0.9f, 0.5f, null, null, null, null, null, null, null, 0.1, "lenet-like", null, "fgsm"));
        run.Finish();
        Assert.Equal((ExperimentStatus.Interrupted, 1), (restarted.Get(run.Id).Summary.Status, restarted.Get(run.Id).Points.Count));
    }

    [Fact]
    public void The_csv_export_has_every_point()
    {
        long id = _lab.Record(ExperimentLab.SmallSweep(), 3);
        var lines = Store.ExportCsv(id).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Equal(string.Join(",", SweepExport.Columns), lines[0]);
        Assert.StartsWith("s,eps,2,0.2,,32,0.9,", lines[3]);
    }

    private List<long> Ids(ExperimentQuery query) => [.. Store.List(query).Select(s => s.Id)];

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_lab.DatabasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private long Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_lab.DatabasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
