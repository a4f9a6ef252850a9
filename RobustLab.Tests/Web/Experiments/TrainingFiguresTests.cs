using RobustLab.Web.Components.Plots;
using RobustLab.Web.Components.Training;
using RobustLab.Web.Services.Training;

namespace RobustLab.Tests.Web.Experiments;

// A stored training run drawn whole: the same three curves as the live Train page, with every stored point.
public sealed class TrainingFiguresTests
{
    [Fact]
    public void A_stored_run_draws_loss_training_and_test_accuracy_on_two_axes()
    {
        TrainingPoint[] points = [new(0.5, 2.1, 0.3), new(1, 1.2, 0.6), new(1.5, 0.8, 0.8), new(2, 0.5, 0.9)];
        EpochPoint[] epochs = [new(1, 1.2, 0.6, 0.7), new(2, 0.5, 0.9, null)];
        var traces = TrainingFigures.Curves(points, epochs).Traces.Cast<ScatterTrace>().ToArray();
        Assert.Equal(["training loss", "training accuracy", "test accuracy (end of epoch)"], traces.Select(t => t.Name));
        Assert.Equal([0.5, 1, 1.5, 2], traces[0].X);
        Assert.Equal([2.1, 1.2, 0.8, 0.5], traces[0].Y);
        Assert.Equal([0.3, 0.6, 0.8, 0.9], traces[1].Y);
        Assert.Equal([null, "y2", "y2"], traces.Select(t => t.YAxis));
        Assert.Equal([1.0], traces[2].X); // only epochs with a measured test accuracy
        Assert.Equal([0.7], traces[2].Y);

        var empty = TrainingFigures.Empty();
        Assert.Equal(3, empty.Traces.Count);
        Assert.All(empty.Traces.Cast<ScatterTrace>(), t => Assert.Empty(t.X));
    }
}
