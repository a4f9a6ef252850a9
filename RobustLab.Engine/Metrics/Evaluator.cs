using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Data;
using RobustLab.Engine.Models;
using RobustLab.Engine.Tensors;
using RobustLab.Engine.Training;

namespace RobustLab.Engine.Metrics;

/// <summary>Clean predictions and accuracy of a network over a data set, in batches (eval mode: no dropout).</summary>
public static class Evaluator
{
    /// <summary>Predicted class (arg-max logit) for every example of <paramref name="images"/> [N,C,H,W].</summary>
    public static int[] Predict(Network network, Tensor images, int batchSize = 256, CancellationToken cancellationToken = default)
    {
        var predictions = new int[images.N];
        Tensor? batch = null;
        for (int start = 0; start < images.N; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = Math.Min(batchSize, images.N - start);
            batch = images.Slice(start, count, batch);
            var logits = network.Forward(batch);
            SoftmaxCrossEntropy.Argmax(logits).CopyTo(predictions, start);
        }
        return predictions;
    }

    /// <summary>Predicted class of any classifier (an engine network behind a defense, a libtorch model) for every example of
    /// <paramref name="images"/> [N,C,H,W], in batches.</summary>
    public static int[] Predict(IClassifier model, Tensor images, int batchSize = 256, CancellationToken cancellationToken = default)
    {
        var predictions = new int[images.N];
        for (int start = 0; start < images.N; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int count = Math.Min(batchSize, images.N - start);
            SoftmaxCrossEntropy.Argmax(model.Logits(images.Slice(start, count))).CopyTo(predictions, start);
        }
        return predictions;
    }

    /// <summary>Fraction of examples whose prediction equals the label.</summary>
    public static float Accuracy(Network network, Dataset data, int batchSize = 256, CancellationToken cancellationToken = default)
    {
        if (data.Count == 0) return float.NaN;
        var predictions = Predict(network, data.Images, batchSize, cancellationToken);
        int correct = 0;
        for (int i = 0; i < predictions.Length; i++) if (predictions[i] == data.Labels[i]) correct++;
        return (float)correct / data.Count;
    }

    /// <summary>Number of rows of logits [N,K] whose arg-max equals the label.</summary>
    public static int CountCorrect(Tensor logits, ReadOnlySpan<int> labels)
    {
        var predicted = SoftmaxCrossEntropy.Argmax(logits);
        int correct = 0;
        for (int i = 0; i < labels.Length; i++) if (predicted[i] == labels[i]) correct++;
        return correct;
    }
}
