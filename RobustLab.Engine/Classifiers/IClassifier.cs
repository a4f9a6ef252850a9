using RobustLab.Engine.Tensors;

namespace RobustLab.Engine.Classifiers;

/// <summary>
/// What an attack sees of a model: logits for a batch, and the input gradient of any scalar loss of
/// the logits. A plain network, a retrofitted one and a randomized-smoothing wrapper all implement it,
/// so every attack runs against every defense.
/// </summary>
/// <remarks>
/// Convention: <see cref="InputGradient"/> returns ∂(Σₙ ℓₙ)/∂x for per-example losses ℓₙ, i.e. row n
/// of the result is example n's own gradient — never averaged over the batch.
/// Instances are not thread-safe (one owner at a time), like the networks they wrap.
/// </remarks>
public interface IClassifier
{
    /// <summary>Shape of one example, [C,H,W].</summary>
    int[] InputShape { get; }

    int Classes { get; }

    /// <summary>A short human-readable description ("lenet-like, jumprelu:0.5").</summary>
    string Description { get; }

    /// <summary>x [N,C,H,W] → scores [N,K] whose arg-max is the prediction.</summary>
    Tensor Logits(Tensor x);

    /// <summary>
    /// x [N,C,H,W] → ∂(Σₙ ℓₙ)/∂x [N,C,H,W], where <paramref name="lossGradient"/> maps the logits [N,K]
    /// to ∂ℓₙ/∂zₙ [N,K]. Also returns the logits the gradient was taken at.
    /// </summary>
    (Tensor Gradient, Tensor Logits) InputGradient(Tensor x, Func<Tensor, Tensor> lossGradient);
}
