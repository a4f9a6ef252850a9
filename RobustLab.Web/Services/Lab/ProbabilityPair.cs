namespace RobustLab.Web.Services.Lab;

/// <summary>One model's class probabilities on the clean and on the adversarial image (softmax of its logits; for smoothing, its vote shares).</summary>
public sealed record ProbabilityPair(string Title, float[] Clean, float[] Adversarial)
{
    public int CleanPrediction => ArgMax(Clean);
    public int AdversarialPrediction => ArgMax(Adversarial);

    private static int ArgMax(float[] p) => System.Numerics.Tensors.TensorPrimitives.IndexOfMax(p);
}
