// TempDirectory: a fresh folder under the system temp path for one test, removed on Dispose.
namespace RobustLab.Tests.Data;

internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateDirectory(
        System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"robustlab-tests-{Guid.NewGuid():N}")).FullName;

    public string File(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public string Write(byte[] content, params string[] parts)
    {
        string file = File(parts);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        System.IO.File.WriteAllBytes(file, content);
        return file;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { /* best effort: the OS cleans its temp folder */ }
    }
}
