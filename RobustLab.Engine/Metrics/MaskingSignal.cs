namespace RobustLab.Engine.Metrics;

/// <summary>One sign of gradient masking from Athalye, Carlini &amp; Wagner's checklist (ICML 2018, "Obfuscated gradients give a false sense
/// of security", §3.1), with the numbers it was judged on.</summary>
/// <param name="Name">"black-box-beats-white-box", "transfer-beats-white-box", "full-range-not-broken", "iterative-no-stronger", "zero-gradients".</param>
/// <param name="Flagged">Whether the measurements show the sign.</param>
/// <param name="Evidence">The measurements behind the verdict (accuracies and fractions in [0,1], ε).</param>
/// <param name="Explanation">One sentence a reader can check against the evidence.</param>
public sealed record MaskingSignal(string Name, bool Flagged, IReadOnlyDictionary<string, double> Evidence, string Explanation);
