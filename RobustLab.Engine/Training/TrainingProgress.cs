namespace RobustLab.Engine.Training;

/// <summary>Reported after every mini-batch: where the run is and the running loss/accuracy of the current epoch.</summary>
public sealed record TrainingProgress(
    int Epoch, int Epochs, int Batch, int Batches, float Loss, float Accuracy, float LearningRate, TimeSpan Elapsed)
{
    /// <summary>Fraction of the whole run completed, in [0,1].</summary>
    public double Fraction => (Epoch - 1 + (double)Batch / Batches) / Epochs;
}

/// <summary>Summary of one finished epoch (test accuracy when a test set was given).</summary>
public sealed record EpochResult(int Epoch, float Loss, float TrainAccuracy, float? TestAccuracy, float LearningRate, TimeSpan Elapsed);
