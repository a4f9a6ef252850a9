using Microsoft.AspNetCore.Components;
using RobustLab.Engine.Models;
using RobustLab.Web.Components.Training;
using RobustLab.Web.Services.Registry;
using RobustLab.Web.Services.Training;

namespace RobustLab.Web.Components.Pages;

// The Train page: a form, this circuit's TrainingSession (status, curves, save) and the model registry.
public sealed partial class Train : IDisposable
{
    private static readonly TimeSpan RenderInterval = TimeSpan.FromMilliseconds(100);

    private TrainingFormModel _form = new();
    private IReadOnlyList<(string Name, string Architecture)> _startChoices = [];
    private string _saveName = "";
    private string? _saveMessage;
    private bool _saveFailed;
    private int _renderQueued;

    [Inject]
    private TrainingSession Session { get; set; } = default!;

    [Inject]
    private ModelRegistry Registry { get; set; } = default!;

    protected override void OnInitialized()
    {
        if (Session.Request is { } request) _form = TrainingFormModel.From(request); // coming back while a run is under way
        _saveName = Session.SuggestedName;
        LoadStartChoices();
        Session.Changed += OnChanged;
        Registry.Changed += OnRegistryChanged;
    }

    private void Start()
    {
        _saveMessage = null;
        if (Session.Start(_form.ToRequest())) _saveName = Session.SuggestedName;
    }

    private void Save()
    {
        try
        {
            var model = Session.Save(_saveName.Trim());
            (_saveMessage, _saveFailed) = ($"Saved as {model.Name}: the Lab and the Trade-offs pages can use it now.", false);
        }
        catch (Exception e) when (e is RegistryException or InvalidOperationException)
        {
            (_saveMessage, _saveFailed) = (e.Message, true);
        }
    }

    private void LoadStartChoices() =>
        _startChoices = [.. Registry.List().Where(m => ModelZoo.Names.Contains(m.Architecture)).Select(m => (m.Name, m.Architecture))];

    // Progress arrives many times a second: re-render at most every 100 ms, with the state as it is then.
    private void OnChanged()
    {
        if (Interlocked.Exchange(ref _renderQueued, 1) == 1) return;
        _ = InvokeAsync(async () =>
        {
            await Task.Delay(RenderInterval);
            Interlocked.Exchange(ref _renderQueued, 0);
            StateHasChanged();
        });
    }

    private void OnRegistryChanged() => _ = InvokeAsync(() =>
    {
        LoadStartChoices();
        StateHasChanged();
    });

    public void Dispose()
    {
        Session.Changed -= OnChanged;
        Registry.Changed -= OnRegistryChanged;
    }
}
