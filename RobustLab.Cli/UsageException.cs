namespace RobustLab.Cli;

/// <summary>Bad command-line arguments: the message and the usage text are printed, exit code 2.</summary>
internal sealed class UsageException(string message, string? command = null) : Exception(message)
{
    public string? Command { get; } = command;
}
