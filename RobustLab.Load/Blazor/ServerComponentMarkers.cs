using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace RobustLab.Load.Blazor;

/// <summary>
/// What a prerendered Blazor Web App page tells its script: the interactive server components, as start markers
/// <c>&lt;!--Blazor:{"type":"server","prerenderId":…,"key":…,"sequence":…,"descriptor":…}--&gt;</c>, and the persisted
/// component state <c>&lt;!--Blazor-Server-Component-State:…--&gt;</c>.
/// </summary>
internal sealed partial record ServerComponentMarkers(IReadOnlyList<JsonObject> Components, string ApplicationState)
{
    public static ServerComponentMarkers Parse(string html)
    {
        var components = new List<JsonObject>();
        foreach (Match m in Marker().Matches(html))
        {
            if (JsonNode.Parse(m.Groups[1].Value) is JsonObject marker && (string?)marker["type"] == "server" && marker["descriptor"] is not null)
                components.Add(marker);
        }
        // blazor.web.js sends them in sequence order.
        components.Sort((a, b) => ((int?)a["sequence"] ?? 0).CompareTo((int?)b["sequence"] ?? 0));
        var state = State().Match(html);
        return new ServerComponentMarkers(components, state.Success ? state.Groups[1].Value : "");
    }

    /// <summary>UpdateRootComponents' argument: one "add" operation per marker, as blazor.web.js builds it.</summary>
    public string AddOperations(long batchId)
    {
        var operations = new JsonArray();
        for (int i = 0; i < Components.Count; i++)
        {
            var marker = (JsonObject)Components[i].DeepClone();
            marker["uniqueId"] = i;
            operations.Add(new JsonObject { ["type"] = "add", ["ssrComponentId"] = i + 1, ["marker"] = marker });
        }
        return new JsonObject { ["batchId"] = batchId, ["operations"] = operations }.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }

    [GeneratedRegex(@"<!--Blazor:(\{.*?\})-->", RegexOptions.Singleline)]
    private static partial Regex Marker();

    [GeneratedRegex(@"<!--\s*Blazor-Server-Component-State:([A-Za-z0-9+/=]+)\s*-->")]
    private static partial Regex State();
}
