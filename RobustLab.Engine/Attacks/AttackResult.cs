using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Tensors;
using RobustLab.Engine.Training;

namespace RobustLab.Engine.Attacks;

/// <summary>An attacked batch: the adversarial images, predictions before and after, success and perturbation sizes per example.</summary>
/// <remarks>
/// Success: untargeted — the adversarial prediction differs from the true label; targeted — it equals
/// the target. L2 and L∞ are ‖x̃ − x‖ per example (pixel units of [0,1]).
/// </remarks>
public sealed record AttackResult(
    Tensor Adversarial,
    int[] Labels,
    int[]? Targets,
    int[] CleanPredictions,
    int[] AdversarialPredictions,
    bool[] Success,
    float[] L2,
    float[] Linf)
{
    public int Count => Labels.Length;

    /// <summary>For black-box attacks (<see cref="Attack.CountsQueries"/>): the model evaluations spent on each example, until it was
    /// fooled or the budget ran out; null for attacks that read gradients.</summary>
    public int[]? Queries { get; init; }

    /// <summary>Measures x̃ against x on <paramref name="model"/>; <paramref name="cleanPredictions"/> may be passed when known.</summary>
    public static AttackResult Measure(IClassifier model, Tensor clean, Tensor adversarial, int[] labels, int[]? targets, int[]? cleanPredictions = null)
    {
        cleanPredictions ??= SoftmaxCrossEntropy.Argmax(model.Logits(clean));
        var adversarialPredictions = SoftmaxCrossEntropy.Argmax(model.Logits(adversarial));
        var success = new bool[labels.Length];
        for (int i = 0; i < labels.Length; i++)
            success[i] = targets is null ? adversarialPredictions[i] != labels[i] : adversarialPredictions[i] == targets[i];
        return new AttackResult(adversarial, labels, targets, cleanPredictions, adversarialPredictions, success,
            NormMath.Distance(adversarial, clean, LpNorm.L2), NormMath.Distance(adversarial, clean, LpNorm.Linf));
    }
}
