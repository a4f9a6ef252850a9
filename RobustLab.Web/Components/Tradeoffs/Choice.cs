using RobustLab.Web.Services.Registry;

namespace RobustLab.Web.Components.Tradeoffs;

/// <summary>One entry of a settings menu: what it says and the value it sets.</summary>
public sealed record Choice(string Text, string Value)
{
    /// <summary>A registry model as the menus show it, "my-net (lenet-like)"; the bare name when it is not in <paramref name="models"/>.</summary>
    public static string ModelText(IReadOnlyList<RegisteredModel> models, string? name) =>
        models.FirstOrDefault(m => m.Name == name) is { } model ? $"{model.Name} ({model.Architecture})" : name ?? "";
}
