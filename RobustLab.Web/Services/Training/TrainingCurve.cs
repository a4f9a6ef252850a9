namespace RobustLab.Web.Services.Training;

/// <summary>A point of the live training curves: at <paramref name="Epoch"/> (fractional: 1.5 = half way through epoch 2), the mean training loss and accuracy over the batches since the previous point.</summary>
public sealed record TrainingPoint(double Epoch, double Loss, double Accuracy);

/// <summary>Test accuracy measured at the end of epoch <paramref name="Epoch"/>.</summary>
public sealed record EpochPoint(int Epoch, double Loss, double TrainAccuracy, double? TestAccuracy);
