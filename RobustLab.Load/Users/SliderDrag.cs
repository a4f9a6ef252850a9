namespace RobustLab.Load.Users;

/// <summary>
/// A drag of a range slider as a browser reports it: an input event about every 50 ms for about half a second, the
/// values stepping from where the handle was to where it is let go (on the slider's step grid, each one new).
/// </summary>
internal static class SliderDrag
{
    /// <summary>The values of the input events of a drag from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static IReadOnlyList<double> Values(double from, double to, int events, double step)
    {
        var values = new List<double>();
        double last = Snap(from, step);
        for (int i = 1; i <= events; i++)
        {
            double v = Snap(from + (to - from) * i / events, step);
            if (v == last) continue;
            values.Add(v);
            last = v;
        }
        return values;
    }

    /// <summary>The nearest point of the step grid, rounded so that it prints as the slider would send it.</summary>
    public static double Snap(double value, double step) => Math.Round(Math.Round(value / step) * step, 6);
}
