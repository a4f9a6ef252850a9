namespace RobustLab.Tests;

/// <summary>
/// Tests that set the global <see cref="RobustLab.Engine.Tensors.Parallelism.Threads"/> run alone, so no other test
/// changes the thread count under them (and they change it under no one).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ThreadCountCollection
{
    public const string Name = "Parallelism.Threads";
}
