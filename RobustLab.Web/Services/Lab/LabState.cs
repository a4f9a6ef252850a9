using System.Globalization;
using RobustLab.Engine.Attacks;
using RobustLab.Engine.Defenses;
using RobustLab.Engine.Layers.Activations;

namespace RobustLab.Web.Services.Lab;

/// <summary>The Lab page's settings for one circuit: every control's value, validated and clamped on the server.</summary>
/// <remarks>
/// Setters never throw on bad input from the browser: numbers are clamped by their <see cref="NumberKnob"/>,
/// unknown names and enum values are ignored, and cross-field rules hold after every change (ε and α follow the
/// norm's range, R-FGSM's α ≤ ε). The page shows these values back, so the value shown is the value used.
/// Scoped: one instance per circuit, touched only on the circuit's synchronization context.
/// </remarks>
public sealed class LabState
{
    public const int Classes = 10;
    public const string DefaultAttack = "pgd";

    private string _model = "lenet-like";
    private ActivationChoice _activation = ActivationChoice.ReLU;
    private double _kappa = 1.0, _b = 1.0, _alpha = 10, _sigma = 0.25, _scale = 2;
    private int _samples = 32;
    private SmoothingVote _vote = SmoothingVote.Majority;
    private string _attack = DefaultAttack;
    private LpNorm _norm = LpNorm.Linf, _epsilonNorm = LpNorm.Linf;
    private double _epsilon = DefaultEpsilon(LpNorm.Linf), _stepSize = DefaultStepSize(LpNorm.Linf);
    private int _steps = 40, _eotSamples = 8, _targetClass, _seed;
    private TargetMode _targetMode = TargetMode.LeastLikely;
    private long _version;

    /// <summary>The image under attack (null until one is picked).</summary>
    public LabImage? Image { get; private set; }

    /// <summary>Counts changes; every request carries the count at its making.</summary>
    public long Version => _version;

    public void SetImage(LabImage image)
    {
        Image = image ?? throw new ArgumentNullException(nameof(image));
        _version++;
    }

    /// <summary>No image: nothing to attack until one is picked (a cleared drawing with no MNIST test set to go back to).</summary>
    public void ClearImage()
    {
        Image = null;
        _version++;
    }

    // ---- model -------------------------------------------------------------------------------------------

    public string Model => _model;

    /// <summary>Selects a model by name if it is one of <paramref name="available"/>; returns whether it did.</summary>
    public bool SetModel(string? name, IEnumerable<string> available)
    {
        if (name is null || !available.Contains(name)) return false;
        _model = name;
        _version++;
        return true;
    }

    // ---- defense -----------------------------------------------------------------------------------------

    public ActivationChoice Activation { get => _activation; set => Set(ref _activation, Enum.IsDefined(value) ? value : _activation); }
    public double Kappa { get => _kappa; set => Set(ref _kappa, LabKnobs.Kappa.Clamp(value, _kappa)); }
    public double B { get => _b; set => Set(ref _b, LabKnobs.B.Clamp(value, _b)); }
    public double Alpha { get => _alpha; set => Set(ref _alpha, LabKnobs.Alpha.Clamp(value, _alpha)); }

    /// <summary>Backward passes through ReLU instead of the retrofitted activation; applies only when one is retrofitted.</summary>
    public bool Bpda { get; set { field = value; _version++; } }

    public bool BpdaApplies => _activation != ActivationChoice.ReLU;

    public bool Smoothing { get; set { field = value; _version++; } }
    public double Sigma { get => _sigma; set => Set(ref _sigma, LabKnobs.Sigma.Clamp(value, _sigma)); }
    public int Samples { get => _samples; set => Set(ref _samples, (int)LabKnobs.Samples.Clamp(value, _samples)); }
    public SmoothingVote Vote { get => _vote; set => Set(ref _vote, Enum.IsDefined(value) ? value : _vote); }

    public bool InputScaling { get; set { field = value; _version++; } }
    public double Scale { get => _scale; set => Set(ref _scale, LabKnobs.Scale.Clamp(value, _scale)); }

    /// <summary>Clip the scaled input to [0,1] (Borji Fig. 7, left) or not (right).</summary>
    public bool ScaleClip { get; set { field = value; _version++; } } = true;

    public bool DefenseOn => _activation != ActivationChoice.ReLU || Smoothing || InputScaling;

    /// <summary>The activation spec of <see cref="ActivationCatalog"/>: "relu", "jumprelu:κ", "rjumprelu:b", "srelu:α".</summary>
    public string ActivationSpec => _activation switch
    {
        ActivationChoice.JumpReLU => "jumprelu:" + Number(_kappa),
        ActivationChoice.RandomizedJumpReLU => "rjumprelu:" + Number(_b),
        ActivationChoice.SlopedReLU => "srelu:" + Number(_alpha),
        _ => "relu",
    };

    public Activation BuildActivation() => ActivationCatalog.Parse(ActivationSpec, _seed);

    public SmoothingSpec? BuildSmoothing() => Smoothing ? new SmoothingSpec((float)_sigma, _samples, _vote) : null;

    public InputScalingSpec? BuildInputScaling() => InputScaling ? new InputScalingSpec((float)_scale, ScaleClip) : null;

    // ---- attack ------------------------------------------------------------------------------------------

    /// <summary>A name from <see cref="AttackCatalog.Names"/>; anything else is ignored.</summary>
    public string Attack { get => _attack; set => Set(ref _attack, value is not null && AttackCatalog.Names.Contains(value) ? value : _attack); }

    public AttackControls Controls => AttackControls.For(_attack);

    /// <summary>The chosen norm (the attack may fix its own: see <see cref="EffectiveNorm"/>).</summary>
    public LpNorm Norm { get => _norm; set => Set(ref _norm, Enum.IsDefined(value) ? value : _norm); }

    public LpNorm EffectiveNorm => Controls.Norm(_norm);

    public NumberKnob EpsilonKnob => LabKnobs.Epsilon(EffectiveNorm);
    public NumberKnob StepSizeKnob => LabKnobs.StepSize(EffectiveNorm);

    public double Epsilon { get => _epsilon; set => Set(ref _epsilon, EpsilonKnob.Clamp(value, _epsilon)); }

    /// <summary>Minimal-perturbation attacks: no budget (ε = +∞), so the attack returns the smallest perturbation it finds.</summary>
    public bool Unbounded { get; set { field = value; _version++; } }

    /// <summary>The budget goes unused: the attack is unbounded.</summary>
    public bool EpsilonUnused => Unbounded && Controls.MinimalPerturbation;
    public int Steps { get => _steps; set => Set(ref _steps, (int)LabKnobs.Steps.Clamp(value, _steps)); }

    /// <summary>Use the attack's own step size (PGD: ε/4; BIM: Kurakin's schedule; R-FGSM: ε/2).</summary>
    public bool AutoStepSize { get; set { field = value; _version++; } } = true;

    public double StepSize { get => _stepSize; set => Set(ref _stepSize, StepSizeKnob.Clamp(value, _stepSize)); }
    public bool RandomStart { get; set { field = value; _version++; } } = true;
    public int EotSamples { get => _eotSamples; set => Set(ref _eotSamples, (int)LabKnobs.EotSamples.Clamp(value, _eotSamples)); }
    public TargetMode TargetMode { get => _targetMode; set => Set(ref _targetMode, Enum.IsDefined(value) ? value : _targetMode); }
    public int TargetClass { get => _targetClass; set => Set(ref _targetClass, Math.Clamp(value, 0, Classes - 1)); }
    public int Seed { get => _seed; set => Set(ref _seed, (int)LabKnobs.Seed.Clamp(value, _seed)); }

    /// <summary>Show the attack against the undefended and the defended model side by side.</summary>
    public bool Compare { get; set { field = value; _version++; } }

    /// <summary>The attack's settings as the catalog takes them; controls the attack does not read are left at their defaults.</summary>
    public AttackSettings BuildAttackSettings()
    {
        var c = Controls;
        return new AttackSettings(
            Norm: EffectiveNorm,
            Epsilon: EpsilonUnused ? float.PositiveInfinity : (float)_epsilon,
            Steps: c.Steps ? _steps : null,
            StepSize: c.StepSize && !AutoStepSize ? (float)_stepSize : null,
            RandomStart: c.RandomStart && RandomStart,
            Samples: c.EotSamples ? _eotSamples : new AttackSettings().Samples);
    }

    /// <summary>The step size α the attack will use, its defaults filled in by the attack itself; null when it takes none.</summary>
    public float? EffectiveStepSize()
    {
        try
        {
            return AttackDescription.StepSize(AttackCatalog.Create(_attack, BuildAttackSettings()));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The seed matters: the attack draws random numbers, or a randomized defense does.</summary>
    public bool SeedApplies => Controls.Seeded || _activation == ActivationChoice.RandomizedJumpReLU || Smoothing;

    /// <summary>A frozen copy for the computation, or null while there is no image.</summary>
    public LabRequest? ToRequest() => Image is null ? null : new LabRequest(
        _version, Image, _model, ActivationSpec, Bpda && BpdaApplies, BuildSmoothing(), BuildInputScaling(),
        _attack, BuildAttackSettings(), BuildTarget(), _seed, Compare && DefenseOn);

    /// <summary>The engine's target rule for <see cref="TargetMode"/>.</summary>
    public TargetChoice BuildTarget() => _targetMode switch
    {
        TargetMode.LeastLikely => TargetChoice.LeastLikely,
        TargetMode.Random => TargetChoice.Random,
        _ => TargetChoice.Fixed(_targetClass),
    };

    public static double DefaultEpsilon(LpNorm norm) => norm == LpNorm.L2 ? 2.0 : 0.3;
    public static double DefaultStepSize(LpNorm norm) => norm == LpNorm.L2 ? 0.1 : 0.01;

    private void Set<T>(ref T field, T value)
    {
        field = value;
        Normalize();
        _version++;
    }

    // Cross-field rules, re-established after every change.
    private void Normalize()
    {
        var norm = EffectiveNorm;
        if (norm != _epsilonNorm)
        {
            // ε and α mean different things in another norm: start from that norm's defaults.
            (_epsilon, _stepSize, _epsilonNorm) = (DefaultEpsilon(norm), DefaultStepSize(norm), norm);
        }
        if (Controls.StepSizeAtMostEpsilon && _stepSize > _epsilon) _stepSize = Math.Max(_epsilon, 0);
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
