namespace RobustLab.Engine.Training;

/// <summary>Settings of one training run. With the same options, data and thread count a run is bit-for-bit reproducible.</summary>
/// <param name="Epochs">Passes over the training set.</param>
/// <param name="BatchSize">Mini-batch size.</param>
/// <param name="LearningRate">Initial learning rate η.</param>
/// <param name="Optimizer">"adam" or "sgd".</param>
/// <param name="Momentum">SGD momentum μ (ignored by Adam).</param>
/// <param name="WeightDecay">L2 weight decay λ added to the gradient.</param>
/// <param name="Seed">Seeds the shuffling (the model's own seed fixes its init and dropout masks).</param>
/// <param name="LrStepEpochs">Multiply η by <paramref name="LrGamma"/> every this many epochs (null: constant).</param>
/// <param name="LrGamma">Learning-rate decay factor for the steps.</param>
public sealed record TrainingOptions(
    int Epochs,
    int BatchSize = 128,
    float LearningRate = 1e-3f,
    string Optimizer = "adam",
    float Momentum = 0.9f,
    float WeightDecay = 0f,
    int Seed = 0,
    int? LrStepEpochs = null,
    float LrGamma = 0.1f)
{
    /// <summary>Throws <see cref="ArgumentException"/> with a clear message for out-of-range settings.</summary>
    public void Validate()
    {
        if (Epochs < 1 || Epochs > 10_000) throw new ArgumentException($"Epochs must be in 1..10000, got {Epochs}.");
        if (BatchSize < 1 || BatchSize > 65_536) throw new ArgumentException($"Batch size must be in 1..65536, got {BatchSize}.");
        if (!(LearningRate > 0) || !float.IsFinite(LearningRate)) throw new ArgumentException($"Learning rate must be > 0, got {LearningRate}.");
        if (Optimizer is not ("adam" or "sgd")) throw new ArgumentException($"Optimizer must be 'adam' or 'sgd', got '{Optimizer}'.");
        if (Momentum is < 0 or >= 1) throw new ArgumentException($"Momentum must be in [0,1), got {Momentum}.");
        if (WeightDecay < 0 || !float.IsFinite(WeightDecay)) throw new ArgumentException($"Weight decay must be ≥ 0, got {WeightDecay}.");
        if (LrStepEpochs is < 1) throw new ArgumentException($"Learning-rate step must be ≥ 1 epoch, got {LrStepEpochs}.");
        if (LrGamma is <= 0 or > 1) throw new ArgumentException($"Learning-rate gamma must be in (0,1], got {LrGamma}.");
    }
}
