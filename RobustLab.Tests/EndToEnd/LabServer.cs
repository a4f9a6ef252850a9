using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace RobustLab.Tests.EndToEnd;

/// <summary>
/// The real app as a child process, exactly as `dotnet run --project RobustLab.Web` runs it: RobustLab.Web.dll from
/// the web project's own build output, started in the project folder (its content root), in the Development
/// environment, on a free loopback port that Kestrel picks (port 0) and prints.
/// </summary>
/// <remarks>
/// The models and the data are the repository's (models/, data/ or $ROBUSTLAB_DATA); the model registry goes to
/// a temporary folder so tests never touch registry/. Extra settings arrive as environment variables.
/// </remarks>
internal sealed partial class LabServer : IAsyncDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(3);

    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly List<(long Timestamp, string Line)> _lines = [];
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private LabServer(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The app's address, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Address { get; private set; } = default!;

    /// <summary>What the app printed so far (stdout and stderr), for failure messages.</summary>
    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    /// <summary>The web project's build output (where <see cref="StartAsync"/> runs RobustLab.Web.dll from).</summary>
    public static string OutputDirectory => Path.Combine(Cli.CliRunner.RepositoryRoot, "RobustLab.Web", "bin", Configuration, "net10.0");

    /// <param name="outputDirectory">Run RobustLab.Web.dll from here instead of <see cref="OutputDirectory"/> (a copy without libtorch, say).</param>
    public static async Task<LabServer> StartAsync(IReadOnlyDictionary<string, string> settings, string? outputDirectory = null)
    {
        var project = Path.Combine(Cli.CliRunner.RepositoryRoot, "RobustLab.Web");
        var dll = Path.Combine(outputDirectory ?? OutputDirectory, "RobustLab.Web.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException($"{dll} is missing; build the solution (dotnet build) before the end-to-end tests.", dll);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = project,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in settings) start.Environment[key] = value;

        var server = new LabServer(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."));
        try
        {
            using var limit = new CancellationTokenSource(StartLimit);
            var exited = server._process.WaitForExitAsync(limit.Token);
            if (await Task.WhenAny(server._listening.Task, exited) != server._listening.Task)
                throw new InvalidOperationException($"The app did not start listening ({(server._process.HasExited ? $"it exited with code {server._process.ExitCode}" : "time limit")}). Its output:\n{server.Log}");
            server.Address = await server._listening.Task;
            await server.WaitUntilAnsweringAsync(limit.Token);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>The app's process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>
    /// Waits for the first line printed after <paramref name="since"/> (a <see cref="Stopwatch.GetTimestamp"/>) that matches
    /// <paramref name="pattern"/>; returns the match and when the line arrived (a <see cref="Stopwatch"/> timestamp).
    /// </summary>
    public async Task<(Match Match, long Timestamp)> WaitForLineAsync(Regex pattern, long since, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            lock (_log)
                foreach (var (timestamp, line) in _lines)
                    if (timestamp >= since && pattern.Match(line) is { Success: true } m) return (m, timestamp);
            if (clock.Elapsed > timeout)
                throw new TimeoutException($"The app printed no line matching /{pattern}/ within {timeout.TotalSeconds:0} s. Its output:\n{Log}");
            await Task.Delay(10);
        }
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        long now = Stopwatch.GetTimestamp(); // when the line arrived, for fault tests that time what the app did
        lock (_log)
        {
            _log.AppendLine(line);
            _lines.Add((now, line));
        }
        if (Listening().Match(line) is { Success: true } m) _listening.TrySetResult(new Uri(m.Groups[1].Value + "/"));
    }

    // Kestrel prints the address before the first request is served; wait until the start page answers.
    private async Task WaitUntilAnsweringAsync(CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        while (true)
        {
            try
            {
                using var response = await client.GetAsync("/", cancellationToken);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(200, cancellationToken);
        }
    }

    // bin/<Configuration>/net10.0 of the tests: the web project was built with the same configuration.
    private static string Configuration => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    /// <summary>Kills the app at once with SIGKILL (<see cref="Process.Kill()"/>): no shutdown, no flush, as a crash or a power cut.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public ValueTask DisposeAsync()
    {
        Stop(_process);
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();
}
