using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace RobustLab.Web.Components.Layout;

// The shell: app bar, navigation drawer, and this browser's display settings (read once the circuit is up, saved on
// every switch). A statically rendered page (/Error) has no JavaScript and keeps the defaults.
public sealed partial class MainLayout : IAsyncDisposable
{
    private bool _drawerOpen = true;
    private DisplaySettings _settings = new();
    private IJSObjectReference? _module;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || !RendererInfo.IsInteractive) return;
        try
        {
            _module = await JS.InvokeAsync<IJSObjectReference>("import", "./Components/Layout/MainLayout.razor.js");
            // Nothing from the browser is trusted: no stored settings (or a script that answers null) means the defaults.
            _settings = await _module.InvokeAsync<DisplaySettings?>("load") ?? new DisplaySettings();
            StateHasChanged();
        }
        catch (JSDisconnectedException)
        {
            // The page went away while loading.
        }
    }

    private async Task SaveAsync(DisplaySettings settings)
    {
        _settings = settings;
        if (_module is null) return;
        try
        {
            await _module.InvokeVoidAsync("save", settings);
        }
        catch (JSDisconnectedException)
        {
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
