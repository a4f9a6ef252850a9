namespace RobustLab.Engine.Metrics;

/// <summary>Flags the signs of gradient masking (Athalye, Carlini &amp; Wagner, ICML 2018, §3.1; Carlini et al. 2019, "On evaluating
/// adversarial robustness", §5.2) from measurements the lab makes — each with its evidence.</summary>
/// <remarks>
/// The checks, each a comparison a reader can redo from the evidence:
/// 1. a black-box attack (or 2. a transfer attack) leaves lower accuracy than the best white-box attack — the gradient misleads;
/// 3. with the whole pixel range as budget (L∞ ε = 1, any image reachable) an iterative attack leaves accuracy well above 0;
/// 4. the iterative attack is no stronger than the one-step attack while both leave the model accurate;
/// 5. a sizeable fraction of examples have an input gradient that is exactly zero (a saturated softmax, a flat activation).
/// Thresholds are a few points on purpose: a flag means "look closer", not a proof, and plain networks sit far from them.
/// </remarks>
public static class GradientMasking
{
    /// <summary>Accuracy gap (fraction) by which a black-box or transfer attack must beat white-box to be flagged.</summary>
    public const float BeatMargin = 0.03f;

    /// <summary>Accuracy above which the full-range attack counts as "not reaching ~0".</summary>
    public const float FullRangeBar = 0.05f;

    /// <summary>Fraction of exactly-zero input gradients that is flagged.</summary>
    public const float ZeroGradientBar = 0.05f;

    public static IReadOnlyList<MaskingSignal> Signals(MaskingMeasurements m)
    {
        var signals = new List<MaskingSignal>();
        if (m.BlackBox is { } bb)
            signals.Add(new("black-box-beats-white-box", bb < m.WhiteBox - BeatMargin,
                new Dictionary<string, double> { ["white_box_accuracy"] = m.WhiteBox, ["black_box_accuracy"] = bb, ["eps"] = m.Epsilon },
                $"a gradient-free attack leaves {bb:P1}, the best gradient attack {m.WhiteBox:P1}: lower means the gradient misleads."));
        if (m.Transfer is { } tr)
            signals.Add(new("transfer-beats-white-box", tr < m.WhiteBox - BeatMargin,
                new Dictionary<string, double> { ["white_box_accuracy"] = m.WhiteBox, ["transfer_accuracy"] = tr, ["eps"] = m.Epsilon },
                $"examples crafted on another model leave {tr:P1}, the model's own gradient {m.WhiteBox:P1}."));
        if (m.FullRange is { } full)
            signals.Add(new("full-range-not-broken", full > FullRangeBar,
                new Dictionary<string, double> { ["full_range_accuracy"] = full, ["eps"] = 1.0 },
                $"with every pixel free (L∞ ε = 1) the iterative attack still leaves {full:P1}; an honest gradient reaches ~0."));
        // NOTE: only where one step hurts at all (OneStep below clean): at a tiny ε both attacks rightly leave the clean accuracy
        signals.Add(new("iterative-no-stronger", m.Iterative > 0.1f && m.Iterative >= m.OneStep - 0.01f && m.OneStep < m.Clean - 0.01f,
            new Dictionary<string, double> { ["one_step_accuracy"] = m.OneStep, ["iterative_accuracy"] = m.Iterative, ["clean_accuracy"] = m.Clean, ["eps"] = m.Epsilon },
            $"PGD leaves {m.Iterative:P1}, one FGSM step {m.OneStep:P1}: many steps should do better than one."));
        if (m.ZeroGradientFraction is { } zero)
            signals.Add(new("zero-gradients", zero >= ZeroGradientBar,
                new Dictionary<string, double> { ["zero_gradient_fraction"] = zero },
                $"{zero:P1} of the examples have an input gradient that is exactly zero: a gradient attack cannot move them."));
        return signals;
    }

    /// <summary>"gradient masking likely (…)" naming the flagged signs, or "no sign of gradient masking".</summary>
    public static string Verdict(IReadOnlyList<MaskingSignal> signals)
    {
        var flagged = signals.Where(s => s.Flagged).Select(s => s.Name).ToArray();
        return flagged.Length == 0 ? "no sign of gradient masking" : $"gradient masking likely: {string.Join(", ", flagged)}";
    }
}
