using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Defenses;
using RobustLab.Engine.Tensors;
using RobustLab.Tests.Attacks;

namespace RobustLab.Tests.Defenses;

/// <summary>Cohen et al.'s CERTIFY and its statistics: Φ⁻¹, the incomplete beta, Clopper–Pearson — against known values.</summary>
/// <remarks>Reference values computed with mpmath at 40 digits (erfinv, betainc and a 140-step bisection), at the exact double inputs.</remarks>
public sealed class CertificationTests
{
    [Theory]
    [InlineData(0.975, 1.9599639845400538556)]
    [InlineData(0.5, 0.0)]
    [InlineData(0.3, -0.52440051270804081597)]
    [InlineData(0.001, -3.0902323061678135354)]
    [InlineData(1e-7, -5.19933758219281694)]
    [InlineData(1e-10, -6.3613409024040561991)]
    [InlineData(0.9999999, 5.1993375822906610937)]   // (the double nearest 0.9999999 is 5e-17 above it: Φ⁻¹ moves by 1e-10)
    public void Inverse_normal_cdf_matches_known_values(double p, double expected) =>
        Assert.Equal(expected, NormalDistribution.InverseCdf(p), 12);

    [Fact]
    public void Inverse_normal_cdf_edges()
    {
        Assert.Equal(double.NegativeInfinity, NormalDistribution.InverseCdf(0));
        Assert.Equal(double.PositiveInfinity, NormalDistribution.InverseCdf(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => NormalDistribution.InverseCdf(1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => NormalDistribution.InverseCdf(double.NaN));
    }

    [Theory]
    [InlineData(2.5, 3.5, 0.4, 0.4869041915261173978)]
    [InlineData(30, 70, 0.25, 0.13581490428342743891)]
    [InlineData(0.5, 0.5, 0.1, 0.20483276469913345754)]  // = (2/π)·asin(√0.1)
    public void Regularized_incomplete_beta_matches_known_values(double a, double b, double x, double expected)
    {
        Assert.Equal(expected, IncompleteBeta.Regularized(a, b, x), 12);
        Assert.Equal(1 - expected, IncompleteBeta.Regularized(b, a, 1 - x), 12);
        Assert.Equal(x, IncompleteBeta.Inverse(a, b, expected), 10);
    }

    [Theory]
    [InlineData(100, 100, 0.001, 0.93325430079699104353)]   // = 0.001^(1/100)
    [InlineData(5, 10, 0.025, 0.18708602844739853164)]      // the textbook 95% interval for 5/10: [0.1871, 0.8129]
    [InlineData(990, 1000, 0.001, 0.97603618715531137319)]
    [InlineData(1, 10, 0.05, 0.0051161968918237011347)]     // = 1 − 0.95^(1/10)
    [InlineData(50, 100, 0.05, 0.41362171463091175972)]
    [InlineData(7, 8, 0.01, 0.41005799754111384046)]
    [InlineData(99990, 100000, 0.001, 0.99975867734359116249)]
    [InlineData(0, 10, 0.05, 0.0)]
    public void Clopper_pearson_lower_bound_matches_known_values(int k, int n, double alpha, double expected) =>
        Assert.Equal(expected, ClopperPearson.Lower(k, n, alpha), 10);

    [Fact]
    public void Clopper_pearson_upper_bound_mirrors_the_lower_one()
    {
        Assert.Equal(0.81291397155260146836, ClopperPearson.Upper(5, 10, 0.025), 10);
        Assert.Equal(1.0, ClopperPearson.Upper(10, 10, 0.05));
        Assert.Equal(1 - ClopperPearson.Lower(13, 40, 0.01), ClopperPearson.Upper(27, 40, 0.01), 12);
    }

    [Fact]
    public void A_classifier_that_always_predicts_3_is_certified_with_the_hand_computed_radius()
    {
        const int N = 100;
        const double Alpha = 0.001;
        var certifier = new SmoothingCertifier(new ConstantClassifier(10, predicted: 3), sigma: 0.5f, seed: 2);
        var certificates = certifier.Certify(new Tensor(3, 1, 2, 2), selectionSamples: 10, estimationSamples: N, alpha: Alpha);

        // All n votes for class 3: P(Bin(n, p) ≥ n) = pⁿ = α, so p̲_A = α^(1/n) = 0.933254…; Φ⁻¹(0.933254…) = 1.50047502412…
        double lower = Math.Pow(Alpha, 1.0 / N);
        foreach (var c in certificates)
        {
            Assert.Equal(3, c.Prediction);
            Assert.Equal(N, c.Count);
            Assert.Equal(lower, c.LowerBound, 10);
            Assert.Equal(0.5 * 1.5004750241206357, c.Radius, 9);
        }
    }

    [Fact]
    public void Certification_abstains_when_the_votes_split_and_certifies_far_from_the_boundary()
    {
        var x = new Tensor([0.5f, 0f, 0f, 0f, 1f, 0f, 0f, 0f], 2, 1, 2, 2);   // x₀ on the boundary; x₀ = 1, ½ away from it
        var certificates = new SmoothingCertifier(new ThresholdClassifier(), sigma: 0.25f, seed: 4)
            .Certify(x, selectionSamples: 20, estimationSamples: 2000, alpha: 0.001);

        Assert.True(certificates[0].Abstained);
        Assert.InRange(certificates[0].Count, 850, 1150);
        Assert.True(certificates[0].LowerBound <= 0.5);
        Assert.Equal(0, certificates[0].Radius);

        // The smoothed classifier's true radius here is ½ (the distance to the boundary); the certificate is a lower bound on it.
        Assert.Equal(1, certificates[1].Prediction);
        Assert.InRange(certificates[1].Radius, 0.4, 0.5);
        Assert.Equal(0.25 * NormalDistribution.InverseCdf(certificates[1].LowerBound), certificates[1].Radius, 12);
    }

    [Fact]
    public void Certified_accuracy_counts_correct_predictions_with_radius_at_least_r()
    {
        Certificate[] certificates =
        [
            new(3, 0.9, 0.8, 90, 100),
            new(Certificate.Abstain, 0.4, 0, 40, 100),
            new(2, 0.7, 0.3, 70, 100),
            new(1, 0.99, 1.0, 99, 100),   // wrong class: never counts
        ];
        var curve = SmoothingCertifier.CertifiedAccuracy(certificates, [3, 0, 2, 0], [0, 0.3, 0.5, 1.0]);
        Assert.Equal([0.5, 0.5, 0.25, 0.0], curve);
    }

    [Fact]
    public void Mnist_certification_certifies_most_clean_examples()
    {
        var data = TrainedModel.MnistTest(10);
        var certificates = new SmoothingCertifier(new NetworkClassifier(TrainedModel.Load()), sigma: 0.25f, seed: 1)
            .Certify(data.Images, selectionSamples: 10, estimationSamples: 100, alpha: 0.001);
        var curve = SmoothingCertifier.CertifiedAccuracy(certificates, data.Labels, [0, 0.25, 0.4]);
        Assert.True(curve[0] >= 0.8, $"certified accuracy at r = 0: {curve[0]:P0}");
        Assert.True(curve[1] <= curve[0]);
        // The largest radius n = 100 samples can certify: σ·Φ⁻¹(α^(1/100)) ≈ 0.375.
        Assert.Equal(0, curve[2]);
        Assert.All(certificates, c => Assert.True(c.Radius <= 0.25 * NormalDistribution.InverseCdf(Math.Pow(0.001, 1 / 100.0)) + 1e-12));
    }
}
