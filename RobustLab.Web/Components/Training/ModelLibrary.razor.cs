using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using RobustLab.Web.Services.Registry;

namespace RobustLab.Web.Components.Training;

// Lists the registry (refreshed when anyone changes it), imports an uploaded file through ModelRegistry.ImportAsync,
// and deletes registered models after a confirmation.
public sealed partial class ModelLibrary : IDisposable
{
    private IReadOnlyList<RegisteredModel> _models = [];
    private IReadOnlyList<DamagedModel> _damaged = [];
    private IBrowserFile? _file;
    private string _importName = "";
    private string? _message;
    private bool _messageIsError, _importing;
    private string? _card; // the model whose card is open

    [Inject]
    private ModelRegistry Registry { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    protected override void OnInitialized()
    {
        Refresh();
        Registry.Changed += OnRegistryChanged;
    }

    private void Refresh() => (_models, _damaged) = (Registry.List(), Registry.Damaged());

    private void OnRegistryChanged() => _ = InvokeAsync(() =>
    {
        Refresh();
        StateHasChanged();
    });

    private void OnFileChosen(InputFileChangeEventArgs e)
    {
        _file = e.File;
        if (string.IsNullOrWhiteSpace(_importName)) _importName = Path.GetFileNameWithoutExtension(e.File.Name);
        _message = null;
    }

    private async Task ImportAsync()
    {
        if (_file is not { } file) return;
        long limit = Registry.Settings.MaxImportBytes;
        if (file.Size > limit)
        {
            Show($"{file.Name} has {file.Size / 1048576.0:0.#} MB; the import limit is {limit / 1048576.0:0.#} MB.", error: true);
            return;
        }
        _importing = true;
        try
        {
            // The browser's size is not trusted: the stream stops at the limit, and the registry counts again.
            await using var stream = file.OpenReadStream(limit);
            var model = await Registry.ImportAsync(_importName.Trim(), stream, file.Name);
            Show($"Imported {file.Name} as {model.Name} ({model.Architecture}).", error: false);
            (_file, _importName) = (null, "");
        }
        catch (RegistryException e)
        {
            Show(e.Message, error: true);
        }
        catch (IOException e)
        {
            Show($"Reading {file.Name} failed: {e.Message}", error: true);
        }
        finally
        {
            _importing = false;
        }
    }

    private async Task DeleteAsync(string name)
    {
        if (await Dialogs.ShowMessageBoxAsync("Delete model", $"Delete {name}? Its file is removed for everyone.", yesText: "Delete", cancelText: "Keep") != true)
            return;
        try
        {
            Registry.Delete(name);
            _message = null;
            Snackbar.Add($"Deleted {name}.", Severity.Success);
        }
        catch (RegistryException e)
        {
            Show(e.Message, error: true);
        }
    }

    private void Show(string message, bool error) => (_message, _messageIsError) = (message, error);

    public void Dispose() => Registry.Changed -= OnRegistryChanged;
}
