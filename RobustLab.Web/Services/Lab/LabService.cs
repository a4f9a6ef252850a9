using System.Collections.Concurrent;
using System.Diagnostics;
using RobustLab.Engine.Attacks;
using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Layers.Activations;
using RobustLab.Engine.Models;
using RobustLab.Engine.Tensors;
using RobustLab.Engine.Training;
using RobustLab.Web.Services.Imaging;
using Microsoft.Extensions.Options;
using RobustLab.Web.Services.Jobs;
using RobustLab.Web.Services.Limits;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace RobustLab.Web.Services.Lab;

/// <summary>The Lab's computation for one circuit: attacks the image under the chosen defense and renders every view.</summary>
/// <remarks>
/// Scoped (one per circuit). It keeps two network instances of the current model — the undefended one and the
/// one the defense is retrofitted into — built when the model changes, not per request, so a slider move costs
/// only the attack (batch 1) and the rendering. <see cref="Post"/> coalesces: the newest request cancels the one
/// under way, and at most RobustLab:Limits:ComputationsPerSecond computations start per second (a faster slider
/// is coalesced to its newest value, which is always computed). With compare on, the two attacks run in parallel,
/// one per core. A model without activation slots (a registered TorchScript model) is attacked through two instances of its
/// own classifier (libtorch), with the wrapper defenses only: a request for a retrofit on it is refused with the reason.
/// </remarks>
public sealed class LabService : IDisposable
{
    /// <summary>Each pixel of a rendered view becomes a block of this many screen pixels (crisp at any zoom).</summary>
    public const int ImageScale = 4;

    private readonly LabResources _resources;
    private readonly ILogger<LabService> _logger;
    private readonly LatestWins<LabRequest, LabResult> _latest;
    private readonly ConcurrentDictionary<Task, byte> _inFlight = new();
    private (TrainedModel Weights, Network Plain, Network Defended)? _networks;
    private (TrainedModel Weights, IClassifier Plain, IClassifier Defended)? _external;
    private int _superseded;

    public LabService(LabResources resources, IOptions<LimitsOptions> limits, ILogger<LabService> logger)
    {
        (_resources, _logger) = (resources, logger);
        _latest = new LatestWins<LabRequest, LabResult>((request, token) => ComputeAsync(request, new Reporter(this, request), token),
            limits.Value.ComputationsPerSecond);
    }

    /// <summary>A result for the newest request (raised on a background thread).</summary>
    public event Action<LabResult>? Completed;

    /// <summary>A request that could not be computed, with a message for the page (raised on a background thread).</summary>
    public event Action<LabRequest, string>? Failed;

    /// <summary>Progress of the request under way, in [0,1] (raised on a background thread, once per attack step).</summary>
    public event Action<LabRequest, double>? Progress;

    /// <summary>Server-side compute time of the recent results.</summary>
    public LatencyStats Latency { get; } = new();

    /// <summary>Computations started (at most RobustLab:Limits:ComputationsPerSecond a second).</summary>
    public long Computations => _latest.Started;

    /// <summary>Requests cancelled or dropped because a newer one arrived.</summary>
    public int Superseded => Volatile.Read(ref _superseded);

    /// <summary>Completes when the requests posted so far have finished (a later post is not waited for).</summary>
    public Task Idle => Task.WhenAll(_inFlight.Keys);

    /// <summary>Computes <paramref name="request"/> next, cancelling whatever is under way; the result arrives through <see cref="Completed"/>.</summary>
    public void Post(LabRequest request)
    {
        // NOTE: RunAsync is entered here, in posting order (it registers as the latest before its first await), and
        // the computation itself goes to the thread pool (ComputeAsync): the page posts from its circuit's
        // synchronization context, where a computation would hold up the next event, the one meant to cancel it.
        var run = RunAsync(request);
        _inFlight.TryAdd(run, 0);
        _ = run.ContinueWith(t => _inFlight.TryRemove(t, out _), TaskScheduler.Default);
    }

    private async Task RunAsync(LabRequest request)
    {
        LatestOutcome<LabResult> outcome;
        try
        {
            outcome = await _latest.SubmitAsync(request);
        }
        catch (Exception e)
        {
            // One request's failure (settings an attack rejects, a model file that no longer loads) is shown on its
            // page; the circuit and everyone else's carry on.
            _logger.LogWarning(e, "Lab request {Version} failed.", request.Version);
            Failed?.Invoke(request, e.Message);
            return;
        }
        if (!outcome.IsLatest)
        {
            Interlocked.Increment(ref _superseded);
            return;
        }
        Latency.Add(outcome.Value!.Timing.TotalMilliseconds);
        Completed?.Invoke(outcome.Value);
    }

    /// <summary>Computes one request. Not thread-safe: one computation at a time per instance (<see cref="Post"/>'s <see cref="LatestWins{TRequest, TResult}"/> guarantees it).</summary>
    public async Task<LabResult> ComputeAsync(LabRequest request, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var weights = await _resources.ModelAsync(request.Model).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return await Task.Run(() => Compute(request, weights, progress, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    private async Task<LabResult> Compute(LabRequest request, TrainedModel weights, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        var (plain, defended) = Classifiers(request, weights);
        if (request.InputScaling is { } scaling) defended = scaling.Wrap(defended, request.Seed);
        if (request.Smoothing is { } smoothing) defended = smoothing.Wrap(defended, request.Seed);
        var attacked = request.Defended ? defended : plain;

        var x = new Tensor(request.Image.Pixels, 1, 1, LabImage.Side, LabImage.Side); // NOTE: shared, never written: attacks return new tensors
        bool labelKnown = request.Image.Label is not null;
        int label = request.Image.Label ?? SoftmaxCrossEntropy.Argmax(plain.Logits(x))[0];
        var entry = AttackCatalog.Get(request.Attack);
        var cleanAttacked = attacked.Logits(x);
        int? target = entry.Targeted ? request.Target.Resolve(cleanAttacked, [label], 0, request.Seed)[0] : null;
        var context = new AttackContext(target is { } t ? [t] : null, request.Seed, cancellationToken, progress);

        // The attacks: one model, or (compare) the undefended and the defended model in parallel.
        var attackTime = Stopwatch.StartNew();
        var models = request.Compare ? new[] { plain, defended } : [attacked];
        var adversarial = new Tensor[models.Length];
        if (models.Length == 1) adversarial[0] = Run(request, models[0], x, label, context);
        else await Task.WhenAll(models.Select((m, i) => Task.Run(() => adversarial[i] = Run(request, m, x, label, i == 1 ? context : context with { Progress = null }), cancellationToken))).ConfigureAwait(false);
        attackTime.Stop();
        cancellationToken.ThrowIfCancellationRequested();

        var render = Stopwatch.StartNew();
        float m = 0;
        foreach (var a in adversarial) m = Math.Max(m, NormMath.Distance(a, x, LpNorm.Linf)[0]);
        var signed = ColorScale.Signed(m);
        var magnitude = ColorScale.Magnitude(m);
        float norm = TensorPrimitives.Norm(x.Data);
        var views = new AttackView[models.Length];
        for (int i = 0; i < models.Length; i++)
        {
            string title = models[i] == plain ? "Undefended" : "Defended";
            var cleanLogits = models[i] == attacked ? cleanAttacked : null;
            var probabilities = new ProbabilityPair(title, Probabilities(models[i], x, cleanLogits), Probabilities(models[i], adversarial[i]));
            views[i] = View(title, Named(models[i].Description, request.Model, weights), target, label, probabilities, x, adversarial[i], norm, signed, magnitude);
        }
        var undefended = request.Defended && !request.Compare
            ? new ProbabilityPair("Undefended", Probabilities(plain, x), Probabilities(plain, adversarial[0]))
            : null;
        string clean = ImageRenderer.DataUrl(x.Data, LabImage.Side, LabImage.Side, Colormap.Greys, 0, 1, ImageScale);
        string summary = entry.Describe(request.Settings, target, request.Seed);
        render.Stop();

        return new LabResult(request, label, labelKnown, clean, signed, magnitude, views, undefended, summary,
            new LabTiming(attackTime.Elapsed.TotalMilliseconds, render.Elapsed.TotalMilliseconds, total.Elapsed.TotalMilliseconds));
    }

    // The undefended and the defended instance of the request's model (its activation retrofitted), rebuilt only when the model changes.
    private (IClassifier Plain, IClassifier Defended) Classifiers(LabRequest request, TrainedModel weights)
    {
        if (weights.NoRetrofitReason is not null)
        {
            // NOTE: checked for every request (the instances are kept), not only by the page's disabled controls: a share
            // link or a stale page can still ask.
            weights.ThrowIfRetrofit(request.ActivationSpec, request.Bpda, request.Model);
            if (_external is not { } e || e.Weights != weights)
            {
                (_external?.Plain as IDisposable)?.Dispose();
                (_external?.Defended as IDisposable)?.Dispose();
                _external = e = (weights, weights.Classifier(), weights.Classifier());
            }
            return (e.Plain, e.Defended);
        }
        if (_networks is not { } n || n.Weights != weights) _networks = n = (weights, weights.Instantiate(), weights.Instantiate());
        n.Defended.Retrofit(ActivationCatalog.Parse(request.ActivationSpec, request.Seed), request.Bpda ? new ReLU() : null);
        return (new NetworkClassifier(n.Plain), new NetworkClassifier(n.Defended));
    }

    // The attacked classifier as the user knows it: the registry name in place of the architecture that the engine's
    // description starts with ("my-net (lenet-like), jumprelu:0.5"; just "lenet-like, relu" when the two are one).
    private static string Named(string description, string model, TrainedModel weights)
    {
        string architecture = weights.Architecture;
        string rest = description.StartsWith(architecture + ", ", StringComparison.Ordinal) ? description[(architecture.Length + 2)..] : description;
        return model == architecture ? $"{model}, {rest}" : $"{model} ({architecture}), {rest}";
    }

    // A fresh attack object per run: attacks are stateless, but the two compare runs must not share one by accident.
    // NOTE: one image is a batch of 1: its layers are too small for splitting across cores to pay (handing work to
    // another thread costs more than it saves, and much more on a busy machine), so its kernels run on this thread;
    // compare runs its two attacks on two cores instead. Smoothing stacks n noisy copies: that batch is split.
    private static Tensor Run(LabRequest request, IClassifier model, Tensor x, int label, AttackContext context) =>
        Parallelism.WithThreads(request.Smoothing is null ? 1 : Parallelism.Threads,
            () => AttackCatalog.Create(request.Attack, request.Settings).Run(model, x, [label], context).Adversarial);

    private static float[] Probabilities(IClassifier model, Tensor x, Tensor? logits = null) =>
        SoftmaxCrossEntropy.Softmax(logits ?? model.Logits(x)).Data;

    private static AttackView View(string title, string model, int? target, int label, ProbabilityPair probabilities,
        Tensor x, Tensor adversarial, float cleanNorm, ColorScale signed, ColorScale magnitude)
    {
        var delta = new float[x.Length];
        TensorPrimitives.Subtract(adversarial.Data, x.Data, delta);
        float l2 = TensorPrimitives.Norm(delta);
        float linf = Math.Abs(TensorPrimitives.MaxMagnitude(delta));
        int predicted = probabilities.AdversarialPrediction;
        bool success = target is { } t ? predicted == t : predicted != label;
        const int side = LabImage.Side;
        string adversarialImage = ImageRenderer.DataUrl(adversarial.Data, side, side, Colormap.Greys, 0, 1, ImageScale);
        string signedImage = ImageRenderer.DataUrl(delta, side, side, signed.Colormap, signed.Lo, signed.Hi, ImageScale);
        TensorPrimitives.Abs(delta, delta);
        string magnitudeImage = ImageRenderer.DataUrl(delta, side, side, magnitude.Colormap, magnitude.Lo, magnitude.Hi, ImageScale);
        return new AttackView(title, model, target, probabilities, success, linf, l2, cleanNorm > 0 ? l2 / cleanNorm : null,
            adversarialImage, signedImage, magnitudeImage) { AdversarialPixels = adversarial.Data };
    }

    public void Dispose() => _latest.Dispose();

    // Reports a run's progress as events tagged with its request.
    private sealed class Reporter(LabService owner, LabRequest request) : IProgress<double>
    {
        public void Report(double value) => owner.Progress?.Invoke(request, value);
    }
}
