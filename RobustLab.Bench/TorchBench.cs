using System.Diagnostics;
using System.Text.Json;

namespace RobustLab.Bench;

/// <summary>The PyTorch side: runs tools/bench_torch.py (same tasks, same data files) and reads its JSON.</summary>
internal sealed class TorchBench(string python, string repoRoot, string dataDir, int batchSize, int trainImages, int testImages)
{
    /// <summary>The torch version reported by the last run.</summary>
    public string? Version { get; private set; }

    public TaskTimes Run(int threads)
    {
        string script = Path.Combine(repoRoot, "tools", "bench_torch.py");
        if (!File.Exists(script)) throw new FileNotFoundException($"PyTorch benchmark script not found at {script}.");
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in new[]
                 {
                     script, "--data-dir", dataDir, "--threads", threads.ToString(), "--batch", batchSize.ToString(),
                     "--train-images", trainImages.ToString(), "--test-images", testImages.ToString(),
                 })
            start.ArgumentList.Add(a);
        // One thread count per process; the script also calls torch.set_num_threads.
        start.Environment["OMP_NUM_THREADS"] = threads.ToString();
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {python}.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"Could not run {python} ({e.Message}). Install Debian's python3-torch, pass --python, or use --no-torch.", e);
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            string stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"{python} {script} failed (exit {process.ExitCode}):\n{stderr.Result}");
            using var json = JsonDocument.Parse(stdout);
            Version = json.RootElement.GetProperty("torch").GetString();
            var r = json.RootElement.GetProperty("results")[0];
            return new TaskTimes(r.GetProperty("train").GetDouble(), r.GetProperty("inference").GetDouble(), r.GetProperty("input_grad").GetDouble());
        }
    }
}
