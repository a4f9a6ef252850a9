using RobustLab.Engine.Data;
using RobustLab.Engine.Layers;
using RobustLab.Engine.Models;
using RobustLab.Engine.Tensors;
using RobustLab.Web.Services;

namespace RobustLab.Tests.Web;

// The evaluator on a network whose answer is known: logits = pixels, so the prediction is the brightest pixel.
public sealed class AccuracyEvaluatorTests
{
    private const int K = 3;

    // 600 examples (three batches of 256, the last partial); the brightest pixel of example n is n mod 3,
    // and every fifth example (n mod 5 = 0) is labelled wrongly, so 480 of 600 are right.
    private static Dataset Data(int count = 600)
    {
        var images = new Tensor(count, 1, 1, K);
        var labels = new int[count];
        for (int n = 0; n < count; n++)
        {
            int bright = n % K;
            for (int k = 0; k < K; k++) images[n * K + k] = k == bright ? 0.9f : 0.1f * k;
            labels[n] = n % 5 == 0 ? (bright + 1) % K : bright;
        }
        return new Dataset("toy", images, labels, K);
    }

    private static Network Identity()
    {
        var fc = new Linear("fc", K, K);
        fc.Weight.Value.Span.Clear();
        fc.Bias.Value.Span.Clear();
        for (int k = 0; k < K; k++) fc.Weight.Value[k * K + k] = 1;
        return new Network("identity", [1, 1, K], [new Flatten("flatten"), fc]);
    }

    [Fact]
    public void Counts_examples_whose_argmax_matches_the_label()
    {
        var result = AccuracyEvaluator.Evaluate(Identity(), Data());
        Assert.Equal(new AccuracyResult(480, 600), result);
        Assert.Equal(0.8, result.Accuracy, 12);
    }

    [Theory]
    [InlineData(10, 8)]     // wrong at n = 0 and n = 5
    [InlineData(256, 204)]  // exactly one batch: n mod 5 = 0 for 52 of 0..255
    [InlineData(257, 205)]  // one example into the second batch (n = 256 is right)
    [InlineData(0, 0)]
    [InlineData(10_000, 480)] // more than there is: clipped to 600
    public void Evaluates_only_the_first_limit_examples(int limit, int correct)
    {
        var result = AccuracyEvaluator.Evaluate(Identity(), Data(), limit);
        Assert.Equal(new AccuracyResult(correct, Math.Min(limit, 600)), result);
    }

    [Fact]
    public void Reports_progress_after_every_batch()
    {
        var reports = new List<EvaluationProgress>();
        var result = AccuracyEvaluator.Evaluate(Identity(), Data(), progress: new ListProgress(reports));
        Assert.Equal([256, 512, 600], reports.Select(r => r.Evaluated));
        Assert.All(reports, r => Assert.Equal(600, r.Total));
        Assert.Equal(result.Correct, reports[^1].Correct);
        Assert.Equal(1.0, reports[^1].Fraction);
    }

    [Fact]
    public void Ties_go_to_the_lowest_class()
    {
        var data = new Dataset("flat", new Tensor(2, 1, 1, K), [0, 1], K); // all-zero images: every logit ties
        Assert.Equal(new AccuracyResult(1, 2), AccuracyEvaluator.Evaluate(Identity(), data));
    }

    [Fact]
    public void Honours_cancellation()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.Throws<OperationCanceledException>(() => AccuracyEvaluator.Evaluate(Identity(), Data(), cancellationToken: cts.Token));
    }

    [Fact]
    public void Rejects_a_negative_limit() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => AccuracyEvaluator.Evaluate(Identity(), Data(), -1));

    private sealed class ListProgress(List<EvaluationProgress> reports) : IProgress<EvaluationProgress>
    {
        public void Report(EvaluationProgress value) => reports.Add(value);
    }
}
