using System.Globalization;
using RobustLab.Engine.Attacks;
using RobustLab.Engine.Data;
using RobustLab.Engine.Defenses;
using RobustLab.Engine.Models;
using RobustLab.Engine.Training;

namespace RobustLab.Web.Services.Training;

/// <summary>Everything the Train page asks for, checked on the server by <see cref="Validate"/> (the browser is not trusted).</summary>
/// <param name="StartFrom">A registry model to fine-tune (its architecture wins), or null to start from a seeded initialisation.</param>
/// <param name="TrainExamples">Train on the first this many examples of the training split (clipped to its size).</param>
/// <param name="TestExamples">Measure test accuracy on the first this many test examples after each epoch (0: not at all).</param>
/// <param name="Method">Adversarial training: the one-step method that crafts the examples (<see cref="AttackCatalog.OneStep"/>).</param>
/// <param name="AdversarialFraction">Adversarial training: k/m, the share of each minibatch made adversarial.</param>
/// <param name="Lambda">Adversarial training: λ, the loss weight of adversarial examples (Kurakin eq. 1).</param>
/// <param name="FixedEpsilon">Adversarial training: null draws ε per example from |N(0, σ²)| truncated to [0, 2σ]; a value uses that ε for all.</param>
/// <param name="EpsilonSigma">Adversarial training: σ of the truncated normal of ε.</param>
/// <param name="Delay">Adversarial training: clean-only steps before adversarial examples start.</param>
/// <param name="NoiseSigma">Noise injection: σ of the Gaussian noise added to every input.</param>
public sealed record TrainingRequest(
    TrainingMode Mode = TrainingMode.Plain,
    string? StartFrom = null,
    string Architecture = ModelZoo.LeNetLike,
    string Dataset = DatasetCatalog.Mnist,
    int Epochs = 1,
    int BatchSize = 64,
    double LearningRate = 1e-3,
    string Optimizer = "adam",
    int Seed = 1,
    int TrainExamples = 10_000,
    int TestExamples = 1_000,
    string Method = "step-ll",
    double AdversarialFraction = 0.5,
    double Lambda = 0.3,
    double? FixedEpsilon = null,
    double EpsilonSigma = 0.15,
    int Delay = 0,
    double NoiseSigma = 0.25)
{
    public static IReadOnlyList<string> Optimizers { get; } = ["adam", "sgd"];

    public const int MaxEpochs = 100, MaxBatchSize = 1024, MaxExamples = 1_000_000, MaxDelay = 1_000_000;

    /// <summary>Every problem with the request, each a sentence naming the setting (empty when it is valid).</summary>
    /// <param name="startFromArchitecture">The architecture of <see cref="StartFrom"/> when it exists in the registry (else null).</param>
    public IReadOnlyList<string> Validate(string? startFromArchitecture = null)
    {
        var errors = new List<string>();
        void Check(bool ok, string message)
        {
            if (!ok) errors.Add(message);
        }
        static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
        // A value from the browser, echoed in a message: printable and short, whatever was sent.
        static string S(string? text)
        {
            var clean = new string((text ?? "").Where(c => !char.IsControl(c)).Take(41).ToArray());
            return clean.Length > 40 ? clean[..40] + "…" : clean;
        }

        Check(Enum.IsDefined(Mode), $"Unknown training mode '{Mode}'.");
        string? architecture = Architecture;
        if (StartFrom is not null)
        {
            Check(startFromArchitecture is not null, $"There is no model called '{S(StartFrom)}' to start from.");
            architecture = startFromArchitecture;
            Check(startFromArchitecture is null || ModelZoo.Names.Contains(startFromArchitecture),
                $"'{S(StartFrom)}' is a {startFromArchitecture} model: the lab trains its own architectures only, so it cannot start from it.");
        }
        else Check(ModelZoo.Names.Contains(Architecture), $"Architecture must be one of {string.Join(", ", ModelZoo.Names)}; got '{S(Architecture)}'.");
        Check(DatasetCatalog.Names.Contains(Dataset), $"Data set must be one of {string.Join(", ", DatasetCatalog.Names)}; got '{S(Dataset)}'.");
        if (architecture is not null && ModelZoo.Names.Contains(architecture) && DatasetCatalog.Names.Contains(Dataset))
        {
            var shape = ModelZoo.Create(architecture).InputShape;
            var fits = DatasetCatalog.DefaultFor(shape) == DatasetCatalog.Cifar10 ? Dataset == DatasetCatalog.Cifar10 : Dataset != DatasetCatalog.Cifar10;
            Check(fits, $"{architecture} takes {string.Join("×", shape)} images, which {Dataset} does not have; choose " +
                        (Dataset == DatasetCatalog.Cifar10 ? "mnist or fashion-mnist." : "cifar10, or an MNIST architecture."));
        }
        Check(Epochs is >= 1 and <= MaxEpochs, $"Epochs must be between 1 and {MaxEpochs}; got {Epochs}.");
        Check(BatchSize is >= 1 and <= MaxBatchSize, $"Batch size must be between 1 and {MaxBatchSize}; got {BatchSize}.");
        Check(LearningRate is > 0 and <= 1, $"Learning rate must be in (0, 1]; got {F(LearningRate)}.");
        Check(Optimizers.Contains(Optimizer), $"Optimizer must be adam or sgd; got '{S(Optimizer)}'.");
        Check(Seed >= 0, $"Seed must be ≥ 0; got {Seed}.");
        Check(TrainExamples is >= 1 and <= MaxExamples, $"Training examples must be between 1 and {MaxExamples:N0}; got {TrainExamples}.");
        Check(TestExamples is >= 0 and <= MaxExamples, $"Test examples must be between 0 and {MaxExamples:N0}; got {TestExamples}.");
        if (Mode == TrainingMode.Adversarial)
        {
            Check(AttackCatalog.OneStep.Any(a => a.Name == Method), $"Adversarial training: method must be one of {string.Join(", ", AttackCatalog.OneStep.Select(a => a.Name))}; got '{S(Method)}'.");
            Check(AdversarialFraction is >= 0 and <= 1, $"Adversarial training: k/m must be in [0, 1]; got {F(AdversarialFraction)}.");
            Check(Lambda is >= 0 and <= 10, $"Adversarial training: λ must be in [0, 10]; got {F(Lambda)}.");
            if (FixedEpsilon is double e) Check(e is > 0 and <= 1, $"Adversarial training: fixed ε must be in (0, 1]; got {F(e)}.");
            else Check(EpsilonSigma is > 0 and <= 0.5, $"Adversarial training: ε σ must be in (0, 0.5] (ε then lies in [0, 2σ]); got {F(EpsilonSigma)}.");
            Check(Delay is >= 0 and <= MaxDelay, $"Adversarial training: delay must be between 0 and {MaxDelay:N0} steps; got {Delay}.");
        }
        if (Mode == TrainingMode.NoiseInjection)
            Check(NoiseSigma is > 0 and <= 2, $"Noise injection: σ must be in (0, 2]; got {F(NoiseSigma)}.");
        return errors;
    }

    /// <summary>The engine's options for this request (validate first).</summary>
    public TrainingOptions ToTrainingOptions() => new(Epochs, BatchSize, (float)LearningRate, Optimizer, Seed: Seed);

    /// <summary>The batch rewrite of the mode: none, Kurakin's mixed adversarial batches, or x + N(0, σ²).</summary>
    public Trainer.BatchRewrite? BatchTransform() => Mode switch
    {
        TrainingMode.Adversarial => AdversarialTraining.FromCatalog(Method, new AttackSettings(),
            new AdversarialTrainingOptions((float)AdversarialFraction, (float)Lambda, (float)EpsilonSigma, (float?)FixedEpsilon, Delay: Delay, Seed: Seed)).BatchTransform,
        TrainingMode.NoiseInjection => new NoiseInjection((float)NoiseSigma, Seed).BatchTransform,
        _ => null,
    };

    /// <summary>How the model was trained, for the model file's metadata.</summary>
    public Dictionary<string, string> Metadata()
    {
        static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
        var metadata = new Dictionary<string, string>
        {
            ["dataset"] = Dataset,
            ["training"] = Mode switch
            {
                TrainingMode.Adversarial => $"adversarial (Kurakin et al. 2017): {Method}, k/m {F(AdversarialFraction)}, λ {F(Lambda)}, " +
                    (FixedEpsilon is double e ? $"ε {F(e)}" : $"ε ~ |N(0, {F(EpsilonSigma)}²)| on [0, {F(2 * EpsilonSigma)}]") + $", delay {Delay} steps",
                TrainingMode.NoiseInjection => $"Gaussian noise injection (Nemcovsky et al.): σ {F(NoiseSigma)}",
                _ => "plain",
            },
            ["epochs"] = Epochs.ToString(CultureInfo.InvariantCulture),
            ["batch"] = BatchSize.ToString(CultureInfo.InvariantCulture),
            ["optimizer"] = $"{Optimizer}, lr {F(LearningRate)}",
            ["seed"] = Seed.ToString(CultureInfo.InvariantCulture),
            ["train_examples"] = TrainExamples.ToString(CultureInfo.InvariantCulture),
            ["trained_with"] = "RobustLab web app, Train page",
        };
        if (StartFrom is not null) metadata["fine_tuned_from"] = StartFrom;
        return metadata;
    }
}
