using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;
using Radzen;

namespace RobustLab.Tests.Web;

// Static HTML rendering of one Radzen component (the Lab and Trade-offs pages) with the in-box HtmlRenderer; the
// MudBlazor components are tested with bunit (Web/Components/MudComponentTest). Goes when those pages move to MudBlazor.
internal static class ComponentRenderer
{
    /// <param name="configure">Registers more services (settings, say) before rendering.</param>
    public static async Task<string> RenderAsync<TComponent>(IDictionary<string, object?> parameters, Action<IServiceCollection>? configure = null) where TComponent : IComponent
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddRadzenComponents();
        services.AddSingleton<IJSRuntime, NoJSRuntime>(); // Radzen components inject it; static rendering never calls it
        configure?.Invoke(services);
        await using var provider = services.BuildServiceProvider();
        await using var renderer = new HtmlRenderer(provider, provider.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters));
            return output.ToHtmlString();
        });
    }

    private sealed class NoJSRuntime : IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
            throw new InvalidOperationException($"JavaScript ('{identifier}') is not available when rendering to static HTML.");

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
            InvokeAsync<TValue>(identifier, args);
    }
}
