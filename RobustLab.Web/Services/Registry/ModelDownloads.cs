namespace RobustLab.Web.Services.Registry;

/// <summary>GET /models/{name}/download: a registered or built-in model's safetensors file, as an attachment.</summary>
public static class ModelDownloads
{
    /// <summary>The address of a model's download.</summary>
    public static string PathOf(string name) => $"/models/{Uri.EscapeDataString(name)}/download";

    public static IEndpointRouteBuilder MapModelDownloads(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/models/{name}/download", (string name, ModelRegistry registry) =>
            registry.Find(name) is { } model && File.Exists(model.FilePath)
                ? Results.File(model.FilePath, "application/octet-stream", model.DownloadName)
                : Results.NotFound($"There is no model called '{name}'."));
        return endpoints;
    }
}
