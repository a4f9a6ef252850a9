using MudBlazor;
using RobustLab.Web.Services.Experiments;

namespace RobustLab.Web.Components.Experiments;

/// <summary>How the Experiments page names and colours kinds and statuses, and writes durations.</summary>
public static class ExperimentLabels
{
    public static string Kind(string kind) => kind switch
    {
        ExperimentKind.Sweep => "Sweep",
        ExperimentKind.Training => "Training",
        ExperimentKind.LabSnapshot => "Lab snapshot",
        _ => kind,
    };

    /// <summary>Badge colour of a status: running blue, completed green, cancelled amber, failed red, interrupted grey.</summary>
    public static Color Badge(string status) => status switch
    {
        ExperimentStatus.Running => Color.Info,
        ExperimentStatus.Completed => Color.Success,
        ExperimentStatus.Cancelled => Color.Warning,
        ExperimentStatus.Failed => Color.Error,
        _ => Color.Default,
    };

    /// <summary>"2.4 s", "3 min 12 s", "1 h 5 min"; "—" without a duration.</summary>
    public static string Duration(TimeSpan? duration) => duration is not { } t ? "—"
        : t.TotalHours >= 1 ? $"{(int)t.TotalHours} h {t.Minutes} min"
        : t.TotalMinutes >= 1 ? $"{(int)t.TotalMinutes} min {t.Seconds} s"
        : $"{Math.Max(t.TotalSeconds, 0):0.0} s";

    /// <summary>A time in UTC to the minute, for the list's narrow column (its header says UTC): "2026-11-22 03:04".</summary>
    public static string ShortTime(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A time in UTC as the page shows it: "2026-11-22 03:04:05 UTC".</summary>
    public static string Time(DateTimeOffset? time) => time is { } t ? t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + " UTC" : "—";
}
