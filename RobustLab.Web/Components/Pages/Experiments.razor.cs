using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using RobustLab.Web.Components.Experiments;
using RobustLab.Web.Components.Plots;
using RobustLab.Web.Components.Tradeoffs;
using RobustLab.Web.Services.Experiments;

namespace RobustLab.Web.Components.Pages;

// The Experiments page: the stored experiments (searched, filtered and sorted by the store), the one opened by the URL
// (/experiments/12), an overlay of picked sweeps, and import. The list follows the store live: its Changed event (any
// thread) re-queries at most every 250 ms. The store does not announce single points, so while the open experiment is
// still running the page reads it again every second: its plot fills in as the points are recorded.
public sealed partial class Experiments : IDisposable
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan RunningInterval = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _disposed = new();
    private bool _following;

    private ExperimentQuery _query = ExperimentQuery.All;
    private IReadOnlyList<ExperimentSummary> _experiments = [];
    private ExperimentFilterOptions _options = ExperimentFilterOptions.Empty;
    private readonly HashSet<long> _picked = [];
    private Experiment? _open;
    private PlotFigure? _overlay;
    private string? _message;
    private bool _messageIsError, _importing;
    private int _total, _refreshQueued;
    private long? _loadedId;

    [Inject]
    private ExperimentStore Store { get; set; } = default!;

    /// <summary>The experiment to open (from the URL), if any.</summary>
    [Parameter]
    public long? Id { get; set; }

    private bool Narrowed => _query with { Sort = ExperimentSort.Created, Descending = true } != ExperimentQuery.All;

    private string CountText => _experiments.Count == _total ? $"{_total} experiment{(_total == 1 ? "" : "s")}" : $"{_experiments.Count} of {_total} experiments";

    protected override void OnInitialized()
    {
        Load();
        Store.Changed += OnStoreChanged;
    }

    protected override void OnParametersSet()
    {
        if (Id == _loadedId) return;
        _loadedId = Id;
        _open = Id is { } id ? Find(id) : null;
        FollowIfRunning();
    }

    // Re-reads the open experiment (and the list, for its point count) every second while it is running.
    private void FollowIfRunning()
    {
        if (_following || _open is not { Summary.Status: ExperimentStatus.Running } || !RendererInfo.IsInteractive) return;
        _following = true;
        _ = InvokeAsync(async () =>
        {
            try
            {
                while (_open is { Summary.Status: ExperimentStatus.Running } open)
                {
                    await Task.Delay(RunningInterval, _disposed.Token);
                    if (Id != open.Id) continue; // another one was opened meanwhile; the loop follows it if it runs
                    _open = Find(open.Id);
                    Load();
                    StateHasChanged();
                }
            }
            catch (OperationCanceledException)
            {
                // The page went away.
            }
            finally
            {
                _following = false;
            }
        });
    }

    // A database that cannot be read (a corrupted row, a file from a newer RobustLab) is a message on the page, not a broken circuit.
    private void Load()
    {
        try
        {
            var all = Store.List(ExperimentQuery.All);
            _total = all.Count;
            _options = ExperimentFilterOptions.From(all);
            _experiments = _query == ExperimentQuery.All ? all : Store.List(_query);
            _picked.IntersectWith(all.Where(e => e.Kind == ExperimentKind.Sweep).Select(e => e.Id)); // deleted ones drop out
        }
        catch (ExperimentException e)
        {
            Show($"The experiments cannot be read: {e.Message}", error: true);
        }
    }

    private Experiment? Find(long id)
    {
        try
        {
            return Store.Find(id);
        }
        catch (ExperimentException e)
        {
            Show($"Experiment #{id} cannot be read: {e.Message}", error: true);
            return null;
        }
    }

    private void OnQueryChanged(ExperimentQuery query)
    {
        _query = query;
        Load();
    }

    private void OnPickChanged((long Id, bool Picked) pick)
    {
        if (pick.Picked) _picked.Add(pick.Id);
        else _picked.Remove(pick.Id);
    }

    private void Overlay()
    {
        var parts = new List<SweepOverlay.Part>();
        foreach (var id in _picked.Order())
        {
            if (Find(id) is { } experiment && experiment.SweepView() is { } view)
                parts.Add(new SweepOverlay.Part(experiment.Summary.Name.Length > 0 ? experiment.Summary.Name : $"#{id}", view));
        }
        if (SweepOverlay.Check(parts) is { } problem)
        {
            Show(problem, error: true);
            return;
        }
        _overlay = SweepFigures.Lines(SweepOverlay.Combine(parts));
        _message = null;
    }

    private async Task ImportAsync(InputFileChangeEventArgs e)
    {
        var file = e.File;
        long limit = Store.Options.MaxImportBytes;
        if (file.Size > limit)
        {
            Show($"{file.Name} has {file.Size / 1048576.0:0.#} MB; an experiment file may have at most {limit / 1048576.0:0.#} MB.", error: true);
            return;
        }
        _importing = true;
        try
        {
            // The browser's size is not trusted: the stream stops at the limit, and the store counts again.
            await using var stream = file.OpenReadStream(limit);
            var imported = await Store.ImportAsync(stream);
            Show($"Imported {file.Name} as experiment #{imported.Id}.", error: false);
        }
        catch (ExperimentException ex)
        {
            Show($"{file.Name} was not imported: {ex.Message}", error: true);
        }
        catch (IOException ex)
        {
            Show($"Reading {file.Name} failed: {ex.Message}", error: true);
        }
        finally
        {
            _importing = false;
        }
        Load();
    }

    private void Show(string message, bool error) => (_message, _messageIsError) = (message, error);

    private void OnStoreChanged()
    {
        if (Interlocked.Exchange(ref _refreshQueued, 1) == 1) return;
        _ = InvokeAsync(async () =>
        {
            await Task.Delay(RefreshInterval);
            Interlocked.Exchange(ref _refreshQueued, 0);
            Load();
            if (Id is { } id) _open = Find(id);
            FollowIfRunning();
            StateHasChanged();
        });
    }

    public void Dispose()
    {
        Store.Changed -= OnStoreChanged;
        _disposed.Cancel(); // NOTE: not disposed: the follow loop may still read its token
    }
}
