using System.Text.Json.Nodes;
using RobustLab.Web.Services.Experiments;

namespace RobustLab.Tests.Web.Experiments;

/// <summary>Exported documents for the import tests: made by the store's own export of recorded experiments.</summary>
internal static class ExperimentDocuments
{
    /// <summary>The export with what an import is allowed to change removed: the id and the import time.</summary>
    public static JsonNode Comparable(string exportJson)
    {
        var node = JsonNode.Parse(exportJson)!;
        node.AsObject().Remove("id");
        node["timing"]!.AsObject().Remove("imported_utc");
        return node;
    }

    public static Stream Stream(string text) => new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));

    public static async Task<ExperimentSummary> ImportAsync(this ExperimentStore store, string json) => await store.ImportAsync(Stream(json));
}
