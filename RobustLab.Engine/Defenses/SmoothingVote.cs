namespace RobustLab.Engine.Defenses;

/// <summary>The voting function v of a smoothed classifier (Nemcovsky et al. §3, eq. 8): how the n noisy predictions are combined.</summary>
public enum SmoothingVote
{
    /// <summary>Prediction smoothing (eq. 9–10): each sample votes for its arg-max class; the most frequent class wins.</summary>
    Majority,

    /// <summary>Soft prediction smoothing (eq. 13): the mean of the samples' softmax probabilities.</summary>
    Soft,

    /// <summary>Weighted smoothing (eq. 11): each sample gives class c the weight 2^(1 − r), r = c's rank in that sample (1 = most probable).</summary>
    Weighted,
}
