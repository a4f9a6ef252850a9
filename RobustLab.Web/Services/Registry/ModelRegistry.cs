using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using RobustLab.Engine.Models;
using RobustLab.Engine.Serialization;

namespace RobustLab.Web.Services.Registry;

/// <summary>
/// The model registry, shared by every user: the default models of models/ as read-only built-ins, plus models
/// registered under a name (trained here or imported), kept as safetensors files beside a SQLite database; and, when
/// <see cref="ModelRegistrySettings.AllowTorchScript"/> is on, users' own PyTorch models as TorchScript archives (.pt).
/// </summary>
/// <remarks>
/// A singleton; thread-safe. A registration first writes its file (atomically, under a fresh file name) and
/// then inserts its row in a transaction, so a crash leaves at worst an unreferenced file, which the next
/// start removes; a model is never listed without its complete file. Replacing a model writes the new file first, then
/// swaps the row in one transaction, then deletes the old file: a crash at any point leaves the old version or the new
/// one, never neither. Deleting removes the row first, then the file. A damaged row (<see cref="Damaged"/>) or file
/// is refused with a message naming the model, and no other model is affected. Every refusal is a
/// <see cref="RegistryException"/> whose message a page can show as it is.
/// </remarks>
public sealed class ModelRegistry
{
    /// <summary>The database's file name inside <see cref="ModelRegistrySettings.Directory"/>.</summary>
    public const string DatabaseFile = "registry.db";

    private const string Extension = ".safetensors";
    private const string TorchScriptExtension = ".pt";

    private readonly ModelRegistrySettings _settings;
    private readonly ILogger<ModelRegistry> _logger;
    private readonly Lazy<RegistryDatabase> _database;
    private readonly Lock _names = new(); // the name check and the insert happen as one step
    private readonly ConcurrentDictionary<string, (string Sha256, TrainedModel Model)> _loaded = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, (long Length, DateTime Written, string Sha256)> _builtInHashes = new(StringComparer.Ordinal);

    public ModelRegistry(ModelRegistrySettings settings, ILogger<ModelRegistry> logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.MaxImportBytes < 1) throw new ArgumentOutOfRangeException(nameof(settings), $"The import limit must be ≥ 1 byte, got {settings.MaxImportBytes}.");
        (_settings, _logger) = (settings, logger);
        _database = new Lazy<RegistryDatabase>(Open, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public ModelRegistrySettings Settings => _settings;

    /// <summary>Raised (on the caller's thread) after a model was registered, imported or deleted.</summary>
    public event Action? Changed;

    /// <summary>The built-ins (by name), then the registered models (by name); damaged entries are left out (see <see cref="Damaged"/>).</summary>
    public IReadOnlyList<RegisteredModel> List() => [.. BuiltIns(), .. _database.Value.All().Where(r => r.Problem is null).Select(ToModel)];

    /// <summary>Registered models whose database row is damaged, each with a message naming it (a page shows them so they can be deleted).</summary>
    public IReadOnlyList<DamagedModel> Damaged() =>
        [.. _database.Value.All().Where(r => r.Problem is not null).Select(r => new DamagedModel(r.Name, r.Problem!))];

    /// <summary>The model called <paramref name="name"/> (case-insensitive), or null (also when its entry is damaged).</summary>
    public RegisteredModel? Find(string name)
    {
        if (ModelName.Validate(name) is not null) return null;
        return BuiltIns().FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? (_database.Value.Find(name) is { Problem: null } row ? ToModel(row) : null);
    }

    /// <summary>Saves a trained network under <paramref name="name"/>.</summary>
    /// <param name="metadata">Stored in the file's safetensors metadata (how it was trained).</param>
    /// <param name="replace">Save it as the new version of an existing registered model of that name (atomically).</param>
    /// <exception cref="RegistryException">The name is invalid or taken, or the weights cannot be saved (NaN/∞).</exception>
    public RegisteredModel Register(string name, Network network, IReadOnlyDictionary<string, string>? metadata = null, bool replace = false)
    {
        ArgumentNullException.ThrowIfNull(network);
        EnsureAvailable(name, replace);
        var file = NewFileName(name);
        var path = System.IO.Path.Combine(_settings.Directory, file);
        try
        {
            ModelFile.Save(network, path, metadata);
        }
        catch (ArgumentException e)
        {
            throw new RegistryException($"The model cannot be saved: {e.Message.Replace(path, name)}", e);
        }
        return Insert(name, file, network.Architecture, ModelSource.Trained, replace);
    }

    /// <summary>
    /// Imports an uploaded safetensors file under <paramref name="name"/>: at most
    /// <see cref="ModelRegistrySettings.MaxImportBytes"/> bytes, and only if it loads as a RobustLab model.
    /// </summary>
    /// <param name="fileName">The uploaded file's name, for messages.</param>
    /// <param name="replace">Make it the new version of an existing registered model of that name (atomically); else the name must be free.</param>
    /// <remarks>A TorchScript archive (a .pt file name, or a zip) goes to <see cref="ImportTorchScriptAsync"/>.</remarks>
    /// <exception cref="RegistryException">The name is invalid or taken, the file is too large or is not a model file.</exception>
    public async Task<RegisteredModel> ImportAsync(string name, Stream content, string fileName, bool replace = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        EnsureAvailable(name, replace);
        long limit = _settings.MaxImportBytes;
        if (content.CanSeek && content.Length > limit) throw TooLarge(fileName, content.Length, exact: true);
        var temp = System.IO.Path.Combine(_settings.Directory, $".import-{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                var buffer = new byte[1 << 16];
                long total = 0;
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    total += read;
                    if (total > limit) throw TooLarge(fileName, total, exact: false);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
            }
            if (TorchScriptArchive.IsCandidate(fileName, temp)) return await ImportTorchScriptAsync(name, temp, fileName, replace, cancellationToken);
            Network network;
            try
            {
                network = ModelFile.Load(temp);
            }
            catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException)
            {
                var reason = e.Message.Replace(temp + ": ", "").Replace(temp, fileName);
                throw new RegistryException($"{fileName} is not a model file RobustLab can load: {reason}", e);
            }
            var final = NewFileName(name);
            File.Move(temp, System.IO.Path.Combine(_settings.Directory, final));
            return Insert(name, final, network.Architecture, ModelSource.Imported, replace);
        }
        finally
        {
            TryDelete(temp);
        }
    }

    // A TorchScript upload, stored at temp: allowed by the settings, a well-formed archive, and it loads in time and answers
    // probe batches with finite logits for 10 classes; then it moves into place like any import.
    private async Task<RegisteredModel> ImportTorchScriptAsync(string name, string temp, string fileName, bool replace, CancellationToken cancellationToken)
    {
        if (!_settings.AllowTorchScript)
            throw new RegistryException($"{fileName} is a TorchScript archive, and this server does not accept TorchScript uploads: an archive " +
                "carries code that libtorch interprets, and libtorch's loader has had memory-safety bugs. An administrator who trusts " +
                "the lab's users can allow them with RobustLab:Registry:AllowTorchScript = true (README: Your own PyTorch models in the lab).",
                reason: RegistryRefusal.Disabled);
        if (TorchScriptArchive.Problem(temp, fileName, 4 * _settings.MaxImportBytes) is { } problem) throw new RegistryException(problem);
        var spec = await TorchScriptModels.ProbeAsync(temp, fileName, _settings.LoadTimeout, cancellationToken);
        if (spec.Classes != TorchScriptClasses)
            throw new RegistryException($"{fileName} gives {spec.Classes} logits per image; the lab's data sets have {TorchScriptClasses} classes.");
        int[] shape = spec.InputShape;
        var metadata = new Dictionary<string, string>
        {
            ["format"] = "torchscript",
            [InputShapeKey] = string.Join(",", shape),
            ["classes"] = spec.Classes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["dataset"] = Engine.Data.DatasetCatalog.DefaultFor(shape),
        };
        var final = NewFileName(name, TorchScriptExtension);
        File.Move(temp, System.IO.Path.Combine(_settings.Directory, final));
        return Insert(name, final, TorchScriptModels.Architecture, ModelSource.Imported, replace, metadata);
    }

    /// <summary>The classes a TorchScript upload must have: the lab's data sets (MNIST, CIFAR-10) have ten.</summary>
    public const int TorchScriptClasses = 10;

    /// <summary>The metadata key of a TorchScript model's probed input shape ("1,28,28").</summary>
    public const string InputShapeKey = "input_shape";

    /// <summary>Deletes a registered model: its row, then its file.</summary>
    /// <exception cref="RegistryException">It is a built-in, or there is no such model.</exception>
    public void Delete(string name)
    {
        if (BuiltIns().Any(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase)))
            throw new RegistryException($"'{name}' is a built-in model; built-ins cannot be deleted.");
        var row = ModelName.Validate(name) is null ? _database.Value.Delete(name) : null;
        if (row is null) throw new RegistryException($"There is no model called '{name}'.", reason: RegistryRefusal.NotFound);
        _loaded.TryRemove(row.Name, out _);
        if (RegistryRow.IsPlainFileName(row.File)) TryDelete(System.IO.Path.Combine(_settings.Directory, row.File)); // a damaged row's file name may point anywhere
        _logger.LogInformation("Model {Name} deleted from the registry.", row.Name);
        Changed?.Invoke();
    }

    /// <summary>The model's weights, loaded once and shared (each job builds its own network from them).</summary>
    /// <exception cref="RegistryException">There is no such model, its entry is damaged, or its file no longer loads or no
    /// longer matches its registered SHA-256 (the message names the model).</exception>
    public TrainedModel Load(string name)
    {
        var model = Find(name) ?? throw (ModelName.Validate(name) is null && _database.Value.Find(name) is { Problem: { } problem }
            ? new RegistryException(problem, reason: RegistryRefusal.Damaged)
            : new RegistryException($"There is no model called '{name}'.", reason: RegistryRefusal.NotFound));
        if (_loaded.TryGetValue(model.Name, out var cached) && cached.Sha256 == model.Sha256) return cached.Model;
        if (model.IsTorchScript) return LoadTorchScript(model);
        try
        {
            var network = ModelFile.Load(model.FilePath);
            // A registered file must also match its SHA-256: a damaged file that still parses (a flipped weight) is caught too.
            if (!model.IsBuiltIn && Sha256Of(model.FilePath) is var actual && actual != model.Sha256)
                throw new RegistryException($"The file of '{model.Name}' is damaged or was changed: its SHA-256 is {actual[..12]}…, " +
                    $"not the registered {model.Sha256[..12]}…. Delete the model and import it again.", reason: RegistryRefusal.Damaged);
            if (network.Architecture != model.Architecture)
                throw new RegistryException($"The file of '{model.Name}' holds a {network.Architecture}, but the registry says {model.Architecture}.", reason: RegistryRefusal.Damaged);
            var trained = new TrainedModel(network);
            _loaded[model.Name] = (model.Sha256, trained);
            return trained;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            throw new RegistryException($"The file of '{model.Name}' does not load: {e.Message}", e, RegistryRefusal.Damaged);
        }
    }

    private TrainedModel LoadTorchScript(RegisteredModel model)
    {
        try
        {
            if (Sha256Of(model.FilePath) is var actual && actual != model.Sha256)
                throw new RegistryException($"The file of '{model.Name}' is damaged or was changed: its SHA-256 is {actual[..12]}…, " +
                    $"not the registered {model.Sha256[..12]}…. Delete the model and import it again.", reason: RegistryRefusal.Damaged);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RegistryException($"The file of '{model.Name}' does not load: {e.Message}", e, RegistryRefusal.Damaged);
        }
        var shape = model.InputShape ?? throw new RegistryException($"The entry of '{model.Name}' has no input shape.", reason: RegistryRefusal.Damaged);
        var trained = new TrainedModel(TorchScriptModels.Load(model.FilePath, shape, model.Name), TorchScriptModels.NoRetrofitReason);
        _loaded[model.Name] = (model.Sha256, trained);
        return trained;
    }

    // A name may be used when it is valid and free; with replace, also when a registered (not built-in) model has it.
    private void EnsureAvailable(string name, bool replace)
    {
        if (ModelName.Validate(name) is { } problem) throw new RegistryException(problem);
        if (BuiltIns().FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase)) is { } builtIn)
            throw new RegistryException($"'{builtIn.Name}' is the name of a built-in model; choose another name.", reason: RegistryRefusal.NameTaken);
        if (!replace && _database.Value.Find(name) is { } existing)
            throw new RegistryException($"A model called '{existing.Name}' is already registered; choose another name or delete that one first.", reason: RegistryRefusal.NameTaken);
    }

    // The file is in place; its row goes in (or, with replace, takes the place of the old row in one transaction, and
    // the old file goes once that has committed). On any failure before the commit the new file is removed again.
    private RegisteredModel Insert(string name, string file, string architecture, ModelSource source, bool replace,
        IReadOnlyDictionary<string, string>? fileMetadata = null)
    {
        var path = System.IO.Path.Combine(_settings.Directory, file);
        RegistryRow row;
        RegistryRow? previous = null;
        try
        {
            var info = new FileInfo(path);
            var metadata = JsonSerializer.Serialize(fileMetadata ?? ModelFile.ReadMetadata(path));
            row = new RegistryRow(name, file, architecture, source, Sha256Of(path), info.Length, DateTimeOffset.UtcNow, metadata);
            lock (_names)
            {
                if (BuiltIns().Any(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase)))
                    throw new RegistryException($"'{name}' is the name of a built-in model; choose another name.", reason: RegistryRefusal.NameTaken);
                if (replace) previous = _database.Value.Replace(row);
                else if (!_database.Value.Insert(row))
                    throw new RegistryException($"A model called '{name}' was registered a moment ago; choose another name.", reason: RegistryRefusal.NameTaken);
            }
        }
        catch
        {
            TryDelete(path); // no row refers to it
            throw;
        }
        if (previous is not null)
        {
            _loaded.TryRemove(previous.Name, out _);
            if (RegistryRow.IsPlainFileName(previous.File) && previous.File != file) TryDelete(System.IO.Path.Combine(_settings.Directory, previous.File));
        }
        _logger.LogInformation("Model {Name} ({Architecture}, {Source}) {Action} as {File}.", name, architecture, source, previous is null ? "registered" : "replaced", file);
        Changed?.Invoke();
        return ToModel(row);
    }

    private IEnumerable<RegisteredModel> BuiltIns()
    {
        var dir = _settings.BuiltInDirectory;
        if (!System.IO.Directory.Exists(dir)) yield break;
        foreach (var path in System.IO.Directory.GetFiles(dir, "*" + Extension).Order(StringComparer.Ordinal))
        {
            var name = System.IO.Path.GetFileNameWithoutExtension(path);
            if (ModelName.Validate(name) is not null) continue;
            RegisteredModel? model;
            try
            {
                var info = new FileInfo(path);
                var metadata = ModelFile.ReadMetadata(path);
                var hash = _builtInHashes.TryGetValue(path, out var h) && h.Length == info.Length && h.Written == info.LastWriteTimeUtc
                    ? h.Sha256
                    : (_builtInHashes[path] = (info.Length, info.LastWriteTimeUtc, Sha256Of(path))).Sha256;
                model = new RegisteredModel(name, metadata.GetValueOrDefault(ModelFile.ArchitectureKey, "unknown"), ModelSource.BuiltIn,
                    path, info.Length, hash, info.LastWriteTimeUtc, metadata);
            }
            catch (Exception e) when (e is InvalidDataException or IOException)
            {
                _logger.LogWarning(e, "Built-in model file {Path} is not readable; it is not listed.", path);
                model = null;
            }
            if (model is not null) yield return model;
        }
    }

    private RegisteredModel ToModel(RegistryRow row) => new(row.Name, row.Architecture, row.Source,
        System.IO.Path.Combine(_settings.Directory, row.File), row.SizeBytes, row.Sha256, row.Created,
        JsonSerializer.Deserialize<Dictionary<string, string>>(row.MetadataJson) ?? []);

    // Opens (and on first use creates) the database, then removes files that no row refers to: files of a
    // registration that crashed before its insert, and leftover temporary files.
    private RegistryDatabase Open()
    {
        System.IO.Directory.CreateDirectory(_settings.Directory);
        var database = new RegistryDatabase(System.IO.Path.Combine(_settings.Directory, DatabaseFile));
        database.EnsureCreated();
        var referenced = database.All().Select(r => r.File).ToHashSet(StringComparer.Ordinal);
        foreach (var path in System.IO.Directory.EnumerateFiles(_settings.Directory))
        {
            var file = System.IO.Path.GetFileName(path);
            bool ours = file.EndsWith(Extension, StringComparison.Ordinal) || file.EndsWith(TorchScriptExtension, StringComparison.Ordinal) || (file.StartsWith('.') && file.EndsWith(".tmp", StringComparison.Ordinal));
            if (ours && !referenced.Contains(file))
            {
                _logger.LogWarning("Removing {File} from the registry folder: no registered model refers to it.", file);
                TryDelete(path);
            }
        }
        return database;
    }

    private static string NewFileName(string name, string extension = Extension) => $"{name}.{Guid.NewGuid():N}{extension}";

    private RegistryException TooLarge(string fileName, long bytes, bool exact) => new(
        $"{fileName} ({(exact ? "" : "at least ")}{Megabytes(bytes)}) is larger than the import limit of {Megabytes(_settings.MaxImportBytes)}; " +
        "raise RobustLab:MaxModelFileBytes in appsettings.json to allow it.", reason: RegistryRefusal.TooLarge);

    private static string Megabytes(long bytes) => $"{bytes / (1024.0 * 1024.0):0.##} MB";

    private static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException e)
        {
            _logger.LogWarning(e, "Could not delete {Path}; it is removed on the next start.", path);
        }
    }
}
