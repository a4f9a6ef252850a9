using RobustLab.Engine.Catalog;
using RobustLab.Engine.Sweeps;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RobustLab.Tests.Web.Jobs;
using RobustLab.Tests.Web.Tradeoffs;
using RobustLab.Web.Services;
using RobustLab.Web.Services.Jobs;
using RobustLab.Web.Services.Limits;
using RobustLab.Web.Services.Registry;
using RobustLab.Web.Services.Training;
using RobustLab.Web.Services.Tradeoffs;

namespace RobustLab.Tests.Web.Limits;

// Jobs per user (RobustLab:Jobs:PerUser) and the queue's length (RobustLab:Jobs:MaxQueued): past either a job is
// refused with words the user can act on, and that answer reaches every page that queues work — Trade-offs (its
// SweepSession) and Train (its TrainingSession) show their session's Errors.
public sealed class JobLimitTests(SweepLab lab) : IDisposable, IClassFixture<SweepLab>
{
    private readonly List<IDisposable> _owned = [];

    public void Dispose()
    {
        foreach (var d in Enumerable.Reverse(_owned)) d.Dispose();
    }

    private JobQueue Queue(int concurrency = 1, int maxQueued = 0, int perUser = 1)
    {
        var queue = new JobQueue(Options.Create(new JobQueueOptions { Concurrency = concurrency, MaxQueued = maxQueued, PerUser = perUser }), NullLogger<JobQueue>.Instance);
        _owned.Add(queue);
        return queue;
    }

    private SweepSession Sweeps(CircuitJobs circuit) =>
        new(circuit, lab.Registry, lab.Data, Options.Create(new LimitsOptions()), NullLogger<SweepSession>.Instance);

    private static TradeoffsState Fgsm() => new()
    {
        Model = "lenet-like", Knob = SweepKnobs.Epsilon, ValuesMode = ValuesMode.List, ValuesText = "0, 0.3", Attack = "fgsm", Examples = 32,
    };

    private static JobHandle Occupy(JobQueue queue, string user, Gate gate) => queue.Enqueue(user, "Someone else's run", (token, _) => gate.Work(token));

    [Fact]
    public async Task A_user_may_have_as_many_jobs_as_the_setting_says_and_no_more()
    {
        var queue = Queue(concurrency: 1, maxQueued: 4, perUser: 2);
        Gate first = new(), second = new();
        var a = Occupy(queue, "alice", first);
        var b = Occupy(queue, "alice", second);
        Assert.Equal(JobState.Queued, b.Status.State); // the second waits its turn like anyone's

        var e = Assert.Throws<JobRejectedException>(() => Occupy(queue, "alice", new Gate()));
        Assert.Equal(JobRejection.UserHasJob, e.Reason);
        Assert.StartsWith("You already have 2 jobs (Someone else's run: Running; Someone else's run: Queued: next in line), the most one user may have.", e.Message);
        Assert.Equal([a, b], queue.ActiveJobsOf("alice"));
        Assert.NotNull(Occupy(queue, "bob", new Gate())); // other users are not affected

        queue.CancelJobsOf("alice", "The page was closed.");
        Assert.Equal(JobState.Cancelled, (await a.Completion.Bounded()).State);
        Assert.Equal(JobState.Cancelled, (await b.Completion.Bounded()).State);
        Assert.Empty(queue.ActiveJobsOf("alice"));
    }

    [Fact]
    public async Task The_busy_answer_reaches_the_trade_offs_page_and_the_next_try_after_the_queue_frees_runs()
    {
        var queue = Queue(concurrency: 1, maxQueued: 0);
        var gate = new Gate();
        var other = Occupy(queue, "someone-else", gate);
        using var circuit = new CircuitJobs(queue);
        using var session = Sweeps(circuit);

        Assert.False(await session.StartAsync(Fgsm()));
        var busy = Assert.Single(session.Errors);
        Assert.Equal("The lab is busy (1 jobs running, 0 waiting); try again in a minute.", busy);
        Assert.Null(session.Job);
        Assert.Empty(session.View().Series); // nothing half-made is left on the plot

        gate.Open();
        await other.Completion.Bounded();
        Assert.True(await session.StartAsync(Fgsm()), string.Join(" ", session.Errors));
        Assert.Empty(session.Errors);
        Assert.Equal(JobState.Completed, (await session.Job!.Completion.Bounded()).State);
    }

    [Fact]
    public async Task The_busy_answer_reaches_the_train_page()
    {
        using var tiny = new TinyLab(images: 40, trainImages: 64);
        var paths = new LabPaths(null, tiny.ModelsDirectory, tiny.DataDirectory, Path.Combine(tiny.Root, "registry"));
        var registry = new ModelRegistry(new ModelRegistrySettings(paths.RegistryDirectory, paths.ModelsDirectory, 1 << 20), NullLogger<ModelRegistry>.Instance);
        var data = new TrainingData(paths, Options.Create(new LabOptions { DownloadMnist = false }), NullLogger<TrainingData>.Instance);
        var queue = Queue(concurrency: 1, maxQueued: 0);
        var gate = new Gate();
        var other = Occupy(queue, "someone-else", gate);
        using var circuit = new CircuitJobs(queue);
        using var session = new TrainingSession(circuit, registry, data, NullLogger<TrainingSession>.Instance);

        Assert.False(session.Start(new TrainingRequest(Epochs: 1, BatchSize: 32, TrainExamples: 64, TestExamples: 0)));
        Assert.Equal(["The lab is busy (1 jobs running, 0 waiting); try again in a minute."], session.Errors);
        Assert.Null(session.Job);
        gate.Open();
        await other.Completion.Bounded();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task With_one_job_per_user_a_sweep_and_a_training_of_one_tab_do_not_run_at_once()
    {
        var queue = Queue(concurrency: 2, maxQueued: 4, perUser: 1);
        using var circuit = new CircuitJobs(queue);
        var gate = new Gate();
        var training = circuit.Enqueue("Train lenet-like", (token, _) => gate.Work(token)); // what the Train page queues
        using var session = Sweeps(circuit);                                                // and the same tab's Trade-offs page

        Assert.False(await session.StartAsync(Fgsm()));
        Assert.StartsWith("You already have a job (Train lenet-like: Running). Cancel it or wait until it ends.", Assert.Single(session.Errors));
        training.Cancel();
        await training.Completion.Bounded();
        Assert.True(await session.StartAsync(Fgsm()), string.Join(" ", session.Errors));
        await session.Job!.Completion.Bounded();
    }
}
