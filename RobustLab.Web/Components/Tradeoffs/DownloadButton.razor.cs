using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace RobustLab.Web.Components.Tradeoffs;

// The text goes to the browser as a stream (DotNetStreamReference, so size is no concern for the circuit), becomes a
// Blob there and is saved through a temporary link with the download attribute.
public sealed partial class DownloadButton
{
    private const string ModulePath = "./Components/Tradeoffs/DownloadButton.razor.js";

    private IJSObjectReference? _module;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Parameter, EditorRequired]
    public string Text { get; set; } = "";

    /// <summary>A Material icon by name ("download", "image"), shown before the text.</summary>
    [Parameter]
    public string? Icon { get; set; }

    [Parameter]
    public string? Id { get; set; }

    [Parameter]
    public bool Disabled { get; set; }

    /// <summary>The MIME type of the file ("text/csv").</summary>
    [Parameter, EditorRequired]
    public string ContentType { get; set; } = "text/plain";

    /// <summary>Makes the file when the button is pressed: its name and its text (saved as UTF-8).</summary>
    [Parameter]
    public Func<(string FileName, string Content)>? File { get; set; }

    /// <summary>Or, for a binary file (a PNG): its name and its bytes.</summary>
    [Parameter]
    public Func<(string FileName, byte[] Content)>? Bytes { get; set; }

    private string? MudIcon => Icon switch
    {
        null => null,
        "image" => MudBlazor.Icons.Material.Filled.Image,
        _ => MudBlazor.Icons.Material.Filled.Download,
    };

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender) return;
        try
        {
            _module = await JS.InvokeAsync<IJSObjectReference>("import", ModulePath);
            StateHasChanged(); // enabled now
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone.
        }
    }

    private async Task DownloadAsync()
    {
        if (_module is null) return;
        (string Name, byte[] Content) file;
        if (Bytes is not null) file = Bytes();
        else if (File is not null) file = File() is var (fileName, text) ? (fileName, Encoding.UTF8.GetBytes(text)) : default;
        else return;
        var (name, content) = file;
        using var stream = new MemoryStream(content);
        using var reference = new DotNetStreamReference(stream);
        try
        {
            await _module.InvokeVoidAsync("download", name, ContentType, reference);
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_module is null) return;
        try
        {
            await _module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone, and the module with it.
        }
    }
}
