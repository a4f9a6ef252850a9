namespace RobustLab.Web.Services.Experiments;

// Files: export as JSON or CSV; import a JSON export as a new experiment (validated, size-limited, never overwriting).
public sealed partial class ExperimentStore
{
    /// <summary>The experiment as a <c>robustlab-experiment</c> JSON document (configuration, results, timing, software version).</summary>
    /// <exception cref="ExperimentException">There is no such experiment, or its row is damaged.</exception>
    public string ExportJson(long id) => ExperimentExport.ToJson(Get(id));

    /// <summary>Every point of the experiment as CSV.</summary>
    public string ExportCsv(long id) => ExperimentExport.ToCsv(Get(id));

    /// <summary>Imports an exported experiment as a new one (a new id; nothing existing is touched), all of it in one transaction.</summary>
    /// <exception cref="ExperimentImportException">Larger than RobustLab:Experiments:MaxImportBytes (<see cref="ExperimentImportException.TooLarge"/>),
    /// or not a valid experiment file (the message names the first defect).</exception>
    public async Task<ExperimentSummary> ImportAsync(Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        long limit = _options.MaxImportBytes;
        if (content.CanSeek && content.Length - content.Position > limit) throw TooLarge(content.Length - content.Position, exact: true);
        using var buffer = new MemoryStream();
        var chunk = new byte[1 << 16];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit) throw TooLarge(buffer.Length + read, exact: false);
            buffer.Write(chunk, 0, read);
        }
        var (record, points) = ExperimentImport.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), DateTimeOffset.UtcNow);
        long id = Guard(() => Database.Insert(record, points));
        _logger.LogInformation("Experiment imported as {Id} ({Kind}, {Points} points).", id, record.Kind, points.Count);
        Changed?.Invoke();
        return Get(id).Summary;
    }

    private ExperimentImportException TooLarge(long bytes, bool exact) => new(
        $"Import refused: the file ({(exact ? "" : "at least ")}{bytes:N0} bytes) is larger than the limit of {_options.MaxImportBytes:N0} bytes " +
        "(RobustLab:Experiments:MaxImportBytes in appsettings.json).", tooLarge: true);
}
