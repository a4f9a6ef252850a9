using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Tensors;

namespace RobustLab.Engine.Attacks;

/// <summary>Iterative least-likely class method, "iter. l.l." (Kurakin et al. 2017, §2.2): step l.l. repeated with small steps.</summary>
/// <remarks>
/// X₀ = X, X_{N+1} = Clip_{X,ε}(X_N − α·sign(∇ₓJ(X_N, y_LL))), y_LL = argmin_y p(y | X) fixed on the clean image.
/// α and the number of iterations as for <see cref="Bim"/> ("selected in the same way", §2.2). Uses no label.
/// </remarks>
public sealed class IterLeastLikely : Attack
{
    public ThreatModel Threat { get; }
    public int Steps { get; }
    public float StepSize { get; }

    /// <param name="steps">Iterations (null: Kurakin's default, see <see cref="Bim"/>).</param>
    /// <param name="stepSize">α (null: the default of <see cref="Bim"/>).</param>
    public IterLeastLikely(ThreatModel threat, int? steps = null, float? stepSize = null)
    {
        Threat = threat.Validate();
        (Steps, StepSize) = Bim.Schedule(Threat, steps, stepSize);
    }

    public override string Name => "iter-ll";

    protected override Tensor Perturb(IClassifier model, Tensor x, int[] labels, AttackContext context)
    {
        var leastLikely = Losses.LeastLikely(model.Logits(x));
        return Bim.Iterate(model, x, Losses.TowardsTarget(leastLikely), Threat, Steps, StepSize, context);
    }
}
