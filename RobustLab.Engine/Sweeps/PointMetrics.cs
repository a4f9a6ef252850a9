using RobustLab.Engine.Attacks;
using RobustLab.Engine.Tensors;

namespace RobustLab.Engine.Sweeps;

/// <summary>The measurements of a point from its assembled <see cref="AttackResult"/>.</summary>
/// <remarks>
/// An example is "turned" when the attack had to act and did: untargeted — clean prediction right, adversarial wrong;
/// targeted — clean prediction not the target, adversarial the target (Borji Fig. 5). Success rate = turned / eligible;
/// fooling rate = #(adversarial ≠ clean prediction) / N; ρ_p = mean over turned examples of ‖xᵢ − x̃ᵢ‖_p / ‖xᵢ‖_p
/// (JumpReLU eq. 12); mean perturbation = mean ‖x̃ᵢ − xᵢ‖ over turned examples. Empty denominators give null.
/// </remarks>
internal static class PointMetrics
{
    public static (float? Clean, float? Adversarial, float? Success, float? Fooling, float? RhoL2, float? RhoLinf, float? MeanL2, float? MeanLinf)
        Summarize(AttackResult r, Tensor clean)
    {
        int n = r.Count, cleanRight = 0, adversarialRight = 0, eligible = 0, turned = 0, fooled = 0;
        double rho2 = 0, rhoInf = 0, mean2 = 0, meanInf = 0;
        var size2 = NormMath.Measure(clean, LpNorm.L2);
        var sizeInf = NormMath.Measure(clean, LpNorm.Linf);
        int rhoCount = 0;
        for (int i = 0; i < n; i++)
        {
            if (r.CleanPredictions[i] == r.Labels[i]) cleanRight++;
            if (r.AdversarialPredictions[i] == r.Labels[i]) adversarialRight++;
            if (r.AdversarialPredictions[i] != r.CleanPredictions[i]) fooled++;
            bool isEligible = r.Targets is { } t ? r.CleanPredictions[i] != t[i] : r.CleanPredictions[i] == r.Labels[i];
            if (!isEligible || !r.Success[i]) { eligible += isEligible ? 1 : 0; continue; }
            eligible++;
            turned++;
            mean2 += r.L2[i];
            meanInf += r.Linf[i];
            if (size2[i] > 0 && sizeInf[i] > 0) { rho2 += r.L2[i] / size2[i]; rhoInf += r.Linf[i] / sizeInf[i]; rhoCount++; }
        }
        float? Ratio(double a, int b) => b == 0 ? null : (float)(a / b);
        return (Ratio(cleanRight, n), Ratio(adversarialRight, n), Ratio(turned, eligible), Ratio(fooled, n),
            Ratio(rho2, rhoCount), Ratio(rhoInf, rhoCount), Ratio(mean2, turned), Ratio(meanInf, turned));
    }
}
