using System.Reflection;

namespace RobustLab.Web.Services.Experiments;

/// <summary>The RobustLab build an experiment ran on: the web assembly's informational version, "1.0.0+&lt;git commit&gt;".</summary>
/// <remarks>The .NET SDK appends the commit (SourceRevisionId, from the repository's .git) at build time; a build without git has the bare version.</remarks>
public static class SoftwareVersion
{
    public static string Current { get; } =
        typeof(SoftwareVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(SoftwareVersion).Assembly.GetName().Version?.ToString()
        ?? "unknown";
}
