using System.Net;
using RobustLab.Web.Components.Training;
using RobustLab.Web.Services.Training;

namespace RobustLab.Tests.Web.Training;

// The Train page's form, rendered to HTML: each mode shows its own settings, and the form locks while a run is under way.
public sealed class TrainingFormRenderTests
{
    private static async Task<string> Render(TrainingFormModel model, bool disabled = false) =>
        WebUtility.HtmlDecode(await ComponentRenderer.RenderAsync<TrainingForm>(new Dictionary<string, object?>
        {
            ["Model"] = model,
            ["Models"] = (IReadOnlyList<(string, string)>)[("my-net", "lenet-like")],
            ["Disabled"] = disabled,
        }));

    [Fact]
    public async Task Plain_training_shows_the_common_settings_only()
    {
        var html = await Render(new TrainingFormModel());
        foreach (var id in new[] { "start-from", "architecture", "dataset", "train-examples", "test-examples", "epochs", "batch-size", "seed", "optimizer", "learning-rate" })
            Assert.Contains($"id=\"{id}\"", html);
        Assert.DoesNotContain("id=\"method\"", html);
        Assert.DoesNotContain("id=\"noise-sigma\"", html);
        Assert.DoesNotContain("aria-disabled=\"true\"", html);
    }

    [Fact]
    public async Task Adversarial_training_adds_kurakins_settings()
    {
        var html = await Render(new TrainingFormModel { Mode = TrainingMode.Adversarial });
        Assert.Contains("Kurakin et al. 2017, §3", html);
        foreach (var id in new[] { "method", "adversarial-fraction", "lambda", "epsilon-sigma", "delay" })
            Assert.Contains($"id=\"{id}\"", html);
        Assert.DoesNotContain("id=\"fixed-epsilon\"", html);
        Assert.Contains("id=\"fixed-epsilon\"", await Render(new TrainingFormModel { Mode = TrainingMode.Adversarial, UseFixedEpsilon = true }));
    }

    [Fact]
    public async Task Noise_injection_adds_its_sigma_and_a_running_form_is_locked()
    {
        var html = await Render(new TrainingFormModel { Mode = TrainingMode.NoiseInjection }, disabled: true);
        Assert.Contains("id=\"noise-sigma\"", html);
        Assert.DoesNotContain("id=\"method\"", html);
        Assert.Contains("aria-disabled=\"true\"", html);
    }

    [Fact]
    public void The_form_round_trips_a_request()
    {
        var request = new TrainingRequest(TrainingMode.Adversarial, "my-net", "borji-mnist", "fashion-mnist", 3, 32, 0.01, "sgd", 7, 500, 100,
            "fgsm", 0.25, 0.5, 0.2, 0.1, 50, 0.3);
        Assert.Equal(request, TrainingFormModel.From(request).ToRequest());
        Assert.Null(new TrainingFormModel().ToRequest().StartFrom); // "scratch"
    }
}
