using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace RobustLab.Web.Services.Experiments;

/// <summary>
/// The experiments over HTTP: GET /api/experiments (the list, filtered and sorted by query parameters), GET /api/experiments/{id}.json
/// and .csv (the exports), POST /api/experiments (import an exported file from the request body: 201 with the new row,
/// 400 with the defect, 413 past RobustLab:Experiments:MaxImportBytes).
/// </summary>
public static class ExperimentEndpoints
{
    public const string Base = "/api/experiments";

    private static readonly JsonSerializerOptions ListJson = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string JsonPathOf(long id) => $"{Base}/{id}.json";

    public static string CsvPathOf(long id) => $"{Base}/{id}.csv";

    public static IEndpointRouteBuilder MapExperimentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Base, (HttpRequest request, ExperimentStore store) =>
        {
            if (QueryOf(request.Query) is not { } query) return Results.BadRequest(QueryProblem);
            return Call(() => Results.Json(store.List(query).Select(s => new { s.Id, s.Kind, s.Name, s.Title, s.Note, s.Status, s.StatusMessage,
                CreatedUtc = s.Created, StartedUtc = s.Started, EndedUtc = s.Ended, DurationSeconds = s.Duration?.TotalSeconds, s.Models, s.Attack,
                s.Defense, s.Knob, s.Seed, s.Examples, s.Description, s.PointCount, s.SoftwareVersion, ImportedUtc = s.Imported }), ListJson));
        });
        endpoints.MapGet(Base + "/{id:long}.json", (long id, ExperimentStore store) => Call(() =>
            Download(store.ExportJson(id), "application/json", ExperimentExport.FileName(store.Get(id).Summary, "json"))));
        endpoints.MapGet(Base + "/{id:long}.csv", (long id, ExperimentStore store) => Call(() =>
            Download(store.ExportCsv(id), "text/csv", ExperimentExport.FileName(store.Get(id).Summary, "csv"))));
        endpoints.MapPost(Base, async (HttpContext context, ExperimentStore store) =>
        {
            long limit = store.Options.MaxImportBytes;
            if (context.Request.ContentLength > limit)
                return Results.Text($"Import refused: the file ({context.Request.ContentLength:N0} bytes) is larger than the limit of {limit:N0} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);
            // The store stops reading at the limit; the server's own cap sits just above it.
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit + 1;
            try
            {
                var summary = await store.ImportAsync(context.Request.Body, context.RequestAborted);
                return Results.Created(JsonPathOf(summary.Id), new { summary.Id, summary.Kind, summary.Title, summary.PointCount });
            }
            catch (ExperimentImportException e)
            {
                return Results.Text(e.Message, statusCode: e.TooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest);
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return Results.Text($"Import refused: the file is larger than the limit of {limit:N0} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);
            }
            catch (ExperimentException e)
            {
                return Results.Text(e.Message, statusCode: StatusCodes.Status500InternalServerError);
            }
        }).DisableAntiforgery();
        return endpoints;
    }

    private const string QueryProblem = "Unknown parameter value: sort is one of created, name, kind, status, model, attack, defense, duration; " +
        "order is asc or desc; kind and status are from the lists in the README; limit and offset are whole numbers.";

    // ?q=&kind=&model=&attack=&defense=&status=&sort=&order=asc|desc&limit=&offset=
    private static ExperimentQuery? QueryOf(IQueryCollection q)
    {
        var query = new ExperimentQuery(q["q"], q["kind"], q["model"], q["attack"], q["defense"], q["status"]);
        if (q["sort"] is { Count: > 0 } sort)
        {
            if (!Enum.TryParse<ExperimentSort>(sort.ToString(), ignoreCase: true, out var s) || !Enum.IsDefined(s) || int.TryParse(sort.ToString(), out _)) return null;
            query = query with { Sort = s };
        }
        if (q["order"] is { Count: > 0 } order)
        {
            if (order.ToString() is not ("asc" or "desc")) return null;
            query = query with { Descending = order.ToString() == "desc" };
        }
        if (query.Kind is { Length: > 0 } kind && !ExperimentKind.All.Contains(kind)) return null;
        if (query.Status is { Length: > 0 } status && !ExperimentStatus.All.Contains(status)) return null;
        if (q["limit"] is { Count: > 0 } limit)
        {
            if (!int.TryParse(limit, out int n) || n is < 1 or > ExperimentQuery.MaxLimit) return null;
            query = query with { Limit = n };
        }
        if (q["offset"] is { Count: > 0 } offset)
        {
            if (!int.TryParse(offset, out int n) || n < 0) return null;
            query = query with { Offset = n };
        }
        return query;
    }

    private static IResult Download(string text, string contentType, string fileName) =>
        Results.File(Encoding.UTF8.GetBytes(text), contentType + "; charset=utf-8", fileName);

    private static IResult Call(Func<IResult> action)
    {
        try
        {
            return action();
        }
        catch (ExperimentNotFoundException e)
        {
            return Results.NotFound(e.Message);
        }
        catch (ExperimentException e)
        {
            // A damaged row or an unusable database: the message says which; other experiments still answer.
            return Results.Text(e.Message, statusCode: StatusCodes.Status500InternalServerError);
        }
    }
}
