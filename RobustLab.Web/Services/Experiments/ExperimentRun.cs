using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace RobustLab.Web.Services.Experiments;

/// <summary>
/// The recording of one sweep or training run while it runs: each point is committed as it arrives (so a crash keeps the
/// points so far), and <see cref="Finish"/> writes how the run ended.
/// </summary>
/// <remarks>
/// Thread-safe. A recording never fails its run: if the database cannot be written (a full disk, the experiment deleted),
/// the problem is logged once and the run carries on unrecorded from there.
/// </remarks>
public sealed class ExperimentRun
{
    private readonly ExperimentStore _store;
    private readonly ExperimentDatabase _database;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private int _next;
    private bool _stopped, _finished;

    internal ExperimentRun(ExperimentStore store, ExperimentDatabase database, long id, ILogger logger) =>
        (_store, _database, Id, _logger) = (store, database, id, logger);

    /// <summary>The experiment's id (for a link to it).</summary>
    public long Id { get; }

    /// <summary>Points written so far.</summary>
    public int Points
    {
        get { lock (_lock) return _next; }
    }

    /// <summary>Appends a point of <paramref name="series"/> (one of <see cref="ExperimentSeries"/>) and commits it.</summary>
    public void Add<T>(string series, T point)
    {
        string json = JsonSerializer.Serialize(point, ExperimentJson.Options);
        lock (_lock)
        {
            if (_stopped || _finished) return;
            if (Try(() => _database.Append(Id, _next, [(series, json)])) is true) _next++;
            else Stop("it is no longer running");
        }
    }

    /// <summary>Ends the recording: completed (no error), cancelled (<paramref name="error"/> is a cancellation) or failed (its message).</summary>
    /// <param name="result">Stored as the experiment's result (JSON), e.g. a trained model's metadata.</param>
    public void Finish(Exception? error = null, object? result = null)
    {
        var (status, message) = error switch
        {
            null => (ExperimentStatus.Completed, (string?)null),
            OperationCanceledException => (ExperimentStatus.Cancelled, "Cancelled."),
            _ => (ExperimentStatus.Failed, error.Message),
        };
        string? json = result is null ? null : JsonSerializer.Serialize(result, ExperimentJson.Options);
        lock (_lock)
        {
            if (_finished) return;
            _finished = true;
            if (_stopped) return;
            Try(() => _database.Finish(Id, status, message, DateTimeOffset.UtcNow, json));
        }
        _store.NotifyChanged();
    }

    private bool? Try(Func<bool> write)
    {
        try
        {
            return write();
        }
        catch (SqliteException e)
        {
            Stop(e.Message);
            return null;
        }
    }

    private void Stop(string why)
    {
        if (_stopped) return;
        _stopped = true;
        _logger.LogWarning("Experiment {Id} is no longer recorded ({Why}); its run carries on.", Id, why);
    }
}
