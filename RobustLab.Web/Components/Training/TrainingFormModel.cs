using RobustLab.Engine.Data;
using RobustLab.Engine.Models;
using RobustLab.Web.Services.Training;

namespace RobustLab.Web.Components.Training;

/// <summary>The Train page's form: mutable, bound to the inputs, turned into a <see cref="TrainingRequest"/> (validated on the server) on submit.</summary>
public sealed class TrainingFormModel
{
    /// <summary>The "start from" choice meaning a fresh, seeded initialisation.</summary>
    public const string Scratch = "(scratch)"; // not a valid model name, so never one in the registry

    public TrainingMode Mode { get; set; } = TrainingMode.Plain;
    public string StartFrom { get; set; } = Scratch;
    public string Architecture { get; set; } = ModelZoo.LeNetLike;
    public string Dataset { get; set; } = DatasetCatalog.Mnist;
    public int Epochs { get; set; } = 2;
    public int BatchSize { get; set; } = 64;
    public double LearningRate { get; set; } = 1e-3;
    public string Optimizer { get; set; } = "adam";
    public int Seed { get; set; } = 1;
    public int TrainExamples { get; set; } = 10_000;
    public int TestExamples { get; set; } = 1_000;
    public string Method { get; set; } = "step-ll";
    public double AdversarialFraction { get; set; } = 0.5;
    public double Lambda { get; set; } = 0.3;
    public bool UseFixedEpsilon { get; set; }
    public double FixedEpsilon { get; set; } = 0.3;
    public double EpsilonSigma { get; set; } = 0.15;
    public int Delay { get; set; }
    public double NoiseSigma { get; set; } = 0.25;

    /// <summary>A form showing <paramref name="request"/> (the settings of the run under way, when coming back to the page).</summary>
    public static TrainingFormModel From(TrainingRequest request) => new()
    {
        Mode = request.Mode, StartFrom = request.StartFrom ?? Scratch, Architecture = request.Architecture, Dataset = request.Dataset,
        Epochs = request.Epochs, BatchSize = request.BatchSize, LearningRate = request.LearningRate, Optimizer = request.Optimizer,
        Seed = request.Seed, TrainExamples = request.TrainExamples, TestExamples = request.TestExamples, Method = request.Method,
        AdversarialFraction = request.AdversarialFraction, Lambda = request.Lambda, UseFixedEpsilon = request.FixedEpsilon is not null,
        FixedEpsilon = request.FixedEpsilon ?? 0.3, EpsilonSigma = request.EpsilonSigma, Delay = request.Delay, NoiseSigma = request.NoiseSigma,
    };

    public TrainingRequest ToRequest() => new(Mode, StartFrom == Scratch ? null : StartFrom, Architecture, Dataset, Epochs, BatchSize,
        LearningRate, Optimizer, Seed, TrainExamples, TestExamples, Method, AdversarialFraction, Lambda,
        UseFixedEpsilon ? FixedEpsilon : null, EpsilonSigma, Delay, NoiseSigma);
}
