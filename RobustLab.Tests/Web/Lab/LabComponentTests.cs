using RobustLab.Engine.Catalog;
using System.Net;
using RobustLab.Web.Components.Lab;
using RobustLab.Web.Services.Imaging;
using RobustLab.Web.Services.Lab;

namespace RobustLab.Tests.Web.Lab;

// The Lab's view components rendered to static HTML with the in-box HtmlRenderer.
public sealed class LabComponentTests
{
    private static async Task<string> Render<T>(Dictionary<string, object?> parameters) where T : Microsoft.AspNetCore.Components.IComponent =>
        WebUtility.HtmlDecode(await ComponentRenderer.RenderAsync<T>(parameters));

    private static float[] OneHot(int k, float p = 1f)
    {
        var v = Enumerable.Repeat((1 - p) / 9, 10).ToArray();
        v[k] = p;
        return v;
    }

    [Fact]
    public async Task Probability_bars_show_one_row_per_class_with_both_probabilities_and_mark_label_and_target()
    {
        var pair = new ProbabilityPair("Defended", OneHot(7, 0.9f), OneHot(3, 0.6f));
        var html = await Render<ProbabilityBars>(new() { ["Pair"] = pair, ["Label"] = 7, ["Target"] = 3, ["Id"] = "bars" });
        Assert.Contains("Defended", html);
        Assert.Equal(10, CountOf(html, "class=\"probability-row"));
        Assert.Contains("clean → <b>7</b>", html);
        Assert.Contains("adversarial → <b>3</b>", html);
        Assert.Contains("class=\"probability-row is-label\" data-class=\"7\"", html);
        Assert.Contains("class=\"probability-row is-target is-adversarial-prediction\" data-class=\"3\"", html);
        Assert.Contains("style=\"width: 90%\"", html);  // clean bar of class 7
        Assert.Contains("style=\"width: 60%\"", html);  // adversarial bar of class 3
        Assert.Contains(">90%<", html);
        Assert.Contains(">60%<", html);
        Assert.Contains(">4.4%<", html);                 // (1 − 0.6)/9 in the other rows
    }

    [Fact]
    public async Task Colour_bar_draws_the_map_as_a_gradient_with_its_ticks()
    {
        var html = await Render<ColorBar>(new() { ["Scale"] = ColorScale.Signed(0.25f) });
        Assert.Contains("data-colormap=\"rdbu\"", html);
        Assert.Contains("linear-gradient(to right, #67001f,", html);
        Assert.Contains(">-0.25<", html);
        Assert.Contains(">0<", html);
        Assert.Contains(">0.25<", html);
        Assert.Contains("left: 50%", html);
        Assert.Contains("aria-label=\"rdbu colour scale from -0.25 to 0.25\"", html);
    }

    [Fact]
    public async Task Slider_shows_the_value_in_the_range_input_and_the_number_box()
    {
        var html = await Render<LabSlider>(new() { ["Knob"] = AttackKnobs.EpsilonLinf, ["Value"] = 0.3, ["Id"] = "epsilon", ["Hint"] = "|δᵢ| ≤ ε" });
        Assert.Contains("type=\"range\"", html);
        Assert.Contains("id=\"epsilon-range\"", html);
        Assert.Contains("min=\"0\" max=\"1\" step=\"0.005\" value=\"0.3\"", html);
        Assert.Contains("aria-valuetext=\"0.3\"", html);
        Assert.Contains("id=\"epsilon-number\"", html);
        Assert.Contains("aria-label=\"attack budget ε (L∞) value\"", html);
        Assert.Contains("value=\"0.3\"", html);
        Assert.Contains("ε (L∞)", html);
        Assert.Contains("|δᵢ| ≤ ε", html);
    }

    [Fact]
    public async Task Attack_row_shows_the_images_the_measurements_and_the_outcome()
    {
        var scale = ColorScale.Magnitude(0.3f);
        var view = new AttackView("Undefended", "lenet-like, relu", null, new ProbabilityPair("Undefended", OneHot(7), OneHot(3, 0.8f)),
            Success: true, Linf: 0.3f, L2: 5.5f, Relative: 0.7f, "data:image/png;base64,QQ==", "data:image/png;base64,Qg==", "data:image/png;base64,Qw==");
        var request = new LabState();
        request.SetImage(LabImage.Validated(new float[784], 7, ImageSource.Mnist, "MNIST test image #0", 0));
        var result = new LabResult(request.ToRequest()!, 7, true, "data:image/png;base64,RA==", ColorScale.Signed(0.3f), scale, [view], null,
            "pgd · L∞ ε = 0.3", new LabTiming(10, 1, 11));
        var html = await Render<AttackRow>(new() { ["Result"] = result, ["View"] = view });
        Assert.Contains("fooled: 7 → 3", html);
        Assert.Contains("data-success=\"true\"", html);
        Assert.Contains("Clean · label 7", html);
        Assert.Contains("predicted 7 (100%)", html);
        Assert.Contains("predicted 3 (80%)", html);
        foreach (var src in new[] { "RA==", "QQ==", "Qg==", "Qw==" }) Assert.Contains($"src=\"data:image/png;base64,{src}\"", html);
        Assert.Equal(2, CountOf(html, "class=\"color-bar\""));
        Assert.Contains("<dd class=\"metric-linf\">0.3</dd>", html);
        Assert.Contains("<dd class=\"metric-l2\">5.5</dd>", html);
        Assert.Contains("<dd class=\"metric-relative\">0.7</dd>", html);
    }

    [Fact]
    public async Task Attack_row_says_when_the_model_was_wrong_before_the_attack()
    {
        var view = new AttackView("Undefended", "lenet-like, relu", null, new ProbabilityPair("Undefended", OneHot(4, 0.8f), OneHot(4)),
            Success: true, Linf: 0.1f, L2: 1f, Relative: 0.2f, "data:,", "data:,", "data:,");
        var state = new LabState();
        state.SetImage(LabImage.Validated(new float[784], 9, ImageSource.Mnist, "MNIST test image #1232", 1232));
        var result = new LabResult(state.ToRequest()!, 9, true, "data:,", ColorScale.Signed(0.1f), ColorScale.Magnitude(0.1f), [view], null,
            "pgd", new LabTiming(1, 1, 2));
        var html = await Render<AttackRow>(new() { ["Result"] = result, ["View"] = view });
        Assert.Contains("wrong even before the attack: 9 → 4", html);
        Assert.DoesNotContain(">fooled:", html);
    }

    [Fact]
    public async Task Attack_row_shows_rho_as_undefined_when_the_clean_image_has_no_ink()
    {
        var view = new AttackView("Undefended", "lenet-like, relu", null, new ProbabilityPair("Undefended", OneHot(1), OneHot(8)),
            Success: true, Linf: 0.3f, L2: 8.4f, Relative: null, "data:,", "data:,", "data:,");
        var state = new LabState();
        state.SetImage(LabImage.Validated(new float[784], null, ImageSource.Drawing, "your drawing"));
        var result = new LabResult(state.ToRequest()!, 1, false, "data:,", ColorScale.Signed(0.3f), ColorScale.Magnitude(0.3f), [view], null,
            "pgd", new LabTiming(1, 1, 2));
        var html = await Render<AttackRow>(new() { ["Result"] = result, ["View"] = view });
        Assert.Contains("<dd class=\"metric-relative\" title=\"undefined: ‖x‖₂ = 0\">—</dd>", html);
        Assert.Contains("<dd class=\"metric-l2\">8.4</dd>", html);
    }

    [Fact]
    public async Task True_label_choice_is_offered_for_drawings_and_uploads_only_and_says_how_success_is_judged()
    {
        var state = new LabState();
        state.SetImage(LabImage.Validated(new float[784], 7, ImageSource.Mnist, "MNIST test image #0", 0));
        Assert.DoesNotContain("true-label", await Render<TrueLabelChoice>(new() { ["State"] = state }));

        state.SetImage(LabImage.Validated(new float[784], null, ImageSource.Drawing, "your drawing"));
        var html = await Render<TrueLabelChoice>(new() { ["State"] = state });
        Assert.Contains("<label for=\"true-label-select\"", html);
        Assert.Equal(11, CountOf(html, "<option "));
        Assert.Contains("<option value=\"unknown\">unknown</option>", html.Replace(" selected", ""));
        Assert.Contains("judged against the model's own prediction on the clean image", html);

        state.SetImage(LabImage.Validated(new float[784], 4, ImageSource.Upload, "four.png"));
        html = await Render<TrueLabelChoice>(new() { ["State"] = state });
        Assert.Contains("no longer 4", html);
    }

    private static int CountOf(string text, string part)
    {
        int count = 0;
        for (int i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}
