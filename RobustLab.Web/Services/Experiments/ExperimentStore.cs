using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using RobustLab.Web.Services.Database;
using RobustLab.Web.Services.Registry;

namespace RobustLab.Web.Services.Experiments;

/// <summary>
/// The saved experiments, shared by every user: sweeps and training runs recorded as they run, Lab snapshots saved on demand,
/// and imported files; listed, searched, opened, renamed, annotated, deleted, exported and imported. Kept in the lab database
/// (registry/registry.db, beside the model registry's table).
/// </summary>
/// <remarks>
/// A singleton; thread-safe (every call is its own SQLite connection and transaction). Opening the database the first time
/// brings its schema up to date and marks the experiments left "running" by a previous process as interrupted.
/// Every refusal is an <see cref="ExperimentException"/> whose message a page can show as it is.
/// </remarks>
public sealed partial class ExperimentStore
{
    public const int MaxNameLength = 200, MaxNoteLength = 10_000;

    private readonly ModelRegistry _registry;
    private readonly ExperimentOptions _options;
    private readonly ILogger<ExperimentStore> _logger;
    private readonly Lazy<ExperimentDatabase> _database;

    public ExperimentStore(ModelRegistry registry, IOptions<ExperimentOptions> options, ILogger<ExperimentStore> logger)
    {
        ArgumentNullException.ThrowIfNull(registry);
        (_registry, _options, _logger) = (registry, options.Value, logger);
        if (!_options.IsValid) throw new ArgumentException(ExperimentOptions.Problem, nameof(options));
        _database = new Lazy<ExperimentDatabase>(OpenDatabase, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The database file.</summary>
    public string DatabasePath => Path.Combine(_registry.Settings.Directory, ModelRegistry.DatabaseFile);

    public ExperimentOptions Options => _options;

    /// <summary>Raised (on the caller's thread) after an experiment was added, finished, renamed, annotated or deleted (not per point).</summary>
    public event Action? Changed;

    /// <summary>Opens the database now (at startup): upgrades the schema and marks interrupted runs.</summary>
    /// <exception cref="ExperimentException">The database cannot be used (the message says why).</exception>
    public void EnsureOpen() => _ = Database;

    /// <summary>The experiments that match <paramref name="query"/> (all of them, newest first, by default).</summary>
    public IReadOnlyList<ExperimentSummary> List(ExperimentQuery? query = null) => Guard(() => Database.List(query ?? ExperimentQuery.All));

    /// <summary>The experiment with everything it stored, or null when there is none.</summary>
    /// <exception cref="ExperimentException">Its row is damaged (the message names the column; other experiments are unaffected).</exception>
    public Experiment? Find(long id) => Guard(() => Database.Find(id)) is { } row ? ExperimentReader.Read(row) : null;

    /// <summary>The experiment with everything it stored.</summary>
    /// <exception cref="ExperimentNotFoundException">There is none.</exception>
    /// <exception cref="ExperimentException">Its row is damaged.</exception>
    public Experiment Get(long id) => Find(id) ?? throw new ExperimentNotFoundException(id);

    /// <summary>Names the experiment (empty: no name; at most <see cref="MaxNameLength"/> characters).</summary>
    public void Rename(long id, string name) => SetText(id, "name", (name ?? "").Trim(), MaxNameLength, "A name");

    /// <summary>Sets the experiment's note (at most <see cref="MaxNoteLength"/> characters).</summary>
    public void SetNote(long id, string note) => SetText(id, "note", note ?? "", MaxNoteLength, "A note");

    /// <summary>Deletes the experiment and its points.</summary>
    /// <exception cref="ExperimentException">It is still running (cancel the run first), or there is none.</exception>
    public void Delete(long id)
    {
        var status = Guard(() => Database.StatusOf(id)) ?? throw new ExperimentNotFoundException(id);
        if (status == ExperimentStatus.Running) throw new ExperimentException($"Experiment #{id} is still running; cancel its run first.");
        if (!Guard(() => Database.Delete(id))) throw new ExperimentNotFoundException(id);
        _logger.LogInformation("Experiment {Id} deleted.", id);
        Changed?.Invoke();
    }

    private void SetText(long id, string column, string value, int limit, string what)
    {
        if (value.Length > limit) throw new ExperimentException($"{what} is at most {limit:N0} characters; this one has {value.Length:N0}.");
        if (!Guard(() => Database.SetText(id, column, value))) throw new ExperimentNotFoundException(id);
        Changed?.Invoke();
    }

    private ExperimentDatabase Database
    {
        get
        {
            try
            {
                return _database.Value;
            }
            catch (LabDatabaseException e)
            {
                throw new ExperimentException(e.Message, e);
            }
        }
    }

    private ExperimentDatabase OpenDatabase()
    {
        Directory.CreateDirectory(_registry.Settings.Directory);
        var database = new ExperimentDatabase(DatabasePath);
        LabDatabase.Migrate(database.Path);
        int interrupted = database.MarkInterrupted(DateTimeOffset.UtcNow);
        if (interrupted > 0) _logger.LogWarning("{Count} experiment(s) were still running when the server stopped; they are marked interrupted (their points so far are kept).", interrupted);
        return database;
    }

    // SQLite errors (a full disk, a locked or damaged file) become a message; nothing else is caught.
    private T Guard<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (SqliteException e)
        {
            _logger.LogError(e, "Experiment database error.");
            throw new ExperimentException($"The experiment database could not be used: {e.Message}", e);
        }
    }

    private void RaiseChanged() => Changed?.Invoke();
}
