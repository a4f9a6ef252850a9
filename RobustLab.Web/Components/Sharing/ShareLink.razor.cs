using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.JSInterop;

namespace RobustLab.Web.Components.Sharing;

// Keeps the address bar equal to the settings on screen (history.replaceState through NavigateTo(replace: true)), a quiet
// moment after the last change so a dragged slider neither floods the history nor the circuit; reports navigations to a
// query this component did not write (an in-app link, back/forward) so the page can apply them; copies the link.
public sealed partial class ShareLink : IAsyncDisposable
{
    /// <summary>How long the settings must stay still before the address follows them.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    private const int Remembered = 16;

    private readonly Queue<string> _written = new(); // queries this component put in the address, whose LocationChanged to ignore
    private Timer? _timer;
    private IJSObjectReference? _module;
    private ElementReference _linkInput;
    private string? _scheduled, _link;
    private string _path = ""; // this page's base-relative path ("lab"): the address is ours only while it is on it
    private bool? _copied;
    private bool _runOnOpen, _disposed;

    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;

    /// <summary>The page's settings as a query ("" for all defaults), without the leading '?'.</summary>
    [Parameter, EditorRequired] public string Query { get; set; } = "";

    /// <summary>Why the link leaves something out (an image too large for a link).</summary>
    [Parameter] public string? Note { get; set; }

    /// <summary>Offer "and run it": the copied link then carries run=1.</summary>
    [Parameter] public bool RunOption { get; set; }

    /// <summary>The address changed to a query of this page that this component did not write; the page should apply it.</summary>
    [Parameter] public EventCallback<string> QueryArrived { get; set; }

    protected override void OnInitialized()
    {
        _path = Split(Navigation.Uri).Path;
        if (RendererInfo.IsInteractive) Navigation.LocationChanged += OnLocationChanged;
    }

    protected override void OnParametersSet()
    {
        // Never during prerendering: a navigation there would turn into a redirect.
        if (!RendererInfo.IsInteractive || Query == _scheduled) return;
        _scheduled = Query;
        _timer ??= new Timer(_ => _ = InvokeAsync(SyncAddress));
        _timer.Change(Quiet, Timeout.InfiniteTimeSpan);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender) _module = await JS.InvokeAsync<IJSObjectReference>("import", "./Components/Sharing/ShareLink.razor.js");
    }

    private void SyncAddress()
    {
        if (_disposed) return;
        var (path, current) = Split(Navigation.Uri);
        if (path != _path || current == Query) return; // the user went to another page, or the address is right already
        _written.Enqueue(Query);
        while (_written.Count > Remembered) _written.Dequeue();
        Navigation.NavigateTo(WithQuery(path, Query), replace: true);
    }

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e)
    {
        var (path, query) = Split(e.Location);
        // NOTE: compare with this page's own path: on the way to another page this component still hears the change.
        if (path != _path || _written.Contains(query) || query == Query) return;
        _ = InvokeAsync(() => QueryArrived.InvokeAsync(query));
    }

    private async Task CopyAsync()
    {
        string query = RunOption && _runOnOpen ? string.Join("&", new[] { Query, "run=1" }.Where(q => q.Length > 0)) : Query;
        _link = Navigation.ToAbsoluteUri(WithQuery(Split(Navigation.Uri).Path, query)).ToString();
        try
        {
            _copied = _module is not null && await _module.InvokeAsync<bool>("copy", _link);
        }
        catch (Exception e) when (e is JSException or JSDisconnectedException or TaskCanceledException)
        {
            _copied = false;
        }
        StateHasChanged();
        if (_copied == false && _module is not null)
        {
            // The browser refused the clipboard: show the link selected, ready for Ctrl+C.
            try
            {
                await Task.Yield();
                await _module.InvokeVoidAsync("select", _linkInput);
            }
            catch (Exception e) when (e is JSException or JSDisconnectedException or TaskCanceledException)
            {
                // The link is on the page either way.
            }
        }
    }

    // "lab?eps=0.1#x" → ("lab", "eps=0.1"): the base-relative path and the query without '?' or fragment.
    private (string Path, string Query) Split(string uri)
    {
        var relative = Navigation.ToBaseRelativePath(uri);
        int hash = relative.IndexOf('#');
        if (hash >= 0) relative = relative[..hash];
        int q = relative.IndexOf('?');
        return q < 0 ? (relative, "") : (relative[..q], relative[(q + 1)..]);
    }

    private static string WithQuery(string path, string query) => query.Length == 0 ? path.Length == 0 ? "./" : path : $"{path}?{query}";

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        Navigation.LocationChanged -= OnLocationChanged;
        if (_timer is not null) await _timer.DisposeAsync();
        try
        {
            if (_module is not null) await _module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone, and the page with it.
        }
    }
}
