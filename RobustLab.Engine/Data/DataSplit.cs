// DataSplit: the "train" / "test" split names accepted by every dataset loader.
namespace RobustLab.Engine.Data;

internal static class DataSplit
{
    /// <summary>True for "train", false for "test" (case-insensitive); anything else is an error naming the choices.</summary>
    public static bool IsTrain(string split)
    {
        ArgumentNullException.ThrowIfNull(split);
        if (split.Equals("train", StringComparison.OrdinalIgnoreCase)) return true;
        if (split.Equals("test", StringComparison.OrdinalIgnoreCase)) return false;
        throw new ArgumentException($"Unknown split '{split}'; expected \"train\" or \"test\".", nameof(split));
    }
}
