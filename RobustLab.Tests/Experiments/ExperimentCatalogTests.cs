using RobustLab.Engine.Experiments;

namespace RobustLab.Tests.Experiments;

/// <summary>The experiment names are a command-line contract.</summary>
public sealed class ExperimentCatalogTests
{
    [Fact]
    public void Lists_the_contract_names_each_with_a_description_and_a_paper()
    {
        Assert.Equal(["jumprelu-kappa", "jumprelu-transfer", "jumprelu-iterations", "borji-eps", "borji-targeted", "borji-scaling",
            "borji-bpda", "smoothing-ablation", "kurakin-adv-training", "kurakin-label-leak", "reliable-eval"], ExperimentCatalog.All.Select(e => e.Name));
        Assert.All(ExperimentCatalog.All, e =>
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Description));
            Assert.False(string.IsNullOrWhiteSpace(e.Paper));
            Assert.InRange(e.DefaultLimit, 100, 10_000);
        });
        Assert.Same(ExperimentCatalog.All[3], ExperimentCatalog.Get("borji-eps"));
        Assert.Contains("jumprelu-kappa", Assert.Throws<ArgumentException>(() => ExperimentCatalog.Get("borji")).Message);
    }
}
