// A fresh directory under the system temp folder for one test, deleted on Dispose.
namespace RobustLab.Tests;

internal sealed class TempDirectory : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("robustlab-test-").FullName;

    public string File(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>Writes <paramref name="content"/> to the file at <paramref name="parts"/> (creating folders) and returns its path.</summary>
    public string Write(byte[] content, params string[] parts)
    {
        string file = File(parts);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        System.IO.File.WriteAllBytes(file, content);
        return file;
    }

    /// <summary>Names of the files now in the directory, sorted.</summary>
    public string[] Files() => Directory.GetFiles(Root).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory must not fail a test.
        }
    }
}
