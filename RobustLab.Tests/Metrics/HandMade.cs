using RobustLab.Engine.Attacks;
using RobustLab.Engine.Tensors;

namespace RobustLab.Tests.Metrics;

/// <summary>Attack results written by hand, so every metric can be checked against a count done on paper.</summary>
internal static class HandMade
{
    /// <summary>A result with the given predictions; success follows <see cref="AttackResult"/>'s rule; images are 1×1×2 placeholders.</summary>
    public static AttackResult Result(int[] labels, int[] clean, int[] adversarial, int[]? targets = null, float[]? l2 = null, float[]? linf = null)
    {
        int n = labels.Length;
        var success = new bool[n];
        for (int i = 0; i < n; i++) success[i] = targets is null ? adversarial[i] != labels[i] : adversarial[i] == targets[i];
        return new AttackResult(new Tensor(n, 1, 1, 2), labels, targets, clean, adversarial, success, l2 ?? new float[n], linf ?? new float[n]);
    }
}
