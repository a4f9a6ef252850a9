using RobustLab.Engine.Sweeps;
using System.Globalization;
using RobustLab.Engine.Attacks;
using RobustLab.Engine.Catalog;
using RobustLab.Engine.Defenses;
using RobustLab.Engine.Layers.Activations;

namespace RobustLab.Web.Services.Lab;

/// <summary>The Lab page's settings for one circuit: every control's value, validated and clamped on the server.</summary>
/// <remarks>
/// Every control is a knob of the engine's catalog (<see cref="AttackCatalog"/>, <see cref="DefenseCatalog"/>): its range,
/// default and help come from there, so the Lab, Trade-offs, links and the CLI agree. Setters never throw on bad input from
/// the browser: numbers are clamped by their <see cref="Knob"/>, unknown names are ignored, and cross-field rules hold after
/// every change (ε and α follow the norm's range, R-FGSM's α ≤ ε; a new attack starts from its own defaults). The page shows
/// these values back, so the value shown is the value used. Scoped: one instance per circuit, touched only on the circuit's
/// synchronization context.
/// </remarks>
public sealed class LabState
{
    public const int Classes = 10;
    public const string DefaultAttack = "pgd";

    private string _model = "lenet-like";
    private string _activation = "relu";
    private double _kappa = DefenseCatalog.Kappa.Default, _b = DefenseCatalog.B.Default, _alpha = DefenseCatalog.Alpha.Default;
    private double _sigma = DefenseCatalog.Sigma.Default, _scale = DefenseCatalog.Scale.Default;
    private int _samples = (int)DefenseCatalog.Samples.Default;
    private SmoothingVote _vote = SmoothingVote.Majority;
    private string _attack = DefaultAttack;
    private LpNorm _norm = LpNorm.Linf, _epsilonNorm = LpNorm.Linf;
    private double _epsilon = AttackKnobs.EpsilonLinf.Default;
    private readonly Dictionary<AttackSetting, double> _knobs = [];
    private readonly HashSet<AttackSetting> _auto = [];
    private int _targetClass, _seed;
    private TargetMode _targetMode = TargetMode.LeastLikely;
    private long _version;

    public LabState() => ResetAttackKnobs();

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

    /// <summary>The retrofitted activation's spec name (<see cref="DefenseCatalog.Activations"/>); unknown names are ignored.</summary>
    public string Activation { get => _activation; set => Set(ref _activation, DefenseCatalog.Activation(value) is not null ? value : _activation); }

    public ActivationEntry ActivationEntry => DefenseCatalog.Activation(_activation)!;

    public double Kappa { get => _kappa; set => Set(ref _kappa, DefenseCatalog.Kappa.Clamp(value, _kappa)); }
    public double B { get => _b; set => Set(ref _b, DefenseCatalog.B.Clamp(value, _b)); }
    public double Alpha { get => _alpha; set => Set(ref _alpha, DefenseCatalog.Alpha.Clamp(value, _alpha)); }

    /// <summary>The value of the activation's parameter (κ, b or α); 0 for ReLU.</summary>
    public double ActivationValue => _activation switch { "jumprelu" => _kappa, "rjumprelu" => _b, "srelu" => _alpha, _ => 0 };

    /// <summary>Sets the parameter of the current activation.</summary>
    public void SetActivationValue(double value)
    {
        switch (_activation)
        {
            case "jumprelu": Kappa = value; break;
            case "rjumprelu": B = value; break;
            case "srelu": Alpha = value; break;
        }
    }

    /// <summary>Backward passes through ReLU instead of the retrofitted activation; applies only when one is retrofitted.</summary>
    public bool Bpda { get; set { field = value; _version++; } }

    public bool BpdaApplies => _activation != "relu";

    public bool Smoothing { get; set { field = value; _version++; } }
    public double Sigma { get => _sigma; set => Set(ref _sigma, DefenseCatalog.Sigma.Clamp(value, _sigma)); }
    public int Samples { get => _samples; set => Set(ref _samples, (int)DefenseCatalog.Samples.Clamp(value, _samples)); }
    public SmoothingVote Vote { get => _vote; set => Set(ref _vote, Enum.IsDefined(value) ? value : _vote); }

    public bool InputScaling { get; set { field = value; _version++; } }
    public double Scale { get => _scale; set => Set(ref _scale, DefenseCatalog.Scale.Clamp(value, _scale)); }

    /// <summary>Clip the scaled input to [0,1] (Borji Fig. 7, left) or not (right).</summary>
    public bool ScaleClip { get; set { field = value; _version++; } } = true;

    public bool DefenseOn => _activation != "relu" || Smoothing || InputScaling;

    /// <summary>The activation spec of <see cref="ActivationCatalog"/>: "relu", "jumprelu:κ", "rjumprelu:b", "srelu:α".</summary>
    public string ActivationSpec => ActivationEntry.Spec(ActivationValue);

    public Activation BuildActivation() => ActivationCatalog.Parse(ActivationSpec, _seed);

    public SmoothingSpec? BuildSmoothing() => Smoothing ? new SmoothingSpec((float)_sigma, _samples, _vote) : null;

    public InputScalingSpec? BuildInputScaling() => InputScaling ? new InputScalingSpec((float)_scale, ScaleClip) : null;

    // ---- attack ------------------------------------------------------------------------------------------

    /// <summary>A name from <see cref="AttackCatalog.Names"/>; anything else is ignored. A new attack starts from its own knobs' defaults.</summary>
    public string Attack
    {
        get => _attack;
        set
        {
            if (!AttackCatalog.Contains(value) || value == _attack) return;
            var before = Enum.GetValues<AttackSetting>().ToDictionary(s => s, Definition);
            _attack = value!;
            ResetAttackKnobs(keep: s => before[s] == Definition(s));
            Set(ref _attack, _attack);
        }
    }

    /// <summary>The chosen attack's catalog entry: its knobs, norms, whether it is targeted.</summary>
    public AttackEntry Entry => AttackCatalog.Get(_attack);

    /// <summary>The chosen norm (the attack may fix its own: see <see cref="EffectiveNorm"/>).</summary>
    public LpNorm Norm { get => _norm; set => Set(ref _norm, Enum.IsDefined(value) ? value : _norm); }

    public LpNorm EffectiveNorm => Entry.Norm(_norm);

    public Knob EpsilonKnob => AttackKnobs.Epsilon(EffectiveNorm);

    public double Epsilon { get => _epsilon; set => Set(ref _epsilon, EpsilonKnob.Clamp(value, _epsilon)); }

    /// <summary>Minimal-perturbation attacks: no budget (ε = +∞), so the attack returns the smallest perturbation it finds.</summary>
    public bool Unbounded { get; set { field = value; _version++; } }

    /// <summary>The budget goes unused: the attack is unbounded.</summary>
    public bool EpsilonUnused => Unbounded && Entry.MinimalPerturbation;

    /// <summary>The knob of <paramref name="setting"/> in the current norm's units: the attack's own, or the first attack's that has one.</summary>
    public Knob KnobOf(AttackSetting setting) =>
        AnyKnob(setting).For(EffectiveNorm);

    /// <summary>The value of an attack knob (its slider's value, also while the attack's default is used).</summary>
    public double KnobValue(AttackSetting setting) => _knobs[setting];

    /// <summary>Sets an attack knob, clamped to its range.</summary>
    public void SetKnob(AttackSetting setting, double value)
    {
        _knobs[setting] = KnobOf(setting).Clamp(value, _knobs[setting]);
        Normalize();
        _version++;
    }

    /// <summary>The attack's own default is used for <paramref name="setting"/> (an <see cref="AttackKnob.Auto"/> knob left unset).</summary>
    public bool IsAuto(AttackSetting setting) => _auto.Contains(setting);

    public void SetAuto(AttackSetting setting, bool auto)
    {
        if (auto) _auto.Add(setting);
        else _auto.Remove(setting);
        _version++;
    }

    /// <summary>Iterations t (the attack's iteration cap for the minimal-perturbation attacks).</summary>
    public int Steps { get => (int)KnobValue(AttackSetting.Steps); set => SetKnob(AttackSetting.Steps, value); }

    /// <summary>Use the attack's own step size (PGD: 0.01 in L∞; BIM: Kurakin's schedule; R-FGSM: ε/2).</summary>
    public bool AutoStepSize { get => IsAuto(AttackSetting.StepSize); set => SetAuto(AttackSetting.StepSize, value); }

    public double StepSize { get => KnobValue(AttackSetting.StepSize); set => SetKnob(AttackSetting.StepSize, value); }
    public Knob StepSizeKnob => KnobOf(AttackSetting.StepSize);
    public bool RandomStart { get; set { field = value; _version++; } } = true;
    public int EotSamples { get => (int)KnobValue(AttackSetting.Samples); set => SetKnob(AttackSetting.Samples, value); }
    public TargetMode TargetMode { get => _targetMode; set => Set(ref _targetMode, value is not null && TargetMode.All.Contains(value) ? value : _targetMode); }
    public int TargetClass { get => _targetClass; set => Set(ref _targetClass, Math.Clamp(value, 0, Classes - 1)); }
    public int Seed { get => _seed; set => Set(ref _seed, (int)CommonKnobs.Seed.Clamp(value, _seed)); }

    /// <summary>Show the attack against the undefended and the defended model side by side.</summary>
    public bool Compare { get; set { field = value; _version++; } }

    /// <summary>The attack's settings as the catalog takes them: exactly the knobs the attack reads; the rest keep the engine's defaults.</summary>
    public AttackSettings BuildAttackSettings()
    {
        var entry = Entry;
        var settings = new AttackSettings(
            Norm: EffectiveNorm,
            Epsilon: EpsilonUnused ? float.PositiveInfinity : (float)_epsilon,
            RandomStart: entry.RandomStart && RandomStart);
        foreach (var knob in entry.Knobs)
            settings = knob.Set(settings, knob.Auto && IsAuto(knob.Setting) ? null : _knobs[knob.Setting]);
        return settings;
    }

    /// <summary>The value the attack will use for <paramref name="knob"/>, its default filled in by the attack itself; null when unreadable.</summary>
    public double? EffectiveValue(AttackKnob knob)
    {
        try
        {
            return knob.Read?.Invoke(Entry.Create(BuildAttackSettings()));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The step size α the attack will use, its defaults filled in by the attack itself; null when it takes none.</summary>
    public float? EffectiveStepSize() => Entry.Knob(AttackSetting.StepSize) is { } k && EffectiveValue(k) is { } v ? (float)v : null;

    /// <summary>The seed matters: the attack draws random numbers, a random target is drawn, or a randomized defense does.</summary>
    public bool SeedApplies => Entry.Seeded || (Entry.Targeted && _targetMode == TargetMode.Random) || _activation == "rjumprelu" || Smoothing;

    /// <summary>A frozen copy for the computation, or null while there is no image.</summary>
    public LabRequest? ToRequest() => Image is null ? null : new LabRequest(
        _version, Image, _model, ActivationSpec, Bpda && BpdaApplies, BuildSmoothing(), BuildInputScaling(),
        _attack, BuildAttackSettings(), BuildTarget(), _seed, Compare && DefenseOn);

    /// <summary>The engine's target rule for <see cref="TargetMode"/>.</summary>
    public TargetChoice BuildTarget() => _targetMode.Choice(_targetClass);

    public static double DefaultEpsilon(LpNorm norm) => AttackKnobs.Epsilon(norm).Default;

    // Every knob back to the attack's defaults (auto knobs to "the attack's default"), in the current norm's units.
    // A knob whose definition is the same for the new attack (PGD's and EPGD's t) keeps its value; the others start afresh.
    private void ResetAttackKnobs(Func<AttackSetting, bool>? keep = null)
    {
        foreach (AttackSetting setting in Enum.GetValues<AttackSetting>())
        {
            if (keep?.Invoke(setting) == true) continue;
            var knob = AnyKnob(setting);
            var range = knob.For(EffectiveNorm);
            _knobs[setting] = range.Clamp(range.Default, range.Default); // at the knob's precision, as a link writes it
            if (knob.Auto) _auto.Add(setting);
            else _auto.Remove(setting);
        }
    }

    private AttackKnob AnyKnob(AttackSetting setting) => Entry.Knob(setting) ?? AttackCatalog.All.SelectMany(a => a.Knobs).First(k => k.Setting == setting);

    // What a knob means for the current attack: its range, default and whether it has an automatic default.
    private (Knob, Knob?, bool) Definition(AttackSetting setting) => AnyKnob(setting) is var k ? (k.Knob, k.L2, k.Auto) : default;

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
            (_epsilon, _epsilonNorm) = (DefaultEpsilon(norm), norm);
            var step = KnobOf(AttackSetting.StepSize);
            _knobs[AttackSetting.StepSize] = step.Clamp(step.Default, step.Default);
        }
        if (Entry.StepAtMostEpsilon && _knobs[AttackSetting.StepSize] > _epsilon) _knobs[AttackSetting.StepSize] = Math.Max(_epsilon, 0);
    }
}
