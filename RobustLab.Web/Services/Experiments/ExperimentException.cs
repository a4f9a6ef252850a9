namespace RobustLab.Web.Services.Experiments;

/// <summary>A refused or failed experiment operation, with a message a page (or an HTTP 400 body) can show as it is.</summary>
public class ExperimentException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>There is no experiment with that id.</summary>
public sealed class ExperimentNotFoundException(long id) : ExperimentException($"There is no experiment #{id}.")
{
    public long Id { get; } = id;
}

/// <summary>An import was refused: the file is too large, or not a valid RobustLab experiment (the message names the defect).</summary>
public sealed class ExperimentImportException(string message, bool tooLarge = false, Exception? inner = null) : ExperimentException(message, inner)
{
    /// <summary>True when the file is larger than RobustLab:Experiments:MaxImportBytes (HTTP 413).</summary>
    public bool TooLarge { get; } = tooLarge;
}
