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
    private string? _replaceOffered; // a saved model whose name the last save asked for
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
        (_saveMessage, _replaceOffered) = (null, null);
        if (Session.Start(_form.ToRequest())) _saveName = Session.SuggestedName;
    }

    // A name a saved (not built-in) model already has is refused, with the offer to replace that model: the registry swaps
    // the file and its row in one step, so a page using the old version keeps working and the next load gets the new one.
    private void Save(string name, bool replace)
    {
        _replaceOffered = null;
        try
        {
            var model = Session.Save(name, replace);
            (_saveMessage, _saveFailed) = (replace
                ? $"Saved as the new version of {model.Name} (the previous version is replaced): the Lab and the Trade-offs pages use it now."
                : $"Saved as {model.Name}: the Lab and the Trade-offs pages can use it now.", false);
        }
        catch (Exception e) when (e is RegistryException or InvalidOperationException)
        {
            (_saveMessage, _saveFailed) = (e.Message, true);
            if (e is RegistryException { Reason: RegistryRefusal.NameTaken } && Registry.Find(name) is { Source: not ModelSource.BuiltIn } taken)
                _replaceOffered = taken.Name;
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
