using RobustLab.Engine.Catalog;
using System.Collections.Concurrent;
using RobustLab.Engine.Attacks;
using RobustLab.Engine.Data;
using TrainedModel = RobustLab.Tests.Attacks.TrainedModel;
using RobustLab.Web.Services;
using RobustLab.Web.Services.Lab;

namespace RobustLab.Tests.Web.Lab;

// The Lab's computation on the committed default model and real MNIST test digits.
public sealed class LabServiceTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly CommittedModelLab _lab = new();
    private LabService _service => _lab.Service;

    public void Dispose() => _lab.Dispose();

    // Test digit `index` of MNIST with the given settings on top of the Lab's defaults (lenet-like, PGD-40, L∞ ε = 0.3).
    private static LabState State(int index = 0, Action<LabState>? configure = null)
    {
        var test = TrainedModel.MnistTest(1, index);
        var state = new LabState();
        state.SetImage(LabImage.Validated(test.Images.Data, test.Labels[0], ImageSource.Mnist, $"test #{index}", index));
        configure?.Invoke(state);
        return state;
    }

    private Task<LabResult> Compute(LabState state) => _service.ComputeAsync(state.ToRequest()!);

    [Fact]
    public async Task Pgd40_at_epsilon_03_fools_the_undefended_model()
    {
        var result = await Compute(State());
        var view = Assert.Single(result.Attacks);
        Assert.True(result.LabelKnown);
        Assert.Equal(7, result.Label);
        Assert.Equal(7, view.CleanPrediction);
        Assert.NotEqual(7, view.AdversarialPrediction);
        Assert.True(view.Success);
        Assert.InRange(view.Linf, 0.01f, 0.3f + 1e-5f);
        Assert.True(view.L2 > 0 && view.Relative > 0);
        Assert.Equal(view.L2 / Norm(TrainedModel.MnistTest(1).Images.Data), view.Relative!.Value, 4);
        Assert.Null(result.Undefended);
        Assert.StartsWith("data:image/png;base64,", view.AdversarialImage);
        Assert.NotEqual(result.CleanImage, view.AdversarialImage);
        Assert.Equal(1f, view.Probabilities.Clean.Sum(), 3);
        Assert.Equal(view.Linf, result.SignedScale.Hi, 5);
        Assert.Contains("pgd · L∞ ε = 0.3 · t = 40 · α = 0.01 · random start · seed 0", result.Summary); // JumpReLU §4: α = 0.01
        Assert.True(result.Timing.TotalMilliseconds >= result.Timing.AttackMilliseconds);
    }

    [Fact]
    public async Task An_image_without_ink_has_an_undefined_rho_not_zero()
    {
        // Uploads and links refuse blank images; one that still arrives (an old snapshot) gets ρ = ‖δ‖₂/‖x‖₂ undefined.
        var state = new LabState();
        state.SetImage(LabImage.Validated(new float[784], null, ImageSource.Drawing, "blank"));
        var view = Assert.Single((await Compute(state)).Attacks);
        Assert.True(view.L2 > 0);
        Assert.Null(view.Relative);
    }

    [Fact]
    public async Task Epsilon_zero_leaves_the_image_unchanged()
    {
        var result = await Compute(State(configure: s => s.Epsilon = 0));
        var view = Assert.Single(result.Attacks);
        Assert.Equal(0f, view.Linf);
        Assert.Equal(0f, view.L2);
        Assert.Equal(result.CleanImage, view.AdversarialImage);
        Assert.Equal(view.CleanPrediction, view.AdversarialPrediction);
        Assert.False(view.Success);
        Assert.Equal(view.Probabilities.Clean, view.Probabilities.Adversarial);
    }

    [Fact]
    public async Task Result_rows_name_the_model_by_its_registry_name_not_its_architecture()
    {
        _lab.Registry.Register("my-net", _lab.Registry.Load("lenet-like").Instantiate());
        var result = await Compute(State(configure: s => { s.SetModel("my-net", ["lenet-like", "my-net"]); s.Activation = "jumprelu"; s.Compare = true; }));
        Assert.Equal("my-net (lenet-like), relu", result.Attacks[0].Model);
        Assert.StartsWith("my-net (lenet-like), jumprelu:", result.Attacks[1].Model);
        var builtIn = await Compute(State());
        Assert.Equal("lenet-like, relu", Assert.Single(builtIn.Attacks).Model); // the name is the architecture: said once
    }

    [Fact]
    public async Task Compare_attacks_the_undefended_and_the_defended_model_on_one_colour_scale()
    {
        var result = await Compute(State(configure: s => { s.Activation = "jumprelu"; s.Kappa = 1; s.Compare = true; }));
        Assert.Equal(["Undefended", "Defended"], result.Attacks.Select(a => a.Title));
        Assert.Contains("jumprelu:1", result.Attacks[1].Model);
        Assert.DoesNotContain("jumprelu", result.Attacks[0].Model);
        Assert.Equal(result.Attacks.Max(a => a.Linf), result.SignedScale.Hi, 5);
        // JumpReLU changes what the model computes: the clean probabilities differ between the two.
        Assert.NotEqual(result.Attacks[0].Probabilities.Clean, result.Attacks[1].Probabilities.Clean);
        Assert.Null(result.Undefended);
    }

    [Fact]
    public async Task With_a_defense_the_undefended_models_view_of_the_same_images_comes_along()
    {
        var result = await Compute(State(configure: s => { s.Activation = "srelu"; s.Alpha = 10; }));
        var view = Assert.Single(result.Attacks);
        Assert.Equal("Defended", view.Title);
        Assert.NotNull(result.Undefended);
        Assert.Equal(7, result.Undefended.CleanPrediction);
    }

    [Fact]
    public async Task Smoothing_and_input_scaling_wrap_the_attacked_model()
    {
        var result = await Compute(State(configure: s =>
        {
            s.Attack = "fgsm";
            s.Smoothing = true; s.Sigma = 0.25; s.Samples = 8;
            s.InputScaling = true; s.Scale = 2;
        }));
        var view = Assert.Single(result.Attacks);
        Assert.Contains("smooth σ=0.25 n=8", view.Model);
        Assert.Contains("input ×2", view.Model);
        Assert.InRange(view.Linf, 0f, 0.3f + 1e-5f);
    }

    [Fact]
    public async Task Targeted_attacks_aim_at_the_chosen_least_likely_or_random_class()
    {
        var chosen = await Compute(State(configure: s => { s.Attack = "fgsm-targeted"; s.TargetMode = TargetMode.Class; s.TargetClass = 3; }));
        Assert.Equal(3, chosen.Attacks[0].Target);
        Assert.Equal(chosen.Attacks[0].AdversarialPrediction == 3, chosen.Attacks[0].Success);
        Assert.Contains("target 3", chosen.Summary);

        var leastLikely = await Compute(State(configure: s => { s.Attack = "fgsm-targeted"; s.TargetMode = TargetMode.LeastLikely; }));
        var clean = leastLikely.Attacks[0].Probabilities.Clean;
        Assert.Equal(Array.IndexOf(clean, clean.Min()), leastLikely.Attacks[0].Target);

        for (int seed = 0; seed < 5; seed++)
        {
            var random = await Compute(State(configure: s => { s.Attack = "fgsm-targeted"; s.TargetMode = TargetMode.Random; s.Seed = seed; }));
            Assert.NotEqual(7, random.Attacks[0].Target);
        }
    }

    [Fact]
    public async Task A_drawing_without_a_label_is_labelled_with_the_undefended_prediction()
    {
        var state = State();
        state.SetImage(LabImage.Validated(state.Image!.Pixels, null, ImageSource.Drawing, "drawing"));
        var result = await Compute(state);
        Assert.False(result.LabelKnown);
        Assert.Equal(7, result.Label);
    }

    [Fact]
    public async Task Every_catalog_attack_runs_in_the_lab()
    {
        foreach (var name in AttackCatalog.Names)
        {
            var result = await Compute(State(configure: s => { s.Attack = name; s.Steps = 5; s.EotSamples = 2; }));
            Assert.InRange(result.Attacks[0].Linf, 0f, (float)LabState.DefaultEpsilon(LpNorm.L2) + 1e-4f);
        }
    }

    [Fact]
    public async Task An_unbounded_minimal_perturbation_attack_always_fools_and_says_so()
    {
        var result = await Compute(State(configure: s => { s.Attack = "deepfool"; s.Norm = LpNorm.L2; s.Unbounded = true; }));
        var view = Assert.Single(result.Attacks);
        Assert.True(view.Success);
        Assert.InRange(view.L2, 0.1f, 5f);
        Assert.StartsWith("deepfool · L2 unbounded · t = 50 · η = 0.02", result.Summary); // the reference code's max_iter 50, overshoot 0.02
    }

    [Fact]
    public async Task A_cancelled_request_stops()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _service.ComputeAsync(State().ToRequest()!, null, cts.Token));
    }

    [Fact]
    public async Task A_superseded_request_is_cancelled_and_only_the_newest_result_arrives()
    {
        var results = new ConcurrentQueue<LabResult>();
        var slowSteps = 0;
        _service.Completed += results.Enqueue;

        // Slow: 200 PGD steps against smoothing with 256 samples each; fast: 1 step, undefended. The fast one is posted
        // from the slow one's first progress report, i.e. while it is certainly running (and without waiting for the
        // test's own scheduler, which a busy test run may hold up for longer than the slow request takes).
        var slow = State(configure: s => { s.Steps = 200; s.Smoothing = true; s.Samples = 256; }).ToRequest()!;
        var fast = State(configure: s => { s.Steps = 1; s.Epsilon = 0.1; }).ToRequest()! with { Version = slow.Version + 1 };
        _service.Progress += (request, _) =>
        {
            if (request == slow && Interlocked.Increment(ref slowSteps) == 1) _service.Post(fast);
        };
        _service.Post(slow);
        await WaitIdle();

        var result = Assert.Single(results);
        Assert.Equal(fast.Version, result.Request.Version);
        Assert.InRange(slowSteps, 1, 199); // stopped early
        Assert.Equal(1, _service.Superseded);
        Assert.Equal(1, _service.Latency.Count);
    }

    [Fact]
    public async Task Requests_posted_from_a_circuit_like_context_compute_elsewhere_and_in_order()
    {
        // The page posts from its circuit's synchronization context (one thread at a time); the attack must not run
        // there, or it would hold up the next event, the one meant to cancel it.
        using var circuit = new SingleThreadContext();
        var attackThreads = new ConcurrentBag<int>();
        var results = new ConcurrentQueue<LabResult>();
        _service.Progress += (_, _) => attackThreads.Add(Environment.CurrentManagedThreadId);
        _service.Completed += results.Enqueue;
        var first = State(configure: s => s.Epsilon = 0.2).ToRequest()!;
        var second = State(configure: s => s.Epsilon = 0.1).ToRequest()! with { Version = first.Version + 1 };
        await circuit.RunAsync(() =>
        {
            _service.Post(first);
            _service.Post(second); // right behind: the first is superseded, never computed after the second
        });
        await WaitIdle();
        Assert.NotEmpty(attackThreads);
        Assert.DoesNotContain(circuit.ThreadId, attackThreads);
        Assert.Equal(second.Version, results.Last().Request.Version);
        Assert.All(results, r => Assert.True(r.Request.Version <= second.Version));
        Assert.Equal(0.1f, results.Last().Request.Settings.Epsilon);
    }

    // A synchronization context that runs everything posted to it, one at a time, on its own thread (like a circuit's).
    private sealed class SingleThreadContext : SynchronizationContext, IDisposable
    {
        private readonly System.Collections.Concurrent.BlockingCollection<(SendOrPostCallback Callback, object? State)> _queue = new();
        private readonly Thread _thread;

        public SingleThreadContext()
        {
            _thread = new Thread(() =>
            {
                SetSynchronizationContext(this);
                foreach (var (callback, state) in _queue.GetConsumingEnumerable()) callback(state);
            }) { IsBackground = true };
            _thread.Start();
        }

        public int ThreadId => _thread.ManagedThreadId;

        public override void Post(SendOrPostCallback d, object? state) => _queue.Add((d, state));

        public override void Send(SendOrPostCallback d, object? state) => throw new NotSupportedException();

        public Task RunAsync(Action action)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Post(_ => { action(); done.SetResult(); }, null);
            return done.Task;
        }

        public void Dispose() => _queue.CompleteAdding();
    }

    // Until nothing is posted or running (a request may post another while it runs).
    private async Task WaitIdle()
    {
        for (var idle = _service.Idle; !idle.IsCompleted; idle = _service.Idle) await idle.WaitAsync(Timeout);
    }

    private static float Norm(float[] x) => System.Numerics.Tensors.TensorPrimitives.Norm(x);
}
