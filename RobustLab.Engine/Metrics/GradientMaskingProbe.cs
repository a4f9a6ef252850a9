using RobustLab.Engine.Attacks;
using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Tensors;
using RobustLab.Engine.Training;

namespace RobustLab.Engine.Metrics;

/// <summary>Makes the measurements <see cref="GradientMasking"/> judges, on one model and one set of examples: clean, FGSM, PGD-40
/// (random start, α = ε/4), Square (gradient-free), PGD-40 over the full pixel range (L∞ ε = 1), and the zero-gradient fraction.</summary>
public static class GradientMaskingProbe
{
    public static MaskingMeasurements Measure(IClassifier model, Tensor x, int[] labels, ThreatModel threat, int seed = 0,
        int squareQueries = 1000, int batchSize = 256, CancellationToken cancellationToken = default)
    {
        threat.Validate();
        float Accuracy(Attack? attack)
        {
            int correct = 0;
            for (int start = 0, b = 0; start < x.N; start += batchSize, b++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int count = Math.Min(batchSize, x.N - start);
                var xb = x.Slice(start, count);
                var yb = labels[start..(start + count)];
                var predictions = attack is null
                    ? SoftmaxCrossEntropy.Argmax(model.Logits(xb))
                    : attack.Run(model, xb, yb, new AttackContext(Seed: seed + b, Cancellation: cancellationToken)).AdversarialPredictions;
                correct += predictions.Zip(yb).Count(p => p.First == p.Second);
            }
            return x.N == 0 ? float.NaN : (float)correct / x.N;
        }
        return new MaskingMeasurements(
            threat.Epsilon,
            Clean: Accuracy(null),
            OneStep: Accuracy(new Fgsm(threat.Epsilon, threat.Norm)),
            Iterative: Accuracy(new Pgd(threat, 40, threat.Epsilon / 4)),
            BlackBox: Accuracy(new Square(threat, squareQueries)),
            FullRange: Accuracy(new Pgd(new ThreatModel(LpNorm.Linf, 1f), 40, 0.1f)),
            ZeroGradientFraction: ZeroGradient.Fraction(model, x, labels, batchSize, cancellationToken));
    }
}
