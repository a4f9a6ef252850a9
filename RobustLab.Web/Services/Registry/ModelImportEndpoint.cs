using Microsoft.AspNetCore.Http.Features;

namespace RobustLab.Web.Services.Registry;

/// <summary>
/// POST /api/models/{name}[?replace=true]: registers the request body, a safetensors file, under a name — for researchers
/// who script their uploads (<c>curl --data-binary @model.safetensors http://127.0.0.1:5000/api/models/my-net</c>).
/// </summary>
/// <remarks>
/// The body streams to disk and is counted as it comes (at most RobustLab:MaxModelFileBytes), then must load as a
/// RobustLab model before it is registered (<see cref="ModelRegistry.ImportAsync"/>). With replace=true it becomes the
/// new version of a registered model of that name, atomically: a crash leaves the old version or the new one.
/// The body may also be a TorchScript archive (a zip) when RobustLab:Registry:AllowTorchScript is on; else it is refused (403).
/// Answers: 201 (registered) or 200 (replaced) with the model as JSON; 400 a bad name, parameter or file; 403 a TorchScript
/// upload this server does not accept; 409 the name is taken; 413 too large. Every refusal is a problem+json whose "detail" says why.
/// </remarks>
public static class ModelImportEndpoint
{
    public const string Route = "/api/models/{name}";

    /// <summary>What a successful import answers.</summary>
    public sealed record ImportedModel(string Name, string Architecture, string Source, string Sha256, long SizeBytes, bool Replaced, string Download);

    public static IEndpointRouteBuilder MapModelImport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Route, ImportAsync).DisableAntiforgery(); // a raw body, not a form: nothing for antiforgery to check
        return endpoints;
    }

    private static async Task<IResult> ImportAsync(string name, HttpContext context, ModelRegistry registry, ILogger<ModelRegistry> logger)
    {
        long limit = registry.Settings.MaxImportBytes;
        if (ReplaceParameter(context.Request.Query["replace"]) is not { } replace)
            return Refuse(StatusCodes.Status400BadRequest, "The parameter replace must be true or false.");
        if (context.Request.ContentLength > limit)
            return Refuse(StatusCodes.Status413PayloadTooLarge,
                $"The file has {context.Request.ContentLength} bytes; the import limit is {limit} bytes (RobustLab:MaxModelFileBytes).");
        // Kestrel's own limit (30 MB by default) would cut a legal upload short: the registry counts the bytes instead.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize) bodySize.MaxRequestBodySize = limit + 1;
        bool existed = registry.Find(name) is { IsBuiltIn: false };
        try
        {
            var model = await registry.ImportAsync(name, context.Request.Body, $"the upload for '{Shown(name)}'", replace, context.RequestAborted);
            var body = new ImportedModel(model.Name, model.Architecture, model.Source.ToString(), model.Sha256, model.SizeBytes,
                replace && existed, ModelDownloads.PathOf(model.Name));
            return replace && existed ? Results.Ok(body) : Results.Created(ModelDownloads.PathOf(model.Name), body);
        }
        catch (RegistryException e)
        {
            return e.Reason switch
            {
                RegistryRefusal.TooLarge => Refuse(StatusCodes.Status413PayloadTooLarge, e.Message),
                RegistryRefusal.Disabled => Refuse(StatusCodes.Status403Forbidden, e.Message),
                RegistryRefusal.NameTaken => Refuse(StatusCodes.Status409Conflict,
                    e.Message + (e.Message.Contains("built-in", StringComparison.Ordinal) ? "" : " To upload a new version, add ?replace=true.")),
                _ => Refuse(StatusCodes.Status400BadRequest, e.Message),
            };
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Refuse(StatusCodes.Status413PayloadTooLarge, $"The file is larger than the import limit of {limit} bytes (RobustLab:MaxModelFileBytes).");
        }
        catch (Exception e) when (e is BadHttpRequestException or OperationCanceledException
                                  || (e is IOException && context.RequestAborted.IsCancellationRequested))
        {
            // The client went away or sent a broken body: nothing was registered (the registry removed its temporary file).
            logger.LogInformation("An import of '{Name}' ended early: {Reason}", Shown(name), e.Message);
            return Refuse(StatusCodes.Status400BadRequest, $"The upload ended early: {e.Message}");
        }
        catch (IOException e)
        {
            // The server could not store it (a full disk, say): nothing was registered, and the message says why.
            logger.LogError(e, "An import of '{Name}' could not be stored.", Shown(name));
            return Refuse(StatusCodes.Status500InternalServerError, $"The server could not store the upload: {e.Message}");
        }
    }

    // Absent: false; "true"/"false" (any case) or 1/0; anything else (or the parameter twice) is refused.
    private static bool? ReplaceParameter(Microsoft.Extensions.Primitives.StringValues values) => values.Count switch
    {
        0 => false,
        1 => values[0]?.ToLowerInvariant() switch { "true" or "1" => true, "false" or "0" => false, _ => null },
        _ => null,
    };

    private static IResult Refuse(int status, string detail) =>
        Results.Problem(detail: detail, statusCode: status, title: "The model was not imported.");

    // A name from the address, shortened and without control characters, for messages and the log.
    private static string Shown(string name) => Lab.UploadLimits.DisplayName(name, 80);
}
