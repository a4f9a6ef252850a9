namespace RobustLab.Engine.Experiments;

/// <summary>A paper experiment rerun on MNIST with the default models: <c>robustlab reproduce &lt;name&gt;</c>, and a preset for the lab.</summary>
/// <remarks>
/// An experiment streams progress lines through <see cref="ExperimentContext.Log"/> while it runs (every sweep point as it is
/// measured) and returns its tables, each with the paper's own numbers in columns beside ours where the paper prints them.
/// The same context (seed, limit, scale) gives the same tables.
/// </remarks>
public interface IExperiment
{
    /// <summary>The name on the command line ("jumprelu-kappa"); a contract.</summary>
    string Name { get; }

    /// <summary>One line for <c>robustlab reproduce --list</c>.</summary>
    string Description { get; }

    /// <summary>The paper and the tables or figures reproduced ("Erichson et al., JumpReLU — Fig. 4a, Tables 1a and 2a").</summary>
    string Paper { get; }

    /// <summary>Test examples used when <see cref="ExperimentContext.Limit"/> is not set (chosen so a full run takes minutes on 2 cores).</summary>
    int DefaultLimit { get; }

    /// <summary>Runs the experiment and returns its tables (also written by <see cref="TableWriter"/>).</summary>
    Task<IReadOnlyList<ResultTable>> RunAsync(ExperimentContext context, CancellationToken cancellationToken = default);
}
