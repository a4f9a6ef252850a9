// IdxDatasetSource: what distinguishes one IDX dataset from another for IdxDatasetLoader —
// its name, its folder, further places to look, and how the user gets it.
namespace RobustLab.Engine.Data;

/// <summary>Where an IDX dataset may live and what to tell the user when it is absent.</summary>
/// <param name="Name">Short name used in dataset names, e.g. "mnist" → "mnist-test".</param>
/// <param name="Title">Human name used in messages, e.g. "MNIST".</param>
/// <param name="Folder">Sub-folder of the data directory that holds the files.</param>
/// <param name="ExtraDirectories">Further directories searched after the data directory (e.g. a system package's).</param>
/// <param name="HowToGet">Instructions for the user, given the preferred folder for the files.</param>
internal sealed record IdxDatasetSource(
    string Name, string Title, string Folder, IReadOnlyList<string> ExtraDirectories, Func<string, string> HowToGet);
