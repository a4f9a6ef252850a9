using System.Text.RegularExpressions;

namespace RobustLab.Web.Services.Registry;

/// <summary>The rule for a model's name in the registry: it becomes part of a file name and of a download address.</summary>
public static partial class ModelName
{
    public const int MaxLength = 64;

    /// <summary>What a valid name looks like, for a page to show.</summary>
    public const string Rule = "1–64 letters, digits, '-', '_' or '.', starting with a letter or digit";

    /// <summary>Null when <paramref name="name"/> is valid, else why not (in words a page can show).</summary>
    public static string? Validate(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "Give the model a name.";
        if (name.Length > MaxLength) return $"The name has {name.Length} characters; at most {MaxLength} are allowed.";
        if (!Pattern().IsMatch(name)) return $"'{name}' is not a valid name: use {Rule}.";
        if (name.Contains("..", StringComparison.Ordinal) || name.EndsWith('.')) return $"'{name}' is not a valid name: no '..' and no '.' at the end.";
        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex Pattern();
}
