using RobustLab.Engine.Catalog;
using RobustLab.Engine.Attacks;
using RobustLab.Engine.Defenses;
using RobustLab.Web.Services.Lab;
using RobustLab.Web.Services.Sharing;

namespace RobustLab.Tests.Web.Sharing;

// The Lab's settings ↔ query string: short, defaults left out, exact for every field and the image, and every bad
// parameter ignored with a message that says why.
public sealed class LabLinkTests
{
    internal static readonly string[] Models = ["lenet-like", "borji-mnist"];

    internal static LabLinkContext Context(int testImages = 10_000) => new(Models, testImages, TestImage);

    // Stand-ins for MNIST test images: distinct, 8-bit, labelled (the codec only needs the index to give the image back).
    private static LabImage TestImage(int index) => LabImage.Validated(
        [.. Enumerable.Range(0, 784).Select(p => (p * 31 + index * 17) % 256 / 255f)], index % 10, ImageSource.Mnist, $"MNIST test image #{index}", index);

    private static string Encode(LabState state, int max = 1800) => LabLink.Encode(state, max).Query;

    private static (LabState State, IReadOnlyList<string> Messages) Read(string query, LabState? into = null)
    {
        var state = into ?? new LabState();
        return (state, LabLink.Apply(LinkQuery.Parse(query, 4096), state, Context()));
    }

    [Fact]
    public void Defaults_make_an_empty_query_and_a_link_names_only_what_differs()
    {
        var state = new LabState();
        state.SetImage(TestImage(0));
        Assert.Equal("", Encode(state));

        state.SetModel("borji-mnist", Models);
        state.SetImage(TestImage(42));
        state.Activation = "jumprelu";
        state.Kappa = 0.7;
        state.Attack = "bim";
        state.Epsilon = 0.1;
        state.SetAuto(AttackSetting.Steps, false); // BIM's t defaults to Kurakin's schedule
        state.Steps = 12;
        Assert.Equal("model=borji-mnist&img=mnist:42&act=jumprelu&kappa=0.7&attack=bim&eps=0.1&auto-steps=0&steps=12", Encode(state));
    }

    [Fact]
    public void Random_valid_states_round_trip_exactly_into_fresh_and_into_used_states()
    {
        var rng = new Random(20261122);
        for (int i = 0; i < 500; i++)
        {
            var state = RandomState(rng);
            string query = Encode(state, max: 4096);
            foreach (var into in new[] { new LabState(), RandomState(rng) })
            {
                var (read, messages) = Read(query, into);
                Assert.True(messages.Count == 0, $"{query}: {string.Join(" | ", messages)}");
                foreach (var field in LabLink.Fields) Assert.True(field.Get(state) == field.Get(read), $"{field.Name} in {query}: {field.Get(state)} ≠ {field.Get(read)}");
                Assert.Equal(state.Image!.Source, read.Image!.Source);
                Assert.Equal(state.Image.TestIndex, read.Image.TestIndex);
                Assert.Equal(state.Image.Pixels, read.Image.Pixels);
                Assert.Equal(query, Encode(read, max: 4096));
            }
        }
    }

    [Fact]
    public void A_drawing_is_kept_in_8_bits_so_that_its_link_reproduces_it_exactly()
    {
        var rng = new Random(1);
        var drawing = LabImage.Validated([.. Enumerable.Range(0, 784).Select(p => p % 29 < 6 ? rng.NextSingle() : 0f)], null, ImageSource.Drawing, "your drawing");
        var shareable = LabLink.Shareable(drawing);
        Assert.NotSame(drawing, shareable);
        Assert.Same(shareable, LabLink.Shareable(shareable));
        var state = new LabState();
        state.SetImage(shareable);
        var query = Encode(state);
        Assert.StartsWith("img=draw:", query);
        var (read, messages) = Read(query);
        Assert.Empty(messages);
        Assert.Equal(shareable.Pixels, read.Image!.Pixels);
        Assert.Equal(ImageSource.Drawing, read.Image.Source);
        Assert.Equal("a drawing from the link", read.Image.Description);
        Assert.Null(read.Image.Label); // no label given: "fooled" is judged against the model's own answer

        // The digit's true class, as its author said it, travels with it.
        state.SetImage(shareable with { Label = 3 });
        var labelled = Encode(state);
        Assert.Matches("^img=draw:[A-Za-z0-9_-]+&label=3$", labelled);
        var (again, none) = Read(labelled);
        Assert.Empty(none);
        Assert.Equal(3, again.Image!.Label);
        Assert.Equal(labelled, Encode(again));

        var (bad, problems) = Read(labelled.Replace("label=3", "label=12"));
        Assert.Equal("label=12: the label is out of range (0 to 9); the digit's label stays unknown.", Assert.Single(problems));
        Assert.Null(bad.Image!.Label);
        var (mnist, refused) = Read("img=mnist:5&label=3");
        Assert.Equal("label=3: only a drawn or uploaded digit takes a label (an MNIST image has its own); ignored.", Assert.Single(refused));
        Assert.Equal(5, mnist.Image!.TestIndex);
    }

    [Fact]
    public void An_image_too_detailed_for_a_link_stays_out_of_it_with_a_note()
    {
        var rng = new Random(2);
        var state = new LabState { Epsilon = 0.2 };
        state.SetImage(LabLink.Shareable(LabImage.Validated([.. Enumerable.Range(0, 784).Select(_ => rng.NextSingle())], null, ImageSource.Upload, "noise.png (28×28)")));
        var link = LabLink.Encode(state, 1000);
        Assert.Equal("eps=0.2", link.Query);
        Assert.Contains("This uploaded image is too detailed to fit in a link", link.Note);
        Assert.Contains("at most 1,000", link.Note);
        var roomy = LabLink.Encode(state, 1800);
        Assert.StartsWith("img=upload:", roomy.Query);
        Assert.EndsWith("&eps=0.2", roomy.Query);
        Assert.Null(roomy.Note);
    }

    [Theory]
    [InlineData("eps=5", "eps=5: out of range (0 to 1 in L∞); the default (0.3) is used.")]
    [InlineData("eps=abc", "eps=abc: not a number; the default (0.3) is used.")]
    [InlineData("eps=NaN", "eps=NaN: not a finite number; the default (0.3) is used.")]
    [InlineData("eps=1e400", "eps=1e400: not a finite number; the default (0.3) is used.")]
    [InlineData("steps=2.5", "steps=2.5: not a whole number; the default (40) is used.")]
    [InlineData("steps=-3", "steps=-3: out of range (1 to 1000); the default (40) is used.")]
    [InlineData("seed=99999999999999999999", "seed=99999999999999999999: out of range (0 to 999999); the default (0) is used.")]
    [InlineData("bpda=yes", "bpda=yes: not 1 or 0; the default (0) is used.")]
    [InlineData("act=tanh", "act=tanh: not one of relu, jumprelu, rjumprelu, srelu; the default (relu) is used.")]
    [InlineData("model=resnet", "model=resnet: no such model here (the Lab has lenet-like, borji-mnist); the default (lenet-like) is used.")]
    [InlineData("attack=%3Cscript%3E", "attack=<script>: not an attack of the catalog; the default (pgd) is used.")]
    [InlineData("img=mnist:10000", "img=mnist:10000: the MNIST test index is out of range (0 to 9999); the default image is used.")]
    [InlineData("img=draw:!!", "img=draw:!!: the image code is not base64url; the default image is used.")]
    [InlineData("img=photo:1", "img=photo:1: not mnist:<index>, draw:<code> or upload:<code>; the default image is used.")]
    [InlineData("colour=red", "'colour' is not a setting of the Lab: ignored.")]
    public void A_bad_parameter_is_ignored_with_a_message_and_the_rest_is_used(string bad, string message)
    {
        var (state, messages) = Read($"kappa=0.7&{bad}");
        Assert.Equal(message, Assert.Single(messages));
        Assert.Equal(0.7, state.Kappa);
        Assert.Equal(0.3, state.Epsilon);
        Assert.Equal(0, state.Image!.TestIndex);
    }

    [Fact]
    public void Reading_a_link_resets_what_it_does_not_name()
    {
        var state = new LabState { Activation = "srelu", Alpha = 5, Smoothing = true, Attack = "fgsm", Seed = 9 };
        state.SetImage(TestImage(7));
        var (read, messages) = Read("eps=0.25", state);
        Assert.Empty(messages);
        Assert.Same(state, read);
        Assert.Equal("eps=0.25", Encode(read));
        Assert.Equal(0, read.Image!.TestIndex);
    }

    [Fact]
    public void Cross_field_rules_hold_after_a_link_as_after_the_controls()
    {
        var (state, messages) = Read("attack=rfgsm&eps=0.1&autostep=0&stepsize=0.2");
        Assert.Empty(messages);
        Assert.Equal(0.1, state.StepSize); // R-FGSM's α ≤ ε, as the slider keeps it
        (state, messages) = Read("attack=fast-grad-l2&eps=3");
        Assert.Empty(messages);
        Assert.Equal(3, state.Epsilon); // ε in L2 units: the attack's own norm
        (state, messages) = Read("eps=3");
        Assert.Equal("eps=3: out of range (0 to 1 in L∞); the default (0.3) is used.", Assert.Single(messages));
    }

    [Fact]
    public void Without_the_test_set_an_mnist_link_says_so()
    {
        var state = new LabState();
        var messages = LabLink.Apply(LinkQuery.Parse("img=mnist:3", 4096), state, Context(testImages: 0));
        Assert.Equal("img=mnist:3: the MNIST test set is not available; the default image is used.", Assert.Single(messages));
        Assert.Null(state.Image);
    }

    // A state reached by a random walk over the controls, with a random image.
    internal static LabState RandomState(Random rng)
    {
        var s = new LabState();
        double Between(Knob k) => k.Min + rng.NextDouble() * (k.Max - k.Min);
        bool Coin() => rng.Next(2) == 0;
        var steps = new Action[]
        {
            () => s.SetModel(Models[rng.Next(Models.Length)], Models),
            () => s.Activation = DefenseCatalog.Activations[rng.Next(4)].Name,
            () => s.Kappa = Between(DefenseCatalog.Kappa), () => s.B = Between(DefenseCatalog.B), () => s.Alpha = Between(DefenseCatalog.Alpha),
            () => s.Bpda = Coin(), () => s.Smoothing = Coin(), () => s.Sigma = Between(DefenseCatalog.Sigma),
            () => s.Samples = (int)Between(DefenseCatalog.Samples), () => s.Vote = (SmoothingVote)rng.Next(3),
            () => s.InputScaling = Coin(), () => s.Scale = Between(DefenseCatalog.Scale), () => s.ScaleClip = Coin(),
            () => s.Attack = AttackCatalog.Names.ElementAt(rng.Next(AttackCatalog.Names.Count)), () => s.Norm = (LpNorm)rng.Next(2),
            () => s.Epsilon = Between(s.EpsilonKnob), () => s.Unbounded = Coin(), () => s.Steps = (int)Between(new LabState().KnobOf(AttackSetting.Steps)),
            () => s.AutoStepSize = Coin(), () => s.StepSize = Between(s.StepSizeKnob), () => s.RandomStart = Coin(),
            () => s.EotSamples = (int)Between(AttackKnobs.EotSamples.Knob), () => s.TargetMode = TargetMode.All[rng.Next(3)],
            () => s.TargetClass = rng.Next(10), () => s.Seed = rng.Next(1_000_000), () => s.Compare = Coin(),
        };
        for (int i = rng.Next(0, 40); i > 0; i--) steps[rng.Next(steps.Length)]();
        s.SetImage(rng.Next(4) switch
        {
            0 => TestImage(0),
            1 => TestImage(rng.Next(10_000)),
            var k => LabLink.Shareable(LabImage.Validated([.. Enumerable.Range(0, 784).Select(p => p % 28 > 8 && p % 28 < 18 && rng.Next(3) == 0 ? rng.NextSingle() : 0f)],
                null, k == 2 ? ImageSource.Drawing : ImageSource.Upload, "digit")),
        });
        return s;
    }
}
