namespace RobustLab.Torch;

/// <summary>libtorch cannot be used here: the message says what is missing and what to do (one paragraph, no trace).</summary>
/// <remarks>An <see cref="InvalidOperationException"/>, so the CLI prints it as one clear line and exits 1.</remarks>
public sealed class LibTorchUnavailableException(string message, Exception? inner = null) : InvalidOperationException(message, inner);
