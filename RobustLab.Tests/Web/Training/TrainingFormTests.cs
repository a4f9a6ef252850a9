using AngleSharp.Dom;
using Bunit;
using MudBlazor;
using RobustLab.Tests.Web.Components;
using RobustLab.Web.Components.Training;
using RobustLab.Web.Services.Training;

namespace RobustLab.Tests.Web.Training;

// The Train page's form (bunit, MudBlazor): each mode shows its own settings, every box has a name, what is typed is read
// as typed (issue 9: "1e9" became 19, "3.7" became 37) and the form locks while a run is under way.
public sealed class TrainingFormTests : MudComponentTest
{
    private static readonly string[] Common = ["start-from", "architecture", "dataset", "train-examples", "test-examples", "epochs", "batch-size", "seed", "optimizer", "learning-rate"];

    private IRenderedComponent<TrainingForm> Render(TrainingFormModel model, bool disabled = false)
    {
        Context.Render<MudPopoverProvider>(); // the selects' menus open into it
        return Context.Render<TrainingForm>(p => p
            .Add(c => c.Model, model)
            .Add(c => c.Models, (IReadOnlyList<(string, string)>)[("my-net", "lenet-like")])
            .Add(c => c.Disabled, disabled));
    }

    // The line under the box (MudBlazor's helper or error text), "" when there is none.
    private static string HelperOf(IRenderedComponent<TrainingForm> cut, string id) =>
        cut.Find($"#{id}").Closest(".mud-input-control")!.QuerySelector(".mud-input-helper-text")?.TextContent.Trim() ?? "";

    [Fact]
    public void Plain_training_shows_the_common_settings_each_with_an_accessible_name()
    {
        var cut = Render(new TrainingFormModel());
        foreach (var id in Common) Assert.NotNull(cut.Find($"input#{id}"));
        Assert.Empty(cut.FindAll("#method"));
        Assert.Empty(cut.FindAll("#noise-sigma"));
        foreach (var input in cut.FindAll("input:not([type=hidden])"))
        {
            // A <label for> names the box; the selects name themselves with aria-label.
            bool labelled = input.Id is { Length: > 0 } id && cut.FindAll($"label[for='{id}']").Any(l => l.TextContent.Trim().Length > 0);
            Assert.True(labelled || input.GetAttribute("aria-label") is { Length: > 0 }, $"input #{input.Id} has no accessible name");
        }
        Assert.Equal("Train images", cut.Find("label[for='train-examples']").TextContent);
        Assert.Equal("Scratch (seeded initialisation)", cut.Find("#start-from").GetAttribute("value")); // not cut to "Scratch (seeded i…"
        Assert.DoesNotContain(cut.FindAll("input"), i => i.HasAttribute("disabled"));
    }

    [Fact]
    public void Choosing_adversarial_training_adds_kurakins_settings_and_the_switch_swaps_sigma_for_a_fixed_epsilon()
    {
        var model = new TrainingFormModel();
        var cut = Render(model);
        cut.FindAll(".mud-toggle-item").Single(b => b.TextContent.Contains("Adversarial training", StringComparison.Ordinal)).Click();
        Assert.Equal(TrainingMode.Adversarial, model.Mode);
        Assert.Contains("Kurakin et al. 2017, §3", cut.Markup);
        foreach (var id in new[] { "method", "adversarial-fraction", "lambda", "epsilon-sigma", "delay" }) Assert.NotNull(cut.Find($"input#{id}"));
        Assert.Empty(cut.FindAll("#fixed-epsilon"));
        cut.Find("#fixed-epsilon-switch").Change(true);
        Assert.True(model.UseFixedEpsilon);
        Assert.NotNull(cut.Find("input#fixed-epsilon"));
        Assert.Empty(cut.FindAll("#epsilon-sigma"));
    }

    [Fact]
    public void Huge_numbers_are_clamped_and_say_so_beside_the_box()
    {
        var model = new TrainingFormModel();
        var cut = Render(model);
        cut.Find("#train-examples").Change("1e9");
        Assert.Equal(TrainingRequest.MaxExamples, model.TrainExamples); // was 19
        Assert.Equal("1000000", cut.Find("#train-examples").GetAttribute("value"));
        Assert.Equal("train images set to 1000000, the maximum.", HelperOf(cut, "train-examples"));
    }

    [Fact]
    public void Fractions_and_text_are_refused_with_a_message_and_the_value_is_kept()
    {
        var model = new TrainingFormModel { Seed = 5 };
        var cut = Render(model);
        cut.Find("#seed").Change("3.7");
        Assert.Equal(5, model.Seed); // was 37
        Assert.Equal("true", cut.Find("#seed").GetAttribute("aria-invalid"));
        Assert.Equal("3.7", cut.Find("#seed").GetAttribute("value")); // what was typed stays, beside the reason
        Assert.Equal("seed takes whole numbers, got 3.7; seed is unchanged.", HelperOf(cut, "seed"));

        cut.Find("#epochs").Change("two");
        Assert.Equal(2, model.Epochs);
        Assert.Contains("'two' is not a number", HelperOf(cut, "epochs"));

        cut.Find("#seed").Change("37"); // a good value clears the message
        Assert.Equal(37, model.Seed);
        Assert.Equal("false", cut.Find("#seed").GetAttribute("aria-invalid"));
        Assert.Equal("", HelperOf(cut, "seed"));
    }

    [Fact]
    public void Decimal_commas_and_exponents_are_read_as_numbers()
    {
        var model = new TrainingFormModel();
        var cut = Render(model);
        cut.Find("#learning-rate").Change("0,01");
        Assert.Equal(0.01, model.LearningRate);
        cut.Find("#learning-rate").Change("5e-4");
        Assert.Equal(0.0005, model.LearningRate);
        Assert.Equal("", HelperOf(cut, "learning-rate"));
    }

    [Fact]
    public void Noise_injection_adds_its_sigma_and_a_running_form_is_locked()
    {
        var cut = Render(new TrainingFormModel { Mode = TrainingMode.NoiseInjection }, disabled: true);
        Assert.NotNull(cut.Find("input#noise-sigma"));
        Assert.Empty(cut.FindAll("#method"));
        foreach (var id in Common.Append("noise-sigma")) Assert.True(cut.Find($"#{id}").HasAttribute("disabled"), $"#{id} is not disabled");
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
