using System.Globalization;
using RobustLab.Engine.Attacks;
using RobustLab.Engine.Catalog;
using RobustLab.Web.Services.Lab;
using RobustLab.Web.Services.Tradeoffs;
using RobustLab.Web.Services.Training;

namespace RobustLab.Web.Services.Experiments;

/// <summary>The searchable columns of an experiment, derived from its configuration (so an import cannot make them disagree).</summary>
internal sealed record ExperimentFacts(IReadOnlyList<string> Models, string Attack, string Defense, string Knob, int? Seed, int? Examples, string Description)
{
    public static ExperimentFacts Of(TradeoffsState s, string? description = null)
    {
        string attack = !s.HasAttack ? "" : $"{s.Attack} {Norm(s.Norm)}";
        if (s.SeriesBy == TradeoffsState.SeriesByAttack && s.SeriesValuesText.Trim().Length > 0) attack = $"{attack}; series: {s.SeriesValuesText.Trim()}";
        var defenses = new List<string>();
        if (s.ActivationFromKnob) defenses.Add($"activation swept ({(s.SweptKnob.Group == "activation" ? s.Knob : s.SeriesBy)})");
        else if (s.Activation != TradeoffsState.Relu) defenses.Add(s.ActivationSpec);
        if (s.UsesSmoothing) defenses.Add($"smoothing σ={F(s.Sigma)} n={s.SmoothingSamples} {s.Vote.ToString().ToLowerInvariant()}");
        if (s.UsesInputScale) defenses.Add($"input scale {F(s.InputScale)}{(s.InputClip ? " clipped" : "")}");
        string defense = string.Join(" + ", defenses);
        description ??= $"{s.Model} · {s.Knob} sweep · {(s.HasAttack ? attack : "clean")} · {s.Examples} test images";
        return new ExperimentFacts(s.ModelNames(), attack, defense, s.Knob, s.Seed, s.Examples, description);
    }

    public static ExperimentFacts Of(TrainingRequest r)
    {
        string attack = r.Mode == TrainingMode.Adversarial ? r.Method : "";
        string defense = r.Mode switch
        {
            TrainingMode.Adversarial => "adversarial training",
            TrainingMode.NoiseInjection => $"noise injection σ={F(r.NoiseSigma)}",
            _ => "plain training",
        };
        string from = r.StartFrom is null ? r.Architecture : $"{r.StartFrom} (fine-tuned)";
        string description = $"train {from} · {defense} · {r.Epochs} epoch{(r.Epochs == 1 ? "" : "s")} · {r.TrainExamples} {r.Dataset} examples · seed {r.Seed}";
        return new ExperimentFacts(r.StartFrom is null ? [] : [r.StartFrom], attack, defense, "", r.Seed, r.TrainExamples, description);
    }

    public static ExperimentFacts Of(LabSnapshotSettings s)
    {
        string attack = $"{s.Attack} {Norm(s.Norm)}";
        var defenses = new List<string>();
        if (DefenseCatalog.Activation(s.Activation) is { Parameter: not null } activation)
            defenses.Add(activation.Spec(s.Activation switch { "jumprelu" => s.Kappa, "rjumprelu" => s.B, _ => s.Alpha }) + (s.Bpda ? " (BPDA)" : ""));
        if (s.Smoothing) defenses.Add($"smoothing σ={F(s.Sigma)} n={s.Samples} {s.Vote.ToString().ToLowerInvariant()}");
        if (s.InputScaling) defenses.Add($"input scale {F(s.Scale)}{(s.ScaleClip ? " clipped" : "")}");
        string defense = string.Join(" + ", defenses);
        string description = $"Lab · {s.Model} · {attack}{(defense.Length > 0 ? " vs " + defense : "")} · {s.ImageDescription}";
        return new ExperimentFacts([s.Model], attack, defense, "", s.Seed, 1, description);
    }

    private static string Norm(LpNorm norm) => norm == LpNorm.L2 ? "L2" : "L∞";

    private static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
