using Microsoft.Extensions.Options;
using RobustLab.Web.Services.Jobs;

namespace RobustLab.Web.Services.Limits;

/// <summary>GET /api/limits: the limits in force and how much of them is in use, as JSON (for the load test and for tests).</summary>
public static class LimitsEndpoints
{
    public static IEndpointRouteBuilder MapLimitsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/limits", (HttpContext context, CircuitLimiter circuits, JobQueue jobs, IOptions<LimitsOptions> limits) =>
        {
            var o = limits.Value;
            var occupancy = circuits.Occupancy(CircuitClient.Of(context));
            return Results.Json(new
            {
                circuits = new
                {
                    total = occupancy.Total,
                    totalLimit = occupancy.TotalLimit,
                    client = occupancy.Client,
                    clientCircuits = occupancy.ClientCircuits,
                    clientLimit = occupancy.ClientLimit,
                },
                jobs = new
                {
                    running = jobs.RunningCount,
                    queued = jobs.QueuedCount,
                    concurrency = jobs.Concurrency,
                    maxQueued = jobs.MaxQueued,
                    perUser = jobs.PerUser,
                },
                computationsPerSecond = o.ComputationsPerSecond,
                plot = new { pointsPerSeries = o.PointsPerSeries, seriesPerPlot = o.SeriesPerPlot, pointsPerRun = o.PointsPerRun },
                upload = new { bytes = o.UploadBytes, side = o.UploadSide },
            });
        });
        return endpoints;
    }
}
