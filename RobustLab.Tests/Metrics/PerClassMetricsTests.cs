using RobustLab.Engine.Metrics;

namespace RobustLab.Tests.Metrics;

/// <summary>Per-class breakdowns by true class and by target class (Borji Fig. 6), counted by hand.</summary>
public sealed class PerClassMetricsTests
{
    [Fact]
    public void By_true_class()
    {
        // Class 1: two examples, both clean-correct; one turned (→7), one resisted. Class 4: one example, already wrong.
        var r = HandMade.Result(labels: [1, 1, 4, 2], clean: [1, 1, 9, 2], adversarial: [7, 1, 9, 2]);
        var rows = PerClassMetrics.ByTrueClass(r, classes: 10);
        Assert.Equal(10, rows.Count);
        Assert.Equal(new ClassBreakdown(1, 2, 1f, 0.5f, 0.5f), rows[1]);
        Assert.Equal(new ClassBreakdown(2, 1, 1f, 1f, 0f), rows[2]);
        Assert.Equal(new ClassBreakdown(4, 1, 0f, 0f, null), rows[4]); // nothing to turn
        Assert.Equal(new ClassBreakdown(5, 0, null, null, null), rows[5]);
    }

    [Fact]
    public void By_target_class_counts_only_examples_not_already_predicted_as_the_target()
    {
        // Aimed at 5: examples 0 (reached), 1 (missed), 4 (already predicted 5: excluded). Aimed at 7: example 3 (reached).
        var r = HandMade.Result(labels: [0, 1, 4, 3, 5], clean: [0, 1, 4, 3, 5], adversarial: [5, 1, 4, 7, 5], targets: [5, 5, 2, 7, 5]);
        var rows = PerClassMetrics.ByTargetClass(r, classes: 8);
        Assert.Equal(new TargetBreakdown(5, 2, 1, 0.5f), rows[5]);
        Assert.Equal(new TargetBreakdown(7, 1, 1, 1f), rows[7]);
        Assert.Equal(new TargetBreakdown(2, 1, 0, 0f), rows[2]);
        Assert.Equal(new TargetBreakdown(0, 0, 0, null), rows[0]);
        Assert.Throws<ArgumentException>(() => PerClassMetrics.ByTargetClass(HandMade.Result([0], [0], [1]), 2));
    }
}
