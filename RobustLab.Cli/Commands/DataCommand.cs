using RobustLab.Engine.Data;

namespace RobustLab.Cli.Commands;

/// <summary>robustlab data mnist: fetch and verify MNIST (idempotent).</summary>
internal static class DataCommand
{
    public static async Task<int> RunAsync(Arguments args, CancellationToken ct)
    {
        string dataDir = Common.DataDir(args);
        args.EnsureAllUsed();
        await MnistDownloader.EnsureAsync(dataDir, new Progress<string>(Console.WriteLine), ct);
        return 0;
    }

    /// <summary>Makes MNIST available before a command uses it (quietly when it already is).</summary>
    public static Task EnsureMnistAsync(string dataDir, CancellationToken ct) =>
        MnistDownloader.EnsureAsync(dataDir, new Progress<string>(line => { if (!line.Contains("already present")) Console.WriteLine(line); }), ct);
}
