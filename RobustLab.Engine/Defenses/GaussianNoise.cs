using RobustLab.Engine.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace RobustLab.Engine.Defenses;

// Noisy copies of a batch for Monte-Carlo smoothing: row s·N + i of a stack is xᵢ + σ·η, η ~ N(0, I)
// (sample-major, so each block of N rows is one noise sample of the whole batch). No clipping to [0,1]:
// Nemcovsky et al. §3 (eq. 7) and Cohen et al. add the noise to the input as is.
internal static class GaussianNoise
{
    /// <summary>
    /// Splits <paramref name="samples"/> noise samples of x [N,...] into stacks of at most
    /// max(N, <paramref name="maxBatch"/>) rows, drawing the noise lazily from <paramref name="rng"/>.
    /// </summary>
    public static IEnumerable<(Tensor Stack, int Copies)> Stacks(Tensor x, int samples, float sigma, Random rng, int maxBatch)
    {
        int perStack = Math.Clamp(maxBatch / Math.Max(x.N, 1), 1, Math.Max(samples, 1));
        for (int done = 0; done < samples; done += perStack)
        {
            int copies = Math.Min(perStack, samples - done);
            yield return (Stack(x, copies, sigma, rng), copies);
        }
    }

    /// <summary>x [N,...] → [copies·N, ...] with row s·N + i = xᵢ + σ·ηₛᵢ.</summary>
    public static Tensor Stack(Tensor x, int copies, float sigma, Random rng)
    {
        int[] shape = [copies * x.N, .. x.Shape.AsSpan(1)];
        var result = new Tensor(shape);
        int length = x.Length;
        for (int s = 0; s < copies; s++)
        {
            var block = result.Data.AsSpan(s * length, length);
            FillStandardNormal(block, rng);
            TensorPrimitives.MultiplyAdd(block, sigma, x.Data, block);
        }
        return result;
    }

    /// <summary>Independent N(0,1) samples by Box–Muller, using both outputs of each pair.</summary>
    public static void FillStandardNormal(Span<float> destination, Random rng)
    {
        for (int i = 0; i < destination.Length; i += 2)
        {
            double radius = Math.Sqrt(-2.0 * Math.Log(1.0 - rng.NextDouble()));
            double angle = 2 * Math.PI * rng.NextDouble();
            destination[i] = (float)(radius * Math.Cos(angle));
            if (i + 1 < destination.Length) destination[i + 1] = (float)(radius * Math.Sin(angle));
        }
    }
}
