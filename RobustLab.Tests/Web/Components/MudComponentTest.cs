using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace RobustLab.Tests.Web.Components;

/// <summary>A bunit context with MudBlazor's services, for the components on MudBlazor.</summary>
/// <remarks>NOTE: MudBlazor's services are only async-disposable: the context is disposed with DisposeAsync (a sync
/// Dispose throws), hence IAsyncLifetime and a context held rather than inherited (BunitContext is IDisposable too).</remarks>
public abstract class MudComponentTest : IAsyncLifetime
{
    protected MudComponentTest()
    {
        Context.Services.AddMudServices();
        Context.JSInterop.Mode = JSRuntimeMode.Loose; // MudBlazor's own calls (popovers, focus) answer with defaults
    }

    protected BunitContext Context { get; } = new();

    // After the subclass's constructor has registered its services (the renderer is made from them).
    public Task InitializeAsync()
    {
        // As on the server once the circuit is up (pages read RendererInfo.IsInteractive).
        Context.Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Context.DisposeAsync().AsTask();
}
