using RobustLab.Engine.Catalog;
using RobustLab.Engine.Sweeps;
using RobustLab.Engine.Attacks;
using RobustLab.Engine.Defenses;
using RobustLab.Web.Services.Sharing;
using RobustLab.Web.Services.Tradeoffs;

namespace RobustLab.Tests.Web.Sharing;

// The Trade-offs settings ↔ query string: a preset plus what differs from it, exact for every field, run=1 to start the
// run, and bad parameters ignored (the preset's value used) with a message.
public sealed class TradeoffsLinkTests
{
    internal static readonly string[] Models = ["lenet-like", "borji-mnist", "my-robust.v2"];

    private static TradeoffsLinkRead Read(string query) => TradeoffsLink.Read(LinkQuery.Parse(query, 4096), Models);

    [Fact]
    public void The_first_view_is_an_empty_query_and_every_preset_is_one_parameter()
    {
        Assert.Equal("", TradeoffsLink.Encode(TradeoffsPresets.Default.CreateState(), TradeoffsPresets.Default.Id));
        foreach (var preset in TradeoffsPresets.All.Skip(1))
        {
            string query = TradeoffsLink.Encode(preset.CreateState(), preset.Id);
            Assert.Equal($"preset={preset.Id}", query);
            var read = Read(query);
            Assert.Equal(preset.Settings, read.State);
            Assert.Equal(preset.Id, read.PresetId);
            Assert.Empty(read.Messages);
            Assert.False(read.Run);
        }
        Assert.Equal("preset=none", TradeoffsLink.Encode(new TradeoffsState(), null));
        Assert.Equal(new TradeoffsState(), Read("preset=none").State);
        Assert.Null(Read("preset=none").PresetId);
    }

    [Fact]
    public void A_link_names_what_differs_from_its_preset_readably()
    {
        var state = TradeoffsPresets.Find("borji-fgsm-alpha")!.CreateState() with { Examples = 100, SeriesValuesText = "1, 5, 10", SeriesName = "α sweep" };
        Assert.Equal("preset=borji-fgsm-alpha&series-values=1,+5,+10&name=%CE%B1+sweep&examples=100", TradeoffsLink.Encode(state, "borji-fgsm-alpha"));
        Assert.Equal("preset=borji-fgsm-alpha&series-values=1,+5,+10&name=%CE%B1+sweep&examples=100&run=1", TradeoffsLink.Encode(state, "borji-fgsm-alpha", run: true));
        var read = Read("preset=borji-fgsm-alpha&series-values=1,+5,+10&name=%CE%B1+sweep&examples=100&run=1");
        Assert.Equal(state, read.State);
        Assert.True(read.Run);
        Assert.Empty(read.Messages);
    }

    [Fact]
    public void Random_valid_settings_round_trip_exactly()
    {
        var rng = new Random(11);
        for (int i = 0; i < 1000; i++)
        {
            var (state, presetId) = RandomSettings(rng);
            string query = TradeoffsLink.Encode(state, presetId);
            var read = Read(query);
            Assert.True(read.Ignored.Count == 0, $"{query}: {string.Join(" | ", read.Ignored)}");
            Assert.True(state == read.State, query);
            Assert.Equal(presetId, read.PresetId);
            Assert.Equal(query, TradeoffsLink.Encode(read.State, read.PresetId));
        }
    }

    [Theory]
    [InlineData("examples=0", "examples=0: out of range (1 to 10000); the preset's value (100) is used.")]
    [InlineData("examples=1e9", "examples=1e9: out of range (1 to 10000); the preset's value (100) is used.")]
    [InlineData("examples=1e2", "examples=1e2: not a whole number in digits; the preset's value (100) is used.")]
    [InlineData("sigma=-Infinity", "sigma=-Infinity: not a finite number; the preset's value (0.25) is used.")]
    [InlineData("values=0,+x", "values=0, x: 'x' is not a number (use a dot for decimals); the preset's value (0, 0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 1) is used.")]
    [InlineData("values=-1", "values=-1: κ must be ≥ 0, got -1; the preset's value (0, 0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 1) is used.")]
    [InlineData("knob=gamma", "knob=gamma: not one of kappa, b, alpha, sigma, n, input-scale, eps, iterations; the preset's value (kappa) is used.")]
    [InlineData("model=..%2F..%2Fetc%2Fpasswd", "model=../../etc/passwd: no such model here (the registry has lenet-like, borji-mnist, my-robust.v2); the preset's value (lenet-like) is used.")]
    [InlineData("name=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "name=<script>alert(1)</script>: only letters, digits, spaces and simple punctuation (no < > \" ' ` { } \\ ; $); the preset's value () is used.")]
    [InlineData("measures=clean,clean", "measures=clean,clean: 'clean' is given twice; the preset's value (clean,adversarial) is used.")]
    [InlineData("steps=0", "steps=0: out of range (1 to 1000); the preset's value (40) is used.")]
    [InlineData("eot=0", "eot=0: out of range (1 to 64); the preset's value (8) is used.")]
    [InlineData("run=yes", "run=yes: not 1 or 0; the run is not started.")]
    [InlineData("preset=fig9", "preset=fig9: no such preset (the presets are jumprelu-kappa-pgd, jumprelu-kappa-deepfool, jumprelu-transfer, jumprelu-iterations, borji-fgsm-alpha, borji-stepll-alpha, borji-bpda, borji-input-scaling, smoothing-pgd-epgd, kurakin-one-step, reliable-srelu, reliable-jumprelu, reliable-smoothing); the first one (jumprelu-kappa-pgd) is used.")]
    [InlineData("Examples=5", "'Examples' is not a setting of the Trade-offs page: ignored.")]
    public void A_bad_parameter_is_ignored_with_a_message_and_the_rest_is_used(string bad, string message)
    {
        var read = Read($"seed=4&{bad}");
        Assert.Equal(message, Assert.Single(read.Messages));
        Assert.Equal(TradeoffsPresets.Default.Settings with { Seed = 4 }, read.State);
        Assert.False(read.Run);
    }

    [Fact]
    public void Combinations_the_run_would_refuse_are_reported_as_the_form_reports_them()
    {
        var read = Read("preset=none&unbounded=1&attack=deepfool");
        Assert.Empty(read.Ignored);
        Assert.Equal(["An unbounded attack has no budget to vary: switch 'unbounded' off to sweep ε."], read.Invalid);
        Assert.Equal("Not runnable as linked: An unbounded attack has no budget to vary: switch 'unbounded' off to sweep ε.", Assert.Single(read.Messages));
        Assert.Empty(Read("").Messages);
    }

    [Fact]
    public void Series_values_are_checked_against_what_the_series_are()
    {
        Assert.Empty(Read("series=model&series-values=lenet-like,my-robust.v2").Ignored);
        Assert.Contains("'resnet' is not a value of a series per model", Assert.Single(Read("series=model&series-values=lenet-like,resnet").Ignored));
        Assert.Contains("'pgdx' is not a value of a series per attack", Assert.Single(Read("series=attack&series-values=pgd,pgdx").Ignored));
        Assert.Contains("'x' is not a number", Assert.Single(Read("series=sigma&series-values=0.1,x").Ignored));
        Assert.Contains("must be > 0", Assert.Single(Read("stepsize=0").Ignored));
        Assert.Contains("not a list of names or numbers", Assert.Single(Read("series=attack&series-values=pgd'%3B--").Ignored));
    }

    // Settings reached by changing random fields of a random preset (or of the plain defaults) to values the form accepts.
    internal static (TradeoffsState State, string? PresetId) RandomSettings(Random rng)
    {
        var preset = rng.Next(TradeoffsPresets.All.Count + 1) is var p && p < TradeoffsPresets.All.Count ? TradeoffsPresets.All[p] : null;
        var s = preset?.CreateState() ?? new TradeoffsState();
        bool Coin() => rng.Next(2) == 0;
        double Real(double min, double max) => rng.Next(3) == 0 ? Math.Round(min + rng.NextDouble() * (max - min), rng.Next(4)) : min + rng.NextDouble() * (max - min);
        string Numbers(SweepKnob sweepKnob, int count) => string.Join(rng.Next(3) switch { 0 => ", ", 1 => ";", _ => " " },
            Enumerable.Range(0, count).Select(_ => KnobValues.Format(sweepKnob.Knob is var knob && knob.Integer ? rng.Next((int)knob.Min + (knob.MinExclusive ? 1 : 0), (int)Math.Min(knob.Max, 50) + 1)
                : Math.Max(Real(knob.Min, Math.Min(knob.Max, 28)), knob.MinExclusive ? knob.Min + 1e-3 : knob.Min))));
        string Pick(IReadOnlyList<string> names, int count) => string.Join(", ", names.OrderBy(_ => rng.Next()).Take(count));
        var steps = new Action[]
        {
            () => s.Knob = SweepKnobs.All[rng.Next(SweepKnobs.All.Count)].Name, () => s.ValuesMode = (ValuesMode)rng.Next(2),
            () => s.RangeStart = Real(0, 10), () => s.RangeStop = Real(0, 1000), () => s.RangeStep = Math.Max(0.001, Real(0, 5)),
            () => s.ValuesText = Numbers(s.SweptKnob, rng.Next(1, 12)), () => s.TransferMatrix = Coin(),
            () => s.SourceValuesText = Numbers(s.SweptKnob, rng.Next(1, 10)),
            () =>
            {
                s.SeriesBy = rng.Next(6) switch
                {
                    0 => TradeoffsState.NoSeries, 1 => TradeoffsState.SeriesByAttack, 2 => TradeoffsState.SeriesByModel, 3 => TradeoffsState.SeriesBySource,
                    _ => SweepKnobs.All[rng.Next(SweepKnobs.All.Count)].Name,
                };
                s.SeriesValuesText = s.SeriesBy switch
                {
                    TradeoffsState.NoSeries => "",
                    TradeoffsState.SeriesByAttack => Pick([.. AttackCatalog.Names], rng.Next(1, 8)),
                    TradeoffsState.SeriesByModel => Pick(Models, rng.Next(1, 4)),
                    TradeoffsState.SeriesBySource => Pick([TradeoffsState.WhiteBox, TradeoffsState.GrayBox], rng.Next(1, 3)),
                    var knob => Numbers(SweepKnobs.Get(knob), rng.Next(1, 8)),
                };
            },
            () => s.SeriesName = new string([.. Enumerable.Range(0, rng.Next(0, 60)).Select(_ => "abcXYZ 019.,:-_()[]=+·×αβκσ/#%&?"[rng.Next(32)])]),
            () => s.Model = Models[rng.Next(Models.Length)], () => s.Activation = new[] { "relu", "jumprelu", "rjumprelu", "srelu" }[rng.Next(4)],
            () => s.ActivationValue = Real(0, 1000), () => s.InputScaleOn = Coin(), () => s.InputScale = Real(0.01, 100), () => s.InputClip = Coin(),
            () => s.SmoothingOn = Coin(), () => s.Sigma = Real(0, DefenseCatalog.Sigma.Max), () => s.SmoothingSamples = rng.Next(1, 257), () => s.Vote = (SmoothingVote)rng.Next(3),
            () => s.Attack = rng.Next(8) == 0 ? TradeoffsState.NoAttack : AttackCatalog.Names.ElementAt(rng.Next(AttackCatalog.Names.Count)),
            () => s.Norm = (LpNorm)rng.Next(2), () => s.Epsilon = Real(0, 28), () => s.Unbounded = Coin(),
            () => s.Steps = Coin() ? null : rng.Next(1, 1001), () => s.StepSize = Coin() ? null : Real(0.0001, 28), () => s.RandomStart = Coin(),
            () => s.EotSamples = rng.Next(1, 65), () => s.Target = rng.Next(3) switch { 0 => "ll", 1 => "random", _ => rng.Next(10).ToString() },
            () => s.Source = (AttackSource)rng.Next(3), () => s.SourceModel = Models[rng.Next(Models.Length)],
            () => s.Examples = rng.Next(1, 10_001), () => s.Seed = rng.Next(), () => s.Measures = (PlotMeasures)rng.Next(1, 512),
        };
        for (int i = rng.Next(0, 25); i > 0; i--) steps[rng.Next(steps.Length)]();
        bool InRange(string text) => KnobValues.Parse(text, 50) is ({ } values, null) && values.All(v => s.SweptKnob.Check(v, LpNorm.L2) is null);
        if (!InRange(s.ValuesText)) s.ValuesText = Numbers(s.SweptKnob, 3);
        if (!InRange(s.SourceValuesText)) s.SourceValuesText = Numbers(s.SweptKnob, 3);
        if (s.SeriesBy != TradeoffsState.NoSeries && s.SeriesKnob is { } seriesKnob && KnobValues.Parse(s.SeriesValuesText, 8).Error is not null)
            s.SeriesValuesText = Numbers(seriesKnob, 2);
        return (s, preset?.Id);
    }
}
