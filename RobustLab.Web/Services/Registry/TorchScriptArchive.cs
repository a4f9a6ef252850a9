using System.IO.Compression;

namespace RobustLab.Web.Services.Registry;

/// <summary>
/// The structure check of an uploaded TorchScript archive, before libtorch sees it: torch.jit.save writes a zip whose entries
/// all sit in one folder, with that folder's data.pkl (the module's pickled state), constants.pkl and code/ (the TorchScript
/// source of its classes). Read with System.IO.Compression in memory (nothing is extracted to disk); every entry is read
/// through once, so a truncated or corrupted archive (a CRC mismatch) is refused here.
/// </summary>
public static class TorchScriptArchive
{
    /// <summary>The first bytes of a zip file (a local file header), which a TorchScript archive is.</summary>
    public static bool LooksLikeZip(ReadOnlySpan<byte> head) => head.Length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;

    /// <summary>Whether an upload is meant as a TorchScript archive: by its name (.pt, .pth) or by its first bytes.</summary>
    public static bool IsCandidate(string fileName, string path)
    {
        if (Path.GetExtension(fileName).ToLowerInvariant() is ".pt" or ".pth") return true;
        Span<byte> head = stackalloc byte[4];
        using var stream = File.OpenRead(path);
        return stream.ReadAtLeast(head, 4, throwOnEndOfStream: false) == 4 && LooksLikeZip(head);
    }

    /// <summary>Null when <paramref name="path"/> is a well-formed TorchScript archive; else why not (for <paramref name="fileName"/>).</summary>
    /// <param name="maxUnpackedBytes">The most its entries may hold unpacked (a zip bomb is refused by its declared sizes, before reading).</param>
    public static string? Problem(string path, string fileName, long maxUnpackedBytes)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            var entries = zip.Entries;
            if (entries.Count == 0) return $"{fileName} is an empty zip, not a TorchScript archive.";
            string root = entries[0].FullName.Split('/')[0];
            if (entries.FirstOrDefault(e => e.FullName.Split('/')[0] != root || e.FullName.Contains('\\') || e.FullName.Split('/').Contains("..")) is { } stray)
                return $"{fileName} is not a TorchScript archive: its entry '{Shown(stray.FullName)}' is outside the archive's folder '{Shown(root)}'.";
            var missing = new[] { "data.pkl", "constants.pkl" }.Where(f => zip.GetEntry($"{root}/{f}") is null)
                .Concat(entries.Any(e => e.FullName.StartsWith($"{root}/code/", StringComparison.Ordinal) && e.FullName.EndsWith(".py", StringComparison.Ordinal)) ? [] : ["code/*.py"])
                .ToList();
            if (missing.Count > 0)
                return $"{fileName} is a zip but not a TorchScript archive (torch.jit.save): it has no {string.Join(", no ", missing.Select(m => $"{Shown(root)}/{m}"))}.";
            long unpacked = entries.Sum(e => e.Length);
            if (unpacked > maxUnpackedBytes)
                return $"{fileName} unpacks to {unpacked / (1024.0 * 1024.0):0.#} MB, more than the {maxUnpackedBytes / (1024.0 * 1024.0):0.#} MB allowed.";
            foreach (var entry in entries)
            {
                using var content = entry.Open();
                content.CopyTo(Stream.Null); // checks its CRC-32 and that it is all there
            }
            return null;
        }
        catch (InvalidDataException e)
        {
            return $"{fileName} is not a well-formed zip, so not a TorchScript archive: {e.Message}";
        }
    }

    private static string Shown(string entry) => Lab.UploadLimits.DisplayName(entry, 80);
}
