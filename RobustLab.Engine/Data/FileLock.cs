// FileLock: an exclusive, cross-process lock held by keeping a lock file open with FileShare.None
// (flock on Unix, a share-mode lock on Windows). The OS releases it when the holder exits or crashes.
// NOTE: the lock file is never deleted — deleting it would let a waiter lock a new inode while the
// old one is still held, and two processes would both "own" the lock.
namespace RobustLab.Engine.Data;

internal sealed class FileLock : IDisposable
{
    private readonly FileStream _stream;

    private FileLock(FileStream stream) => _stream = stream;

    /// <summary>
    /// Takes the lock at <paramref name="path"/>, polling while another holder has it; calls
    /// <paramref name="onWait"/> once if it has to wait; gives up after <paramref name="timeout"/>.
    /// </summary>
    public static async Task<FileLock> AcquireAsync(string path, TimeSpan timeout, Action? onWait, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        bool waited = false;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                return new FileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException and not PathTooLongException)
            {
                if (DateTime.UtcNow >= deadline)
                    throw new IOException(
                        $"Timed out after {timeout.TotalMinutes:0} min waiting for the lock '{path}' ({e.Message}). " +
                        "Another process seems stuck downloading; stop it and try again.", e);
                if (!waited) onWait?.Invoke();
                waited = true;
                await Task.Delay(250, ct);
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
