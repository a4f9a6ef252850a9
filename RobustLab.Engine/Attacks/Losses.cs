using RobustLab.Engine.Tensors;

namespace RobustLab.Engine.Attacks;

/// <summary>Per-example loss gradients ∂ℓₙ/∂zₙ of the logits, for <see cref="Classifiers.IClassifier.InputGradient"/>.</summary>
public static class Losses
{
    /// <summary>Cross-entropy J(x, y) = −log softmax(z)[y]: ∂J/∂z = softmax(z) − onehot(y). Ascending it is FGSM's direction (Kurakin eq. 1).</summary>
    public static Func<Tensor, Tensor> CrossEntropy(int[] labels) => logits =>
    {
        int n = logits.Shape[0], k = logits.Shape[1];
        var p = Training.SoftmaxCrossEntropy.Softmax(logits);
        for (int i = 0; i < n; i++) p.Data[i * k + labels[i]] -= 1f;
        return p;
    };

    /// <summary>−J(x, t): ascending it descends the cross-entropy towards target t (targeted FGSM, step l.l.).</summary>
    public static Func<Tensor, Tensor> TowardsTarget(int[] targets) => logits =>
    {
        var g = CrossEntropy(targets)(logits);
        System.Numerics.Tensors.TensorPrimitives.Negate(g.Data, g.Data);
        return g;
    };
}
