using System.Net;
using Bunit;
using MudBlazor.Services;
using RobustLab.Engine.Attacks;
using RobustLab.Engine.Catalog;
using RobustLab.Tests.Cli;
using RobustLab.Tests.Web;
using RobustLab.Web.Components.Lab;
using RobustLab.Web.Components.Tradeoffs;
using RobustLab.Web.Services.Lab;
using RobustLab.Web.Services.Tradeoffs;

namespace RobustLab.Tests.Catalog;

// Adding an attack = one file + one catalog entry: its knobs then appear on the Lab, on Trade-offs and in the CLI's usage,
// with the catalog's title, help and source. These tests enumerate the catalog, so a new entry is checked by itself.
public sealed class EveryPageOffersEveryKnobTests
{
    public static TheoryData<string> Attacks => [.. AttackCatalog.Names];

    [Theory]
    [MemberData(nameof(Attacks))]
    public async Task The_lab_shows_the_attacks_title_help_and_every_knob(string name)
    {
        var entry = AttackCatalog.Get(name);
        var state = new LabState { Attack = name };
        foreach (var knob in entry.Knobs.Where(k => k.Auto)) state.SetAuto(knob.Setting, false); // show every slider
        // The Lab's panel is on MudBlazor: rendered with bunit (MudBlazor's services, its JavaScript answered with defaults).
        await using var context = new Bunit.BunitContext();
        context.Services.AddMudServices();
        context.JSInterop.Mode = Bunit.JSRuntimeMode.Loose;
        var html = WebUtility.HtmlDecode(context.Render<AttackPanel>(p => p.Add(c => c.State, state)).Markup);
        Assert.Contains(entry.Title, html);
        Assert.Contains(entry.Summary, html);
        Assert.Contains(entry.Source.ToString(), html);
        foreach (var knob in entry.Knobs)
        {
            var range = state.KnobOf(knob.Setting);
            Assert.Contains($"id=\"{AttackPanel.IdOf(knob)}-range\"", html);
            Assert.Contains($"max=\"{range.Max.ToString(System.Globalization.CultureInfo.InvariantCulture)}\"", html);
            Assert.Contains(range.Help, html);
        }
        Assert.Equal(entry.RandomStart, html.Contains("id=\"random-start-switch\""));
        Assert.Equal(entry.Targeted, html.Contains("id=\"target-mode\""));
    }

    [Theory]
    [MemberData(nameof(Attacks))]
    public async Task Trade_offs_shows_the_attacks_title_and_every_knob(string name)
    {
        var entry = AttackCatalog.Get(name);
        var state = new TradeoffsState { Knob = "kappa", ValuesText = "0, 0.5", Attack = name };
        await using var context = new BunitContext();
        context.Services.AddMudServices();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        var section = context.Render<AttackSection>(p => p.Add(s => s.State, state));
        string html = WebUtility.HtmlDecode(section.Markup);
        Assert.Contains(entry.Title, html);
        Assert.Contains(entry.Summary, html);
        Assert.Contains("id=\"eps\"", html);
        foreach (var knob in entry.Knobs)
        {
            Assert.Contains($"id=\"{AttackSection.IdOf(knob)}\"", html);
            // The box's line: the catalog's help and, when the catalog says it, where the default comes from.
            var k = knob.For(entry.Norm(state.Norm));
            var helper = section.Find($"input#{AttackSection.IdOf(knob)}").Closest(".mud-input-control")!.QuerySelector(".mud-input-helper-text")!.TextContent;
            Assert.Contains(k.Help, helper);
            if (k.Source is { } source) Assert.Contains($"Default: {source}.", helper);
        }
        Assert.Equal(entry.FixedNorm is null, html.Contains("id=\"norm\""));
    }

    [Fact]
    public async Task Eval_help_lists_every_attack_with_its_knobs()
    {
        var r = await CliRunner.RunAsync("eval", "--help");
        Assert.Equal(0, r.ExitCode);
        foreach (var entry in AttackCatalog.All)
        {
            int at = r.Stdout.IndexOf($"    {entry.Name} ", StringComparison.Ordinal);
            Assert.True(at >= 0, $"{entry.Name} is not listed");
            Assert.Contains(entry.Title, r.Stdout[at..]);
            string listing = r.Stdout[at..].Split('\n').Skip(1).TakeWhile(l => l.StartsWith("      --", StringComparison.Ordinal)).Aggregate("", (a, l) => a + l);
            foreach (var knob in entry.Knobs) Assert.Contains($"--{knob.Option} {knob.Knob.Symbol}: {knob.Knob.Help} {knob.Knob.RangeText}", listing);
        }
    }

    [Fact]
    public void Pages_default_to_the_catalogs_values()
    {
        var lab = new LabState();
        Assert.Equal(DefenseCatalog.Kappa.Default, lab.Kappa);
        Assert.Equal(AttackKnobs.EpsilonLinf.Default, lab.Epsilon);
        Assert.Equal(40, lab.Steps);
        lab.Attack = "trust-region";
        Assert.Equal(1000, lab.Steps); // the trust region's own cap (JumpReLU §4), shown and used: one definition
        Assert.Equal(1000, ((TrustRegion)AttackCatalog.Create(lab.Attack, lab.BuildAttackSettings())).MaxIterations);
        Assert.Equal(DefenseCatalog.Kappa.Default, new TradeoffsState().ActivationValue);
    }
}
