using RobustLab.Engine.Layers.Activations;

namespace RobustLab.Tests.Layers;

/// <summary>The vectorised select behind ReLU / JumpReLU / SReLU against the scalar rule, lengths 0…40.</summary>
public sealed class SelectAboveTests
{
    [Fact]
    public void SelectAbove_matches_the_scalar_rule_for_every_length()
    {
        var rng = new Random(3);
        for (int n = 0; n <= 40; n++)
            foreach (float kappa in new[] { 0f, 0.25f })
            {
                var z = Enumerable.Range(0, n).Select(_ => rng.NextSingle() - 0.5f).ToArray();
                var v = Enumerable.Range(0, n).Select(_ => rng.NextSingle()).ToArray();
                if (n > 3) { z[1] = float.NaN; z[2] = kappa; z[3] = -0f; }
                var dst = new float[n];
                JumpReLU.SelectAbove(z, v, dst, kappa);
                for (int i = 0; i < n; i++) Assert.Equal(z[i] > kappa ? v[i] : 0f, dst[i]);
            }
    }
}
