using Microsoft.AspNetCore.Components;
using RobustLab.Engine.Catalog;
using RobustLab.Web.Services;

namespace RobustLab.Web.Components.Pages;

// The start page: the default model, its MNIST test accuracy (from DefaultModelService), and an
// interactive re-evaluation on the first N test images that belongs to this circuit alone.
public sealed partial class Home : IDisposable
{
    // The slider and its number box: the first N of MNIST's 10,000 test images.
    private static readonly Knob FirstKnob = new("first", "N", "test images", 100, 10_000, 1_000, 100, "Evaluate on the first this many test images.") { Integer = true };

    [Inject]
    private DefaultModelService Models { get; set; } = default!;

    private DefaultModelState _state = default!;
    private int _count = 1000;
    private int _firstCount;
    private AccuracyState? _first;
    private CancellationTokenSource? _evaluation;

    protected override void OnInitialized()
    {
        _state = Models.State;
        Models.Changed += OnModelsChanged;
        _ = Models.EnsureStarted();
    }

    private void OnModelsChanged() => _ = InvokeAsync(() =>
    {
        _state = Models.State;
        StateHasChanged();
    });

    private void Retry() => _ = Models.Retry();

    private Task OnCountChanged(int count)
    {
        _count = count;
        return EvaluateFirstAsync();
    }

    private async Task EvaluateFirstAsync()
    {
        _evaluation?.Cancel();
        var cts = _evaluation = new CancellationTokenSource();
        _firstCount = _count;
        _first = AccuracyState.Waiting("Queued…");
        // Created on the circuit's synchronization context, so reports arrive there, in order, before the result.
        var progress = new Progress<EvaluationProgress>(p =>
        {
            if (cts.IsCancellationRequested || _first?.Phase == AccuracyPhase.Done) return;
            _first = AccuracyState.Computing(p);
            StateHasChanged();
        });
        try
        {
            var result = await Models.EvaluateFirstAsync(_firstCount, progress, cts.Token);
            if (!cts.IsCancellationRequested) _first = AccuracyState.Done(result);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            // Superseded by a newer request, or the circuit went away.
        }
        catch (InvalidOperationException e)
        {
            _first = AccuracyState.Unavailable(e.Message);
        }
    }

    public void Dispose()
    {
        Models.Changed -= OnModelsChanged;
        _evaluation?.Cancel();
    }
}
