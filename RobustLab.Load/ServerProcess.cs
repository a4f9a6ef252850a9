using System.Diagnostics;
using System.Text.RegularExpressions;

namespace RobustLab.Load;

/// <summary>
/// The app under test, started by the load test itself: the build of RobustLab.Web (RobustLab.Web.dll, run in
/// its project folder), Production environment, a fresh temporary registry folder, a free loopback port, plus the
/// caller's settings as environment variables (RobustLab__… overrides, DOTNET_gc… knobs).
/// </summary>
internal sealed partial class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(3);

    private readonly Process _process;
    private readonly string _registry;
    private readonly Queue<string> _tail = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerProcess(Process process, string registry)
    {
        (_process, _registry) = (process, registry);
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri Address { get; private set; } = default!;

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the server printed (for a failure message).</summary>
    public string Tail
    {
        get { lock (_tail) return string.Join('\n', _tail); }
    }

    public static async Task<ServerProcess> StartAsync(string repository, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var project = Path.Combine(repository, "RobustLab.Web");
        var dll = Path.Combine(project, "bin", Configuration, "net10.0", "RobustLab.Web.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException($"{dll} is missing: build first (dotnet build RobustLab.sln -c {Configuration}).", dll);
        var registry = Directory.CreateTempSubdirectory("robustlab-load-registry-").FullName;
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = project, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["RobustLab__RegistryDirectory"] = registry;
        foreach (var (key, value) in environment) start.Environment[key] = value;

        var server = new ServerProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."), registry);
        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(StartLimit);
            var exited = server._process.WaitForExitAsync(limit.Token);
            if (await Task.WhenAny(server._listening.Task, exited) != server._listening.Task)
                throw new InvalidOperationException($"The app did not start listening. Its output:\n{server.Tail}");
            server.Address = await server._listening.Task;
            await WaitUntilAnsweringAsync(server.Address, limit.Token);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits until <paramref name="address"/> serves its start page (also for a server started by someone else).</summary>
    public static async Task WaitUntilAnsweringAsync(Uri address, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
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
            await Task.Delay(250, cancellationToken);
        }
    }

    // bin/<Configuration>/net10.0 of this program (or of the tests that run it): the web app built the same way,
    // Release for a real measurement (scripts/load-test.sh builds it).
    private static string Configuration => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    private void OnLine(string? line)
    {
        if (line is null) return;
        lock (_tail)
        {
            _tail.Enqueue(line);
            if (_tail.Count > 60) _tail.Dequeue();
        }
        if (Listening().Match(line) is { Success: true } m) _listening.TrySetResult(new Uri(m.Groups[1].Value + "/"));
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_registry, recursive: true);
        }
        catch (IOException)
        {
        }
        return ValueTask.CompletedTask;
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();
}
