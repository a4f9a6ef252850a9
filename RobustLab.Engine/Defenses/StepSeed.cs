namespace RobustLab.Engine.Defenses;

/// <summary>Deterministic per-step seeds for the training-time defenses, so a batch rewrite is a pure function of (seed, step, batch).</summary>
/// <remarks>SplitMix32-style mixing; unlike <see cref="HashCode"/> it is the same in every process.</remarks>
internal static class StepSeed
{
    /// <summary>A seed for stream <paramref name="stream"/> of training step <paramref name="step"/> under run seed <paramref name="seed"/>.</summary>
    public static int Mix(int seed, int step, int stream = 0)
    {
        uint h = unchecked((uint)seed * 0x9E3779B9u ^ (uint)step * 0x85EBCA6Bu ^ (uint)stream * 0xC2B2AE35u);
        h ^= h >> 16;
        h = unchecked(h * 0x7FEB352Du);
        h ^= h >> 15;
        h = unchecked(h * 0x846CA68Bu);
        h ^= h >> 16;
        return (int)(h & 0x7FFFFFFF);
    }
}
