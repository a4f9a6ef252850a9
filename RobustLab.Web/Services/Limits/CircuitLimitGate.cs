using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using RobustLab.Web.Components.Limits;

namespace RobustLab.Web.Services.Limits;

/// <summary>
/// Decides at the HTTP request for an interactive page whether there is room for its circuit: when the lab or the client
/// is full it answers 503 with Retry-After and the static <see cref="LabFull"/> page (no circuit, no prerendering work)
/// instead of the page.
/// </summary>
/// <remarks>
/// Only counts are read here; the place itself is taken when the circuit starts (<see cref="CircuitLimitHubFilter"/>),
/// which also catches the tabs that loaded the page in the same moment. Pages excluded from interactive routing (the
/// error page), static files and the app's HTTP endpoints always pass.
/// </remarks>
public sealed class CircuitLimitGate(RequestDelegate next, CircuitLimiter limiter, IOptions<LimitsOptions> options, ILogger<CircuitLimitGate> logger)
{
    private readonly int _retryAfterSeconds = options.Value.RetryAfterSeconds;

    public async Task InvokeAsync(HttpContext context)
    {
        if (!IsInteractivePage(context))
        {
            await next(context);
            return;
        }
        var occupancy = limiter.Occupancy(CircuitClient.Of(context));
        if (!occupancy.IsFull)
        {
            await next(context);
            return;
        }
        logger.LogWarning("The lab is full for {Client} asking for {Path}: {Reason}", occupancy.Client, context.Request.Path, occupancy.Reason);
        context.Response.Headers.RetryAfter = _retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers.CacheControl = "no-store";
        var page = new RazorComponentResult<LabFull>(new Dictionary<string, object?>
        {
            [nameof(LabFull.Occupancy)] = occupancy,
            [nameof(LabFull.RetryAfterSeconds)] = _retryAfterSeconds,
            [nameof(LabFull.TryAgain)] = $"{context.Request.PathBase}{context.Request.Path}{context.Request.QueryString}",
        })
        {
            StatusCode = StatusCodes.Status503ServiceUnavailable,
        };
        await page.ExecuteAsync(context);
    }

    /// <summary>A GET (or HEAD) for a Razor component page that will start a circuit.</summary>
    public static bool IsInteractivePage(HttpContext context) =>
        (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        && context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null
        && context.AcceptsInteractiveRouting();
}
