using MudBlazor;
using RobustLab.Web.Components.Experiments;
using RobustLab.Web.Services.Experiments;
using RobustLab.Web.Services.Jobs;
using RobustLab.Web.Services.Tradeoffs;
using RobustLab.Web.Services.Training;

namespace RobustLab.Tests.Web.Experiments;

// The Experiments page's view logic: filter menus from the stored experiments, status colours, durations, the
// configuration as readable lines and the re-run verdict.
public sealed class ExperimentViewTests
{
    private static ExperimentSummary Summary(long id, string kind, string status, string[] models, string attack, string defense,
        TimeSpan? duration = null)
    {
        var created = new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.Zero).AddMinutes(id);
        return new ExperimentSummary(id, kind, "", "", status, null, created, created, duration is { } d ? created + d : null, models, attack, defense,
            "", 0, 100, $"experiment {id}", 8, "1.0.0+abc", null);
    }

    [Fact]
    public void Filter_menus_offer_the_values_that_occur_once_each_sorted()
    {
        var options = ExperimentFilterOptions.From(
        [
            Summary(1, ExperimentKind.Sweep, ExperimentStatus.Completed, ["lenet-like"], "pgd L∞", "jumprelu:1"),
            Summary(2, ExperimentKind.Sweep, ExperimentStatus.Failed, ["borji-mnist", "Lenet-Like"], "fgsm L∞", ""),
            Summary(3, ExperimentKind.Training, ExperimentStatus.Running, ["lenet-like"], "", "adversarial"),
        ]);
        Assert.Equal(["borji-mnist", "lenet-like"], options.Models); // case-insensitively distinct, the first spelling kept
        Assert.Equal(["fgsm L∞", "pgd L∞"], options.Attacks); // no empty entry
        Assert.Equal(["adversarial", "jumprelu:1"], options.Defenses);
        Assert.Empty(ExperimentFilterOptions.From([]).Models);
    }

    [Fact]
    public void Statuses_have_distinct_colours_and_durations_read_naturally()
    {
        Assert.Equal(ExperimentStatus.All.Count, ExperimentStatus.All.Select(ExperimentLabels.Badge).Distinct().Count());
        Assert.Equal(Color.Success, ExperimentLabels.Badge(ExperimentStatus.Completed));
        Assert.Equal(Color.Error, ExperimentLabels.Badge(ExperimentStatus.Failed));
        Assert.Equal("Lab snapshot", ExperimentLabels.Kind(ExperimentKind.LabSnapshot));
        Assert.Equal("—", ExperimentLabels.Duration(null));
        Assert.Equal("2.5 s", ExperimentLabels.Duration(TimeSpan.FromSeconds(2.5)));
        Assert.Equal("3 min 12 s", ExperimentLabels.Duration(TimeSpan.FromSeconds(192)));
        Assert.Equal("1 h 5 min", ExperimentLabels.Duration(TimeSpan.FromMinutes(65)));
        Assert.Equal("2026-11-22 03:04:05 UTC", ExperimentLabels.Time(new DateTimeOffset(2026, 11, 22, 4, 4, 5, TimeSpan.FromHours(1))));
    }

    [Fact]
    public void A_configuration_reads_as_lines_with_the_export_names_and_long_arrays_summarised()
    {
        var training = ConfigurationLines.Of(new TrainingRequest(Mode: TrainingMode.Adversarial, Epochs: 3, FixedEpsilon: null, LearningRate: 0.003));
        Assert.Contains(("mode", "Adversarial"), training);
        Assert.Contains(("epochs", "3"), training);
        Assert.Contains(("learning_rate", "0.003"), training);
        Assert.Contains(("fixed_epsilon", "—"), training);
        Assert.Equal("mode", training[0].Key); // declaration order

        var sweep = ConfigurationLines.Of(TradeoffsPresets.Default.CreateState());
        Assert.Contains(sweep, l => l.Key == "knob" && l.Value == TradeoffsPresets.Default.CreateState().Knob);

        var pixels = ConfigurationLines.Of(new { Pixels = new float[784], Values = new[] { 0.5, 1 }, Empty = Array.Empty<int>(), Nested = new { Sigma = 0.25 } });
        Assert.Equal([("pixels", "784 values"), ("values", "0.5, 1"), ("empty", "none"), ("nested.sigma", "0.25")], pixels);
        Assert.Empty(ConfigurationLines.Of(null));
    }

    [Fact]
    public void The_re_run_verdict_says_all_match_or_how_it_differs_and_how_it_ended()
    {
        var equal = new RerunComparison(12, 12, [new MeasureComparison(0, "kappa = 0 · s", "clean_accuracy", 0.9, 0.9)]);
        Assert.Equal("All 12 points match exactly.", RerunVerdict.Of(new RerunOutcome(3, 4, JobStatus.Completed, [], [], equal)));
        var apart = new RerunComparison(12, 5, [new MeasureComparison(0, "kappa = 0 · s", "clean_accuracy", 0.25, 0.3)]);
        Assert.StartsWith("The re-run ended early (cancelled): 1 of 1 measurements differ",
            RerunVerdict.Of(new RerunOutcome(3, 4, JobStatus.Cancelled("Cancelled."), [], [], apart)));
        Assert.Equal("There is nothing to compare: the re-run did not start.", RerunVerdict.Of(new RerunOutcome(3, null, null, [], ["gone"], null)));

        Assert.Equal("+0.05", RerunVerdict.Difference(0.25, 0.3));
        Assert.Equal("-0.005", RerunVerdict.Difference(0.125, 0.12));
        Assert.Equal("—", RerunVerdict.Difference(0.9, null));
        Assert.Equal("0.30000001", RerunVerdict.Number(0.3f)); // a float32 value shown with the digits that tell it apart
        Assert.Equal("—", RerunVerdict.Number(null));
    }
}
