using RobustLab.Engine.Catalog;

namespace RobustLab.Web.Services.Training;

/// <summary>The Train page's number fields as knobs (ranges from <see cref="TrainingRequest"/>'s limits), so its number boxes read
/// text the way every other box does (<see cref="NumberText"/>: "1e9" is clamped to the maximum and says so, never becomes 19).</summary>
public static class TrainingKnobs
{
    public static Knob TrainExamples { get; } = Whole("train-examples", "train images", 1, TrainingRequest.MaxExamples, 10_000, "Train on the first this many training images.");
    public static Knob TestExamples { get; } = Whole("test-examples", "test images", 0, TrainingRequest.MaxExamples, 1_000, "Test accuracy after each epoch on the first this many test images (0: none).");
    public static Knob Epochs { get; } = Whole("epochs", "epochs", 1, TrainingRequest.MaxEpochs, 1, "Passes over the training images.");
    public static Knob BatchSize { get; } = Whole("batch-size", "batch size", 1, TrainingRequest.MaxBatchSize, 64, "Images per gradient step.");
    public static Knob Seed { get; } = Whole("seed", "seed", 0, int.MaxValue, 1, "Seeds the initialisation, the shuffling and the adversarial examples.");
    public static Knob Delay { get; } = Whole("delay", "delay", 0, TrainingRequest.MaxDelay, 0, "Clean-only steps before adversarial examples start (Kurakin et al. §3).");

    public static Knob LearningRate { get; } = new("learning-rate", "learning rate", "learning rate", 0, 1, 1e-3, 1e-6, "The optimizer's step size.") { MinExclusive = true };
    public static Knob AdversarialFraction { get; } = new("adversarial-fraction", "k/m", "k/m", 0, 1, 0.5, 0.01, "The share of each minibatch made adversarial.");
    public static Knob Lambda { get; } = new("lambda", "λ", "λ", 0, 10, 0.3, 0.01, "The loss weight of adversarial examples.");
    public static Knob FixedEpsilon { get; } = new("fixed-epsilon", "ε", "ε", 0, 1, 0.3, 0.001, "One ε for every adversarial example.") { MinExclusive = true };
    public static Knob EpsilonSigma { get; } = new("epsilon-sigma", "σ of ε", "σ of ε", 0, 0.5, 0.15, 0.001, "ε is drawn per example from |N(0, σ²)| truncated to [0, 2σ].") { MinExclusive = true };
    public static Knob NoiseSigma { get; } = new("noise-sigma", "σ", "σ of the noise", 0, 2, 0.25, 0.001, "Std of the Gaussian noise added to every training input.") { MinExclusive = true };

    private static Knob Whole(string name, string label, int min, int max, int defaultValue, string help) =>
        new(name, label, label, min, max, defaultValue, 1, help) { Integer = true };
}
