using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RobustLab.Engine.Attacks;
using RobustLab.Web.Components.Masking;
using RobustLab.Web.Services;
using RobustLab.Web.Services.Lab;
using RobustLab.Web.Services.Masking;

namespace RobustLab.Tests.Web.Tradeoffs;

/// <summary>The gradient-masking check of the Lab and Trade-offs pages: the service on the real job queue, models and MNIST, and its component.</summary>
public sealed class MaskingVerdictTests : IDisposable
{
    private readonly SweepLab _lab = new();

    public void Dispose() => _lab.Dispose();

    private MaskingCheck Check()
    {
        var (_, circuit) = _lab.Open();
        return new MaskingCheck(new LabResources(_lab.Registry, _lab.Data, Options.Create(new LabOptions())), circuit);
    }

    [Fact]
    public async Task Srelu_10_is_flagged_as_one_of_the_circuits_jobs()
    {
        var signals = await Check().RunAsync(new MaskingQuery("borji-mnist", "srelu:10", null, null, new ThreatModel(LpNorm.Linf, 0.3f), 0));
        Assert.Contains(signals, s => s.Name == "zero-gradients" && s.Flagged && s.Evidence["zero_gradient_fraction"] > 0.5);
        Assert.StartsWith("gradient masking likely", Engine.Metrics.GradientMasking.Verdict(signals));
    }

    [Fact]
    public async Task The_component_offers_the_check_for_the_pages_model()
    {
        await using var context = new Bunit.BunitContext();
        context.Services.AddSingleton(Check());
        var query = new MaskingQuery("lenet-like", "relu", null, null, new ThreatModel(LpNorm.Linf, 0.3f), 0);
        var verdict = context.Render<MaskingVerdict>(p => p.Add(c => c.Query, query));
        Assert.Equal("idle", verdict.Find("#masking-verdict").GetAttribute("data-state"));
        Assert.False(verdict.Find("#masking-run").HasAttribute("disabled"));
        Assert.Contains($"on {MaskingCheck.Examples} test images", verdict.Markup);

        verdict.Render(p => p.Add(c => c.Query, null));
        Assert.True(verdict.Find("#masking-run").HasAttribute("disabled")); // no model yet: nothing to check
    }
}
