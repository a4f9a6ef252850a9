using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using RobustLab.Web.Services.Registry;
using RobustLab.Web.Services.Sharing;
using RobustLab.Web.Services.Tradeoffs;

namespace RobustLab.Web.Components.Pages;

// The Trade-offs page: presets, the settings (this circuit's SweepSession.State), the run's status and its plot.
public sealed partial class Tradeoffs : IDisposable
{
    private static readonly TimeSpan RenderInterval = TimeSpan.FromMilliseconds(100);

    private IReadOnlyList<RegisteredModel> _models = [];
    private PlotView _view = PlotView.Empty;
    private TradeoffsState? _keepRunning; // the settings the user chose to keep the run going with
    private bool _starting;
    private int _renderQueued;
    private IReadOnlyList<string> _linkMessages = [];

    [Inject]
    private SweepSession Session { get; set; } = default!;

    [Inject]
    private ModelRegistry Registry { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IOptions<SharingOptions> Sharing { get; set; } = default!;

    private TradeoffsPreset? SelectedPreset => TradeoffsPresets.Find(Session.PresetId);

    // The gradient-masking check looks at the model with the activation as set (a swept knob at its set value), under the set norm and ε.
    private Services.Masking.MaskingQuery MaskingQuery => new(Session.State.Model, Session.State.ActivationSpec, null,
        Session.State.SmoothingOn ? new Engine.Defenses.SmoothingSpec((float)Session.State.Sigma, Session.State.SmoothingSamples, Session.State.Vote) : null,
        new Engine.Attacks.ThreatModel(Session.State.Norm, (float)Math.Min(Session.State.Epsilon, Session.State.Norm == Engine.Attacks.LpNorm.Linf ? 1 : double.MaxValue)), Session.State.Seed);

    private bool PresetModified => SelectedPreset is { } preset && preset.Settings != Session.State;

    // A run is going with other settings than those on screen, and the user has not said to keep it.
    private bool ShowRestart => Session.Busy && Session.RunSettings is { } running && running != Session.State && _keepRunning != Session.State;

    protected override async Task OnInitializedAsync()
    {
        _models = Registry.List();
        _view = Session.View();
        Session.Changed += OnChanged;
        Registry.Changed += OnRegistryChanged;
        // A link sets the view (the prerendered page shows it too); the bare /tradeoffs keeps this tab's settings and plot.
        await ReadLinkAsync(LinkQuery.QueryOf(Navigation.Uri));
    }

    // The settings as a link: the preset they started from and what differs from it (the address bar follows it).
    private string LinkQueryText => TradeoffsLink.Encode(Session.State, Session.PresetId);

    private async Task ReadLinkAsync(string query)
    {
        var link = LinkQuery.Parse(query, Sharing.Value.MaxQueryLength);
        if (link.IsEmpty) return;
        var read = TradeoffsLink.Read(link, [.. _models.Select(m => m.Name)]);
        (Session.State, Session.PresetId, _linkMessages) = (read.State, read.PresetId, read.Messages);
        // run=1 queues the run as pressing Run would (refusals show as for Run); never from the prerendered page.
        if (read.Run && RendererInfo.IsInteractive) await StartAsync(add: false);
    }

    private Task OnLinkArrived(string query) => ReadLinkAsync(query);

    private void ChoosePreset(TradeoffsPreset preset)
    {
        Session.State = preset.CreateState();
        Session.PresetId = preset.Id;
    }

    private void OnSettingsChanged()
    {
        // Re-rendering the page updates the buttons, the preset badge and the restart banner.
    }

    private Task Run() => StartAsync(add: false);

    private Task AddSeries() => StartAsync(add: true);

    private async Task StartAsync(bool add)
    {
        _starting = true;
        try
        {
            await Session.StartAsync(Session.State, add);
        }
        finally
        {
            _starting = false;
        }
    }

    private async Task Restart()
    {
        _starting = true;
        try
        {
            await Session.RestartAsync(Session.State);
        }
        finally
        {
            _starting = false;
        }
    }

    private void KeepRunning() => _keepRunning = Session.State with { };

    // Points and progress arrive many times a second: re-render at most every 100 ms, with the state as it is then.
    private void OnChanged()
    {
        if (Interlocked.Exchange(ref _renderQueued, 1) == 1) return;
        _ = InvokeAsync(async () =>
        {
            await Task.Delay(RenderInterval);
            Interlocked.Exchange(ref _renderQueued, 0);
            _view = Session.View();
            StateHasChanged();
        });
    }

    private void OnRegistryChanged() => _ = InvokeAsync(() =>
    {
        _models = Registry.List();
        StateHasChanged();
    });

    public void Dispose()
    {
        Session.Changed -= OnChanged;
        Registry.Changed -= OnRegistryChanged;
    }
}
