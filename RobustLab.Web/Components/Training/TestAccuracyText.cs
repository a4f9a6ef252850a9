using System.Globalization;

namespace RobustLab.Web.Components.Training;

/// <summary>A model's test accuracy as the Train page and the model library write it: "97.81 % on the first 1,000 test images".</summary>
public static class TestAccuracyText
{
    public static string Of(double accuracy, int? examples) =>
        accuracy.ToString("P2", CultureInfo.CurrentCulture) + (examples is { } n ? $" on the first {n:N0} test images" : "");

    /// <summary>From a model file's "test_accuracy" metadata ("0.993", or "0.9781 on the first 1000 test examples" as the Train
    /// page writes it); null when the file has none or it is not a number.</summary>
    public static string? FromMetadata(IReadOnlyDictionary<string, string> metadata)
    {
        if (!metadata.TryGetValue("test_accuracy", out var text)) return null;
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0 || !double.TryParse(words[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var accuracy)) return null;
        int? examples = words.Length >= 5 && int.TryParse(words[4], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
        return Of(accuracy, examples);
    }
}
