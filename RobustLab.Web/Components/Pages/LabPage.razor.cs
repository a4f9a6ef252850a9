using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using RobustLab.Engine.Data;
using RobustLab.Web.Services.Lab;
using RobustLab.Web.Services.Sharing;

namespace RobustLab.Web.Components.Pages;

// The Lab: one image attacked live. The page holds only view state; LabState (scoped) holds the settings and
// LabService (scoped) computes, newest request first. Results arrive on a background thread and are shown
// through InvokeAsync; data-version counts the results shown, so a test can time a slider move to the update.
public sealed partial class LabPage : IDisposable
{
    private static readonly TimeSpan ProgressDelay = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(100);

    [Inject] private LabState State { get; set; } = default!;
    [Inject] private LabService Service { get; set; } = default!;
    [Inject] private LabResources Resources { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IOptions<SharingOptions> Sharing { get; set; } = default!;

    private IReadOnlyList<string> _models = [];
    private Dataset? _testSet;
    private string? _problem, _failure;
    private IReadOnlyList<string> _linkMessages = [];
    private LabResult? _result;
    private long _shown, _posted;
    private bool _computing;
    private double _progress;
    private readonly Stopwatch _sincePost = new();
    private long _lastProgressTicks;

    private bool ShowProgress => _computing && _sincePost.Elapsed > ProgressDelay;

    // The gradient-masking check looks at the model and defenses chosen here under the chosen norm and ε.
    private Services.Masking.MaskingQuery? MaskingQuery => _models.Count == 0 ? null : new(State.Model, State.ActivationSpec, State.BuildInputScaling(),
        State.BuildSmoothing(), new Engine.Attacks.ThreatModel(State.EffectiveNorm, (float)State.Epsilon), State.Seed);

    // The ε and the activation of the result shown (data-epsilon, data-activation): the load test (RobustLab.Load)
    // times a slider move to the first update that shows its value.
    private string? ShownEpsilon => _result?.Request.Settings.Epsilon.ToString("R", CultureInfo.InvariantCulture);

    protected override async Task OnInitializedAsync()
    {
        _models = Resources.ModelNames();
        var link = LinkQuery.Parse(LinkQuery.QueryOf(Navigation.Uri), Sharing.Value.MaxQueryLength);
        if (!RendererInfo.IsInteractive)
        {
            // Warm up while the circuit connects; the interactive render computes. A link's settings (and what was
            // ignored) show already; the circuit reads the link again.
            if (link.IsEmpty) _ = Resources.TestSetAsync();
            else if (_models.Count > 0) ReadLink(link, await TryTestSetAsync());
            return;
        }
        Service.Completed += OnCompleted;
        Service.Failed += OnFailed;
        Service.Progress += OnProgress;
        Resources.Registry.Changed += OnModelsChanged;
        if (_models.Count == 0)
        {
            _problem = "There is no MNIST model in the models folder. Train one with `dotnet run --project RobustLab.Cli -c Release -- train --arch lenet-like --epochs 15 --lr-step 10 --seed 1 --out models/lenet-like.safetensors`.";
            return;
        }
        if (!_models.Contains(State.Model)) State.SetModel(_models[0], _models);
        _testSet = await TryTestSetAsync();
        // A link sets the view; the bare /lab keeps this tab's settings (coming back from another page).
        if (!link.IsEmpty) ReadLink(link, _testSet);
        if (State.Image is null && _testSet is not null) State.SetImage(TestImage(_testSet, 0));
        Recompute();
    }

    private async Task<Dataset?> TryTestSetAsync()
    {
        try
        {
            return await Resources.TestSetAsync();
        }
        catch (Exception e) when (e is IOException or InvalidDataException or DatasetDownloadException or UnauthorizedAccessException or ArgumentException)
        {
            _problem = $"The MNIST test set is not available ({e.Message}). You can still draw or upload a digit.";
            return null;
        }
    }

    // The settings as a link (the address bar follows them), and a link's settings applied: defaults, then what it gives.
    // The page renders on every result; the link (a drawn digit deflated and encoded) is rebuilt only when a setting or the
    // image changed, which every LabState change marks by bumping its Version.
    private LabLinkText Link
    {
        get
        {
            if (_link is not { } cached || cached.Version != State.Version) _link = cached = (State.Version, LabLink.Encode(State, Sharing.Value.MaxLinkQueryLength));
            return cached.Text;
        }
    }

    private (long Version, LabLinkText Text)? _link;

    private void ReadLink(LinkQuery link, Dataset? testSet)
    {
        _linkMessages = LabLink.Apply(link, State, new LabLinkContext(_models, testSet?.Count ?? 0, i => TestImage(testSet!, i)));
        if (!_models.Contains(State.Model) && _models.Count > 0) State.SetModel(_models[0], _models);
    }

    private void OnLinkArrived(string query)
    {
        var link = LinkQuery.Parse(query, Sharing.Value.MaxQueryLength);
        if (_models.Count == 0 || link.IsEmpty) return;
        ReadLink(link, _testSet);
        Recompute();
    }

    // A model was trained, imported or deleted (by anyone): refresh the menu; if ours is gone, fall back to the first.
    private void OnModelsChanged() => _ = InvokeAsync(() =>
    {
        _models = Resources.ModelNames();
        if (!_models.Contains(State.Model) && _models.Count > 0)
        {
            State.SetModel(_models[0], _models);
            Recompute();
        }
        StateHasChanged();
    });

    private void SelectTestImage(int index)
    {
        if (_testSet is null || index < 0 || index >= _testSet.Count) return;
        State.SetImage(TestImage(_testSet, index));
        Recompute();
    }

    private void UseImage(LabImage image)
    {
        State.SetImage(LabLink.Shareable(image)); // 8-bit pixels, exactly what a link to this view reproduces
        Recompute();
    }

    private void Change(Action change)
    {
        change();
        Recompute();
    }

    private void Recompute()
    {
        if (State.ToRequest() is not { } request) return;
        Interlocked.Exchange(ref _posted, request.Version);
        _computing = true;
        _progress = 0;
        _sincePost.Restart();
        Service.Post(request);
    }

    private void OnCompleted(LabResult result) => _ = InvokeAsync(() =>
    {
        if (_result is not null && result.Request.Version < _result.Request.Version) return;
        _result = result;
        _failure = null;
        _shown++;
        _computing = result.Request.Version < Interlocked.Read(ref _posted);
        StateHasChanged();
    });

    private void OnFailed(LabRequest request, string message) => _ = InvokeAsync(() =>
    {
        if (request.Version < Interlocked.Read(ref _posted)) return;
        _failure = message;
        _computing = false;
        StateHasChanged();
    });

    // Progress of a long computation (smoothing with many samples): re-render at most every 100 ms, and only after 250 ms.
    private void OnProgress(LabRequest request, double fraction)
    {
        if (request.Version != Interlocked.Read(ref _posted)) return;
        long now = Stopwatch.GetTimestamp();
        if (Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastProgressTicks), now) < ProgressInterval) return;
        Interlocked.Exchange(ref _lastProgressTicks, now);
        _ = InvokeAsync(() =>
        {
            _progress = fraction;
            if (ShowProgress) StateHasChanged();
        });
    }

    /// <summary>Under the undefended model's bars when a defense is on: they show it on an image crafted against the defended one.</summary>
    public const string UndefendedCaption = "The undefended model on the same adversarial image, which was crafted against the defended model (a transfer attack).";

    private Components.Lab.AttackPanel? _attackPanel;

    private async Task SkipToEpsilonAsync()
    {
        if (_attackPanel is not null) await _attackPanel.FocusEpsilonAsync();
    }

    private static LabImage TestImage(Dataset testSet, int index) =>
        LabImage.Validated(testSet.Images.Data.AsSpan(index * 784, 784).ToArray(), testSet.Labels[index], ImageSource.Mnist, $"MNIST test image #{index}", index);

    private static string Milliseconds(double ms) => ms.ToString(ms < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) + " ms";

    public void Dispose()
    {
        Service.Completed -= OnCompleted;
        Service.Failed -= OnFailed;
        Service.Progress -= OnProgress;
        Resources.Registry.Changed -= OnModelsChanged;
    }
}
