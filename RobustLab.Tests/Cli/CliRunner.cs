using System.Diagnostics;

namespace RobustLab.Tests.Cli;

/// <summary>Runs the real robustlab executable (built beside the tests) as a child process.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    public static Task<Result> RunAsync(params string[] args) => RunFromAsync(AppContext.BaseDirectory, args);

    /// <summary>Runs the robustlab.dll in <paramref name="appDirectory"/> (a copy of the build output, say).</summary>
    public static async Task<Result> RunFromAsync(string appDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot,
        };
        start.ArgumentList.Add(Path.Combine(appDirectory, "robustlab.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The checkout's root (the folder holding RobustLab.sln).</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RobustLab.sln"))) return dir.FullName;
        throw new InvalidOperationException("RobustLab.sln not found above the test binaries.");
    }
}
