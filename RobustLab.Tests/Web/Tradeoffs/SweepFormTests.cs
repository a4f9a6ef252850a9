using System.Net;
using RobustLab.Web.Components.Tradeoffs;
using RobustLab.Web.Services.Registry;
using RobustLab.Web.Services.Tradeoffs;

namespace RobustLab.Tests.Web.Tradeoffs;

// The Trade-offs settings form, rendered to HTML: it shows the settings the knob and the attack read, and no others.
public sealed class SweepFormTests
{
    private static async Task<string> Form(TradeoffsState state) =>
        WebUtility.HtmlDecode(await ComponentRenderer.RenderAsync<SweepForm>(new Dictionary<string, object?>
        {
            ["State"] = state,
            ["Models"] = new[] { new RegisteredModel("lenet-like", "lenet-like", ModelSource.BuiltIn, "/models/lenet-like.safetensors", 1, "00", DateTimeOffset.UnixEpoch, new Dictionary<string, string>()) },
        }));

    [Fact]
    public async Task The_form_shows_only_the_settings_the_knob_and_the_attack_read()
    {
        var pgd = await Form(TradeoffsPresets.Default.CreateState()); // κ sweep, PGD
        Assert.Contains("id=\"steps\"", pgd);
        Assert.Contains("id=\"random-start\"", pgd);
        Assert.Contains("id=\"transfer-matrix\"", pgd); // κ changes the model
        Assert.Contains("Activation: set by κ in every slot.", pgd);
        Assert.Contains("8 values: κ = 0, 0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 1", pgd);
        Assert.DoesNotContain("id=\"target\"", pgd);
        Assert.DoesNotContain("id=\"sigma\"", pgd);

        var fgsm = await Form(new TradeoffsState { Attack = "fgsm-targeted" }); // ε sweep
        Assert.DoesNotContain("id=\"steps\"", fgsm);
        Assert.DoesNotContain("id=\"eps\"", fgsm); // ε is the knob
        Assert.DoesNotContain("id=\"transfer-matrix\"", fgsm);
        Assert.Contains("id=\"target\"", fgsm);

        var matrix = await Form(TradeoffsPresets.Find("jumprelu-transfer")!.CreateState());
        Assert.Contains("id=\"source-values\"", matrix);
        Assert.DoesNotContain("id=\"series-by\"", matrix);
        Assert.DoesNotContain("id=\"source\"", matrix); // a matrix crafts on the model at each source value

        var smoothing = await Form(TradeoffsPresets.Find("smoothing-pgd-epgd")!.CreateState());
        Assert.Contains("id=\"sigma\"", smoothing);
        Assert.Contains("id=\"series-sources\"", smoothing);
        Assert.DoesNotContain("id=\"source\"", smoothing); // where the attack is crafted is the series
        Assert.DoesNotContain("id=\"eot-samples\"", smoothing); // PGD takes no m

        var attacks = await Form(TradeoffsPresets.Find("kurakin-one-step")!.CreateState());
        Assert.Contains("id=\"series-attacks\"", attacks);
        Assert.DoesNotContain("id=\"attack\"", attacks); // the attacks are the series

        var bad = await Form(new TradeoffsState { ValuesMode = ValuesMode.Range, RangeStart = 1, RangeStop = 0 });
        Assert.Contains("stop (0) is below start (1)", bad);
    }
}
