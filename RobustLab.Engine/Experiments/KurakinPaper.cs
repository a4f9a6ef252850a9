namespace RobustLab.Engine.Experiments;

/// <summary>Kurakin, Goodfellow &amp; Bengio's own numbers, transcribed from the text, for the tables beside ours.</summary>
/// <remarks>
/// NOTE: Tables 3 and 5 are ImageNet (Inception v3, top-1) with ε in 0–255 pixel units, so they show the shape of the
/// effect (which generators help, label leaking lifting adversarial above clean accuracy), not numbers MNIST can match.
/// The one MNIST number is the label-leak count of §4.2.
/// </remarks>
public static class KurakinPaper
{
    /// <summary>The test-time ε of Tables 3 and 5, in 0–255 units.</summary>
    public static IReadOnlyList<int> Epsilons255 { get; } = [2, 4, 8, 16];

    /// <summary>A row: top-1 accuracy on clean images, then at ε = 2, 4, 8, 16.</summary>
    public sealed record Row(string Name, double Clean, double[] Adversarial);

    /// <summary>Table 5 (after 90k steps) by generator, with the catalog name of our generator; evaluated with FGSM, except
    /// fast grad L2 and L∞, which the paper evaluated with step l.l. (its footnote *).</summary>
    public static IReadOnlyList<(string Generator, Row Row, string Evaluation)> Table5 { get; } =
    [
        ("none", new("No adversarial training", 0.768, [0.407, 0.390, 0.379, 0.367]), "fgsm"),
        ("fgsm", new("FGSM", 0.749, [0.793, 0.828, 0.853, 0.832]), "fgsm"),
        ("fgsm-pred", new("Fast with predicted class", 0.764, [0.432, 0.420, 0.409, 0.400]), "fgsm"),
        ("fast-entropy", new("Fast entropy", 0.764, [0.628, 0.617, 0.595, 0.548]), "fgsm"),
        ("step-rnd", new("Step rnd.", 0.764, [0.730, 0.754, 0.765, 0.725]), "fgsm"),
        ("step-ll", new("Step l.l.", 0.763, [0.729, 0.751, 0.762, 0.722]), "fgsm"),
        ("fast-grad-l2", new("Fast grad. L2", 0.768, [0.440, 0.332, 0.264, 0.225]), "step-ll"),
        ("fast-grad-linf", new("Fast grad. L∞", 0.756, [0.522, 0.397, 0.309, 0.250]), "step-ll"),
        ("random-sign", new("Sign of random perturbation", 0.765, [0.388, 0.366, 0.350, 0.327]), "fgsm"),
        ("random-normal", new("Random normal perturbation", 0.766, [0.383, 0.360, 0.344, 0.318]), "fgsm"),
    ];

    /// <summary>Table 3, top-1: training and evaluation with step l.l. (no leaking) and with FGSM (label leaking).</summary>
    public static Row Table3StepLL { get; } = new("No label leaking, training and eval using step l.l.", 0.773, [0.728, 0.731, 0.734, 0.720]);

    /// <inheritdoc cref="Table3StepLL"/>
    public static Row Table3Fgsm { get; } = new("With label leaking, training and eval using FGSM", 0.766, [0.862, 0.876, 0.887, 0.870]);

    /// <summary>§4.2: Goodfellow et al.'s adversarially trained MNIST model leaks 79 labels of the 10,000 test images at ε = 0.3 (its worst ε).</summary>
    public const int MnistLeakedLabels = 79;

    /// <inheritdoc cref="MnistLeakedLabels"/>
    public const int MnistTestImages = 10_000;

    /// <inheritdoc cref="MnistLeakedLabels"/>
    public const double MnistLeakEpsilon = 0.3;
}
