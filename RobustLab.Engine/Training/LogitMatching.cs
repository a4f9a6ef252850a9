using RobustLab.Engine.Tensors;

namespace RobustLab.Engine.Training;

/// <summary>How a substitute (student) network's logits are matched to a target (teacher) network's.</summary>
public enum LogitMatchingLoss
{
    /// <summary>Cross-entropy between the two softmax distributions (Borji §3: "cross entropy over logits of the two networks").</summary>
    SoftCrossEntropy,

    /// <summary>Mean squared error between the raw logits.</summary>
    MeanSquaredError,
}

/// <summary>Losses that train a student's logits s [N,K] to match a teacher's logits t [N,K], with their gradients.</summary>
/// <remarks>
/// Soft cross-entropy: L = (1/N) Σₙ −Σⱼ softmax(tₙ)ⱼ · log softmax(sₙ)ⱼ;  ∂L/∂sₙ = (softmax(sₙ) − softmax(tₙ)) / N.
/// (It differs from KL(p_t ‖ p_s) by the teacher's entropy, a constant, so both have this gradient.)
/// MSE: L = (1/(N·K)) Σₙⱼ (sₙⱼ − tₙⱼ)²;  ∂L/∂sₙⱼ = 2(sₙⱼ − tₙⱼ) / (N·K).
/// NOTE: MSE follows the teacher's logit scale, which an SReLU(α) teacher multiplies by up to α per layer; the soft
/// cross-entropy only sees the teacher's probabilities and stays well-scaled.
/// </remarks>
public static class LogitMatching
{
    /// <summary>student [N,K], teacher [N,K] → (loss, ∂L/∂student [N,K]).</summary>
    public static (float Loss, Tensor Gradient) Compute(Tensor student, Tensor teacher, LogitMatchingLoss loss)
    {
        if (student.Rank != 2 || !student.SameShape(teacher))
            throw new ArgumentException($"Student logits {student.ShapeString} and teacher logits {teacher.ShapeString} must both be [N,K].");
        int n = student.Shape[0], k = student.Shape[1];
        var grad = new Tensor(n, k);
        if (n == 0) return (0f, grad);
        double total = 0;
        if (loss == LogitMatchingLoss.MeanSquaredError)
        {
            for (int i = 0; i < student.Length; i++)
            {
                double d = (double)student.Data[i] - teacher.Data[i];
                total += d * d;
                grad.Data[i] = (float)(2 * d / ((double)n * k));
            }
            return ((float)(total / ((double)n * k)), grad);
        }
        var ps = SoftmaxCrossEntropy.Softmax(student);
        var pt = SoftmaxCrossEntropy.Softmax(teacher);
        for (int r = 0; r < n; r++)
        {
            var s = student.Data.AsSpan(r * k, k);
            double max = double.NegativeInfinity, sum = 0;
            foreach (var v in s) max = Math.Max(max, v);
            foreach (var v in s) sum += Math.Exp(v - max);
            double logSumExp = max + Math.Log(sum);
            for (int j = 0; j < k; j++)
            {
                int at = r * k + j;
                total -= pt.Data[at] * (s[j] - logSumExp);
                grad.Data[at] = (ps.Data[at] - pt.Data[at]) / n;
            }
        }
        return ((float)(total / n), grad);
    }
}
