using RobustLab.Engine.Tensors;

namespace RobustLab.Engine.Defenses;

/// <summary>One rewritten minibatch of adversarial training: what the trainer steps on, and which examples were made adversarial with which ε.</summary>
/// <param name="Images">B′ [M,C,H,W]: replace mode — rows 0..k−1 adversarial, the rest clean; append mode — the m clean rows, then k adversarial ones.</param>
/// <param name="Labels">True labels of B′ (adversarial examples keep the label of their clean original).</param>
/// <param name="Weights">Per-example loss weights (1 clean, λ adversarial), or null for an all-clean batch.</param>
/// <param name="AdversarialRows">Row indices of B′ holding adversarial examples.</param>
/// <param name="Epsilons">ε of each adversarial row, in the order of <paramref name="AdversarialRows"/>.</param>
public sealed record AdversarialBatch(Tensor Images, int[] Labels, float[]? Weights, int[] AdversarialRows, float[] Epsilons)
{
    public int AdversarialCount => AdversarialRows.Length;
}
