using RobustLab.Engine.Attacks;
using RobustLab.Web.Services.Training;

namespace RobustLab.Tests.Web.Training;

// The Train page's request is validated on the server: every setting outside its range gets a sentence that
// names it; the modes map onto the engine's training hooks; the metadata says how a model was trained.
public sealed class TrainingRequestTests
{
    [Fact]
    public void The_defaults_are_valid_in_every_mode()
    {
        foreach (var mode in Enum.GetValues<TrainingMode>())
            Assert.Empty(new TrainingRequest(Mode: mode).Validate());
    }

    public static TheoryData<TrainingRequest, string> Invalid() => new()
    {
        { new(Epochs: 0), "Epochs must be between 1 and 100; got 0." },
        { new(Epochs: 101), "Epochs must be between 1 and 100" },
        { new(BatchSize: 0), "Batch size must be between 1 and 1024; got 0." },
        { new(LearningRate: 0), "Learning rate must be in (0, 1]; got 0." },
        { new(LearningRate: double.NaN), "Learning rate must be in (0, 1]; got NaN." },
        { new(Optimizer: "rmsprop"), "Optimizer must be adam or sgd; got 'rmsprop'." },
        { new(Seed: -1), "Seed must be ≥ 0; got -1." },
        { new(TrainExamples: 0), "Training examples must be between 1 and 1,000,000; got 0." },
        { new(TestExamples: -5), "Test examples must be between 0 and 1,000,000; got -5." },
        { new(Architecture: "resnet"), "Architecture must be one of lenet-like, borji-mnist" },
        { new(Dataset: "imagenet"), "Data set must be one of mnist, fashion-mnist, cifar10; got 'imagenet'." },
        { new(Dataset: "cifar10"), "lenet-like takes 1×28×28 images, which cifar10 does not have; choose mnist or fashion-mnist." },
        { new(Architecture: "alex-like"), "alex-like takes 3×32×32 images, which mnist does not have; choose cifar10, or an MNIST architecture." },
        { new(Mode: (TrainingMode)7), "Unknown training mode '7'." },
        { new(Mode: TrainingMode.Adversarial, Method: "pgd"), "Adversarial training: method must be one of fgsm, " },
        { new(Mode: TrainingMode.Adversarial, AdversarialFraction: 1.5), "k/m must be in [0, 1]; got 1.5." },
        { new(Mode: TrainingMode.Adversarial, Lambda: -0.1), "λ must be in [0, 10]; got -0.1." },
        { new(Mode: TrainingMode.Adversarial, EpsilonSigma: 0), "ε σ must be in (0, 0.5]" },
        { new(Mode: TrainingMode.Adversarial, FixedEpsilon: 2), "fixed ε must be in (0, 1]; got 2." },
        { new(Mode: TrainingMode.Adversarial, Delay: -1), "delay must be between 0 and 1,000,000 steps; got -1." },
        { new(Mode: TrainingMode.NoiseInjection, NoiseSigma: 0), "Noise injection: σ must be in (0, 2]; got 0." },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Each_setting_out_of_range_is_named_in_a_message(TrainingRequest request, string message)
    {
        var errors = request.Validate();
        Assert.Contains(errors, e => e.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Settings_of_other_modes_are_not_checked_and_every_problem_is_reported_at_once()
    {
        Assert.Empty(new TrainingRequest(Method: "nonsense", NoiseSigma: -1).Validate()); // plain mode ignores them
        Assert.Equal(3, new TrainingRequest(Epochs: 0, BatchSize: 0, Seed: -1).Validate().Count);
    }

    [Fact]
    public void Starting_from_a_model_takes_its_architecture_and_needs_it_to_exist()
    {
        Assert.Contains("There is no model called 'gone' to start from.", new TrainingRequest(StartFrom: "gone").Validate(startFromArchitecture: null));
        Assert.Empty(new TrainingRequest(StartFrom: "mine", Architecture: "ignored").Validate(startFromArchitecture: "borji-mnist"));
        Assert.Contains(new TrainingRequest(StartFrom: "mine", Dataset: "cifar10").Validate("borji-mnist"), e => e.StartsWith("borji-mnist takes 1×28×28"));
    }

    [Fact]
    public void Every_one_step_method_is_a_catalog_attack_that_picks_its_own_labels()
    {
        foreach (var name in AttackCatalog.OneStep.Select(a => a.Name))
            Assert.False(AttackCatalog.Create(name, new AttackSettings()).Targeted, name);
    }

    [Fact]
    public void Modes_map_to_the_engines_batch_rewrites_and_the_metadata_says_which()
    {
        Assert.Null(new TrainingRequest().BatchTransform());
        Assert.NotNull(new TrainingRequest(Mode: TrainingMode.Adversarial).BatchTransform());
        Assert.NotNull(new TrainingRequest(Mode: TrainingMode.NoiseInjection).BatchTransform());

        var adversarial = new TrainingRequest(Mode: TrainingMode.Adversarial, Method: "step-ll", AdversarialFraction: 0.5, Lambda: 0.3, EpsilonSigma: 0.15, Delay: 10).Metadata();
        Assert.Equal("adversarial (Kurakin et al. 2017): step-ll, k/m 0.5, λ 0.3, ε ~ |N(0, 0.15²)| on [0, 0.3], delay 10 steps", adversarial["training"]);
        var fixedEpsilon = new TrainingRequest(Mode: TrainingMode.Adversarial, FixedEpsilon: 0.3).Metadata();
        Assert.Contains("ε 0.3,", fixedEpsilon["training"]);
        var noise = new TrainingRequest(Mode: TrainingMode.NoiseInjection, NoiseSigma: 0.25, StartFrom: "lenet-like").Metadata();
        Assert.Equal("Gaussian noise injection (Nemcovsky et al.): σ 0.25", noise["training"]);
        Assert.Equal("lenet-like", noise["fine_tuned_from"]);
        Assert.Equal("mnist", noise["dataset"]);
    }
}
