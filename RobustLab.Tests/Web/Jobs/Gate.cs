namespace RobustLab.Tests.Web.Jobs;

// A job body the test controls: it signals when it has started and runs until the test opens it (or its
// token is cancelled, unless it ignores cancellation).
internal sealed class Gate(bool honourCancellation = true)
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Started => _started.Task;

    public bool HasStarted => _started.Task.IsCompleted;

    public void Open() => _open.TrySetResult();

    public void Fail(Exception e) => _open.TrySetException(e);

    public async Task Work(CancellationToken cancellationToken)
    {
        _started.TrySetResult();
        await (honourCancellation ? _open.Task.WaitAsync(cancellationToken) : _open.Task);
    }
}

internal static class Waiting
{
    // Generous bound so a broken queue fails the test instead of hanging it; never a timing assertion.
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    public static Task<T> Bounded<T>(this Task<T> task) => task.WaitAsync(Limit);

    public static Task Bounded(this Task task) => task.WaitAsync(Limit);
}
