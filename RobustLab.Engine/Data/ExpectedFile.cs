// ExpectedFile: a file known by name, exact size and SHA-256, and the check that a file on disk is it.
using System.Security.Cryptography;

namespace RobustLab.Engine.Data;

/// <summary>A file known by its name, exact size in bytes and SHA-256 (lower-case hex).</summary>
/// <param name="Name">File name, e.g. "t10k-labels-idx1-ubyte".</param>
/// <param name="Size">Exact length in bytes.</param>
/// <param name="Sha256">SHA-256 of the content, 64 lower-case hex digits.</param>
public sealed record ExpectedFile(string Name, long Size, string Sha256)
{
    /// <summary>
    /// Null if the file at <paramref name="path"/> has this size and SHA-256; otherwise a sentence
    /// naming the file, what was found and what was expected.
    /// </summary>
    public async Task<string?> CheckAsync(string path, CancellationToken ct = default)
    {
        var info = new FileInfo(path);
        if (!info.Exists) return $"'{path}' is missing.";
        if (info.Length != Size) return $"'{path}' has {info.Length} bytes; expected {Size} bytes for {Name}.";
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous);
        string actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
        return actual == Sha256 ? null : $"'{path}' has SHA-256 {actual}; expected {Sha256} for {Name}.";
    }

    /// <summary>Throws <see cref="InvalidDataException"/> unless the file has this size and SHA-256.</summary>
    public async Task VerifyAsync(string path, CancellationToken ct = default)
    {
        string? problem = await CheckAsync(path, ct);
        if (problem is not null) throw new InvalidDataException(problem);
    }
}
