// A fresh directory under the system temp folder for one test class, deleted on Dispose.
namespace RobustLab.Tests.Serialization;

internal sealed class TempDirectory : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("robustlab-test-").FullName;

    public string File(string name) => Path.Combine(Root, name);

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
