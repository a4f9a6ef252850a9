using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using RobustLab.Engine.Tensors;

namespace RobustLab.Engine.Layers;

/// <summary>Inverted dropout: in training y = x·m/(1−p) with m ~ Bernoulli(1−p) per element; identity in eval.</summary>
/// <remarks>
/// The mask comes from a counter-based stream, so training is reproducible for a seed and independent of the
/// thread count: forward call t draws key_t = SplitMix64(SplitMix64(seed) + t), element i draws
/// u = fmix32(fmix32(i ⊕ lo(key_t)) + hi(key_t)) (MurmurHash3's finaliser) and is kept when its top 24 bits,
/// read as a fraction in [0,1), are ≥ p. Sixteen elements are drawn at a time on Vector512.
/// </remarks>
public sealed class Dropout(string name, float p = 0.5f, int seed = 0) : Layer(name)
{
    public float P { get; } = p is >= 0 and < 1 ? p : throw new ArgumentException($"{name}: dropout p must be in [0,1), got {p}.");

    private readonly ulong _key = SplitMix64((ulong)seed);
    private ulong _calls;
    private Tensor? _y, _dx, _mask;
    private bool _active;

    public override int[] OutputShape(int[] s) => s;

    public override Tensor Forward(Tensor x, bool training)
    {
        _active = training && P > 0;
        if (!_active) return x;
        var mask = Reuse(ref _mask, x.Shape);
        FillMask(mask.Data, P, SplitMix64(_key + _calls++));
        var y = Reuse(ref _y, x.Shape);
        System.Numerics.Tensors.TensorPrimitives.Multiply(x.Data, mask.Data, y.Data);
        return y;
    }

    public override Tensor? Backward(Tensor dy, bool needInputGradient = true)
    {
        if (!_active) return dy;
        var dx = Reuse(ref _dx, dy.Shape);
        System.Numerics.Tensors.TensorPrimitives.Multiply(dy.Data, Cached(_mask).Data, dx.Data);
        return dx;
    }

    /// <summary>mask[i] = 1/(1−p) when element i of the stream keyed by <paramref name="key"/> is kept, else 0.</summary>
    internal static void FillMask(Span<float> mask, float p, ulong key)
    {
        uint k0 = (uint)key, k1 = (uint)(key >> 32);
        uint threshold = (uint)Math.Ceiling(p * 16_777_216.0); // kept ⟺ u >> 8 ≥ p·2²⁴
        float scale = 1f / (1 - p);
        ref float m = ref MemoryMarshal.GetReference(mask);
        int i = 0;
        var lanes = Vector512<uint>.Indices;
        for (; i <= mask.Length - 16; i += 16)
        {
            var u = Mix(Mix(Vector512.Create((uint)i) + lanes ^ Vector512.Create(k0)) + Vector512.Create(k1));
            var kept = Vector512.GreaterThanOrEqual(u >>> 8, Vector512.Create(threshold)).AsSingle();
            Vector512.ConditionalSelect(kept, Vector512.Create(scale), Vector512<float>.Zero).StoreUnsafe(ref m, (nuint)i);
        }
        for (; i < mask.Length; i++)
            mask[i] = Mix(Mix((uint)i ^ k0) + k1) >> 8 >= threshold ? scale : 0f;
    }

    internal static ulong SplitMix64(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Mix(uint h)
    {
        h ^= h >> 16; h *= 0x85EBCA6BU; h ^= h >> 13; h *= 0xC2B2AE35U; return h ^ (h >> 16);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<uint> Mix(Vector512<uint> h)
    {
        h ^= h >>> 16; h *= Vector512.Create(0x85EBCA6BU); h ^= h >>> 13; h *= Vector512.Create(0xC2B2AE35U); return h ^ (h >>> 16);
    }
}
