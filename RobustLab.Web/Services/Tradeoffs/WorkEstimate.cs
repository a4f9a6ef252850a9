using RobustLab.Engine.Catalog;
using RobustLab.Engine.Attacks;
using RobustLab.Engine.Sweeps;

namespace RobustLab.Web.Services.Tradeoffs;

/// <summary>A rough cost of a sweep in example-gradients, to keep one user's run from holding the shared queue for hours.</summary>
/// <remarks>
/// Per point: examples × gradient steps of the attack × the samples each gradient averages (smoothing n, EPGD m). A point
/// without an attack counts one forward pass per example (and per smoothing sample). Iterations read every t off one run, so
/// that sweep costs its largest t once; a transfer matrix crafts once per row and then only measures. An estimate, not a bound.
/// </remarks>
public static class WorkEstimate
{
    /// <summary>Candidate classes a minimal-perturbation attack linearises at each step (DeepFool, trust region: all ten).</summary>
    private const int Candidates = 10;

    public static double Of(SweepRequest request)
    {
        var knob = request.Knob is null ? null : SweepKnobs.Get(request.Knob);
        var setup = request.Setup;
        if (knob is null) return Point(setup);
        if (knob == SweepKnobs.Iterations) return Point(knob.Apply(setup, request.Values.Max()));
        if (request.SourceValues is { } sources)
            return sources.Sum(s => Point(setup with { Model = knob.ApplyToModel(setup.Attacker, s) })) + request.PointCount * (double)setup.Data.Count;
        return request.Values.Sum(v => Point(knob.Apply(setup, v)));
    }

    private static double Point(SweepSetup setup)
    {
        double samples = setup.Attacker.Smoothing?.Samples ?? 1;
        var attack = setup.CreateAttack();
        double steps = attack switch
        {
            null => 1,
            Pgd a => a.Steps,
            Bim a => a.Steps,
            IterLeastLikely a => a.Steps,
            Epgd a => a.Steps * a.Samples,
            BpdaPgd a => a.Steps,
            DeepFool a => a.MaxIterations * Candidates,
            CarliniWagner a => a.Steps * a.BinarySearchSteps,
            TrustRegion a => a.MaxIterations * Candidates,
            Apgd a => a.Steps * a.Restarts,
            ApgdTargeted a => a.Steps * a.TargetClasses * a.Restarts,
            FabTargeted a => 2 * a.Steps * a.TargetClasses, // a gradient and a forward pass per step
            Square a => a.Queries,
            NAttack a => a.Iterations * (a.Population + 1.0),
            AutoAttack a => a.Components.Sum(c => c switch
            {
                Apgd p => p.Steps, ApgdTargeted t => t.Steps * t.TargetClasses, FabTargeted f => 2 * f.Steps * f.TargetClasses, Square q => q.Queries, _ => 1,
            }), // an upper bound: every component after the first sees only the examples still robust
            _ => 1,
        };
        return setup.Data.Count * steps * samples;
    }
}
