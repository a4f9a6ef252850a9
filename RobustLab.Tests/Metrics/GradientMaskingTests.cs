using RobustLab.Engine.Attacks;
using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Layers.Activations;
using RobustLab.Engine.Metrics;
using RobustLab.Engine.Models;
using RobustLab.Tests.Attacks;

namespace RobustLab.Tests.Metrics;

/// <summary>The gradient-masking signals (Athalye et al. 2018 §3.1): flagged for Borji's SReLU α = 10, not for plain ReLU or a small JumpReLU κ.</summary>
public sealed class GradientMaskingTests
{
    private static IReadOnlyList<MaskingSignal> Probe(string architecture, string activation)
    {
        var net = TrainedModel.Load(architecture);
        net.Retrofit(ActivationCatalog.Parse(activation, 0));
        var data = TrainedModel.MnistTest(40, offset: 800);
        var m = GradientMaskingProbe.Measure(new NetworkClassifier(net), data.Images, data.Labels, new ThreatModel(LpNorm.Linf, 0.3f), seed: 1, squareQueries: 300);
        return GradientMasking.Signals(m);
    }

    [Fact]
    public void Srelu_10_is_flagged_with_its_evidence()
    {
        var signals = Probe(ModelZoo.BorjiMnist, "srelu:10");
        var byName = signals.ToDictionary(s => s.Name);
        Assert.True(byName["zero-gradients"].Flagged, Describe(signals));
        Assert.True(byName["zero-gradients"].Evidence["zero_gradient_fraction"] > 0.5, Describe(signals));
        Assert.True(byName["black-box-beats-white-box"].Flagged, Describe(signals));
        Assert.True(byName["full-range-not-broken"].Flagged, Describe(signals));
        Assert.StartsWith("gradient masking likely", GradientMasking.Verdict(signals));
    }

    [Theory]
    [InlineData(ModelZoo.BorjiMnist, "relu")]
    [InlineData(ModelZoo.LeNetLike, "relu")]
    [InlineData(ModelZoo.LeNetLike, "jumprelu:0.1")]
    public void Plain_networks_are_not_flagged(string architecture, string activation)
    {
        var signals = Probe(architecture, activation);
        Assert.All(signals, s => Assert.False(s.Flagged, $"{architecture} {activation}: {Describe(signals)}"));
        Assert.Equal("no sign of gradient masking", GradientMasking.Verdict(signals));
    }

    [Fact]
    public void Each_check_flags_exactly_its_own_sign()
    {
        var honest = new MaskingMeasurements(0.3f, Clean: 0.99f, OneStep: 0.2f, Iterative: 0.01f, BlackBox: 0.05f, Transfer: 0.3f, FullRange: 0f, ZeroGradientFraction: 0f);
        Assert.DoesNotContain(GradientMasking.Signals(honest), s => s.Flagged);
        Flags(honest with { BlackBox = 0f, Iterative = 0.5f, OneStep = 0.6f, Transfer = 0.5f }, "black-box-beats-white-box");
        Flags(honest with { Transfer = 0.1f, Iterative = 0.5f, OneStep = 0.6f, BlackBox = 0.5f }, "transfer-beats-white-box");
        Flags(honest with { FullRange = 0.4f }, "full-range-not-broken");
        Flags(honest with { Iterative = 0.3f, BlackBox = 0.3f }, "iterative-no-stronger");
        Flags(honest with { ZeroGradientFraction = 0.2f }, "zero-gradients");
        // at a tiny ε neither attack hurts: that is not masking
        Assert.DoesNotContain(GradientMasking.Signals(honest with { OneStep = 0.99f, Iterative = 0.99f, BlackBox = 0.99f, Transfer = 0.99f }), s => s.Flagged);
    }

    private static void Flags(MaskingMeasurements m, string name) =>
        Assert.Equal([name], GradientMasking.Signals(m).Where(s => s.Flagged).Select(s => s.Name));

    private static string Describe(IEnumerable<MaskingSignal> signals) =>
        string.Join("; ", signals.Select(s => $"{s.Name}={s.Flagged} ({string.Join(", ", s.Evidence.Select(e => $"{e.Key} {e.Value:G3}"))})"));
}
