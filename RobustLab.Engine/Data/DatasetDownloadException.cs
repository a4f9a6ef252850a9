// DatasetDownloadException: a dataset could not be fetched; the message says what happened and what to do.
namespace RobustLab.Engine.Data;

/// <summary>
/// Thrown when a dataset cannot be fetched (npm missing or failing, network down, wrong checksum).
/// The message is meant for the user as is: what went wrong and what to do about it.
/// </summary>
public sealed class DatasetDownloadException : Exception
{
    /// <summary>Creates the exception with a user-facing message.</summary>
    public DatasetDownloadException(string message) : base(message) { }

    /// <summary>Creates the exception with a user-facing message and its cause.</summary>
    public DatasetDownloadException(string message, Exception inner) : base(message, inner) { }
}
