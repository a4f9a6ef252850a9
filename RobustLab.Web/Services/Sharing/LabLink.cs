using System.Runtime.CompilerServices;
using RobustLab.Engine.Attacks;
using RobustLab.Engine.Catalog;
using RobustLab.Engine.Defenses;
using RobustLab.Web.Services.Lab;
using static RobustLab.Web.Services.Sharing.LinkText;

namespace RobustLab.Web.Services.Sharing;

/// <summary>
/// The Lab's settings ↔ a query string: /lab?model=borji-mnist&amp;img=mnist:42&amp;act=jumprelu&amp;kappa=0.5&amp;attack=bim&amp;eps=0.1.
/// Only settings that differ from a fresh <see cref="LabState"/> are written; reading a link resets every setting to that
/// default and then applies each parameter that passes the same checks as the controls (range, known names), so a link's
/// view does not depend on what the page showed before. Everything else is ignored, each with a message.
/// </summary>
/// <remarks>
/// The image: <c>mnist:i</c> (test image i; #0 is the default and is not written), or a drawn or uploaded digit as
/// <c>draw:</c>/<c>upload:</c> + <see cref="PixelCode"/>. A digit whose code would make the query longer than the
/// configured limit stays out of the link, and <see cref="LabLinkText.Note"/> says so.
/// Order matters: the attack and norm come before ε and the step size (a new norm resets both), ε before the step (R-FGSM's α ≤ ε).
/// </remarks>
public static class LabLink
{
    public const string ImageParameter = "img";

    /// <summary>A drawn or uploaded digit's true class as the user gave it (MNIST images carry their own).</summary>
    public const string LabelParameter = "label";
    private const string Mnist = "mnist:", Drawing = "draw:", Upload = "upload:";

    private static readonly Dictionary<string, SmoothingVote> Votes = new()
    {
        ["majority"] = SmoothingVote.Majority, ["soft"] = SmoothingVote.Soft, ["weighted"] = SmoothingVote.Weighted,
    };

    private static readonly Dictionary<string, LpNorm> Norms = new() { ["linf"] = LpNorm.Linf, ["l2"] = LpNorm.L2 };

    private static readonly ConditionalWeakTable<LabImage, string> ImageCodes = new();

    /// <summary>Every setting but the image, in the order they are applied (and written).</summary>
    public static IReadOnlyList<LinkField<LabState, LabLinkContext>> Fields { get; } =
    [
        new("model", s => s.Model, (s, v, c) => s.SetModel(v, c.Models) ? null : $"no such model here (the Lab has {string.Join(", ", c.Models)})", 100),
        new("act", s => s.Activation, (s, v, _) => ParseChoice(v, DefenseCatalog.Activations.ToDictionary(a => a.Name), a => s.Activation = a.Name)),
        Knob("kappa", DefenseCatalog.Kappa, s => s.Kappa, (s, v) => s.Kappa = v),
        Knob("b", DefenseCatalog.B, s => s.B, (s, v) => s.B = v),
        Knob("alpha", DefenseCatalog.Alpha, s => s.Alpha, (s, v) => s.Alpha = v),
        Switch("bpda", s => s.Bpda, (s, v) => s.Bpda = v),
        Switch("smooth", s => s.Smoothing, (s, v) => s.Smoothing = v),
        Knob("sigma", DefenseCatalog.Sigma, s => s.Sigma, (s, v) => s.Sigma = v),
        WholeKnob("n", DefenseCatalog.Samples, s => s.Samples, (s, v) => s.Samples = v),
        new("vote", s => NameOf(Votes, s.Vote), (s, v, _) => ParseChoice(v, Votes, x => s.Vote = x)),
        Switch("scaling", s => s.InputScaling, (s, v) => s.InputScaling = v),
        Knob("s", DefenseCatalog.Scale, s => s.Scale, (s, v) => s.Scale = v),
        Switch("clip", s => s.ScaleClip, (s, v) => s.ScaleClip = v),
        new("attack", s => s.Attack, (s, v, _) => AttackCatalog.Names.Contains(v) ? Do(() => s.Attack = v) : "not an attack of the catalog", 60),
        new("norm", s => NameOf(Norms, s.Norm), (s, v, _) => ParseChoice(v, Norms, n => s.Norm = n)),
        new("eps", s => Number(s.Epsilon), (s, v, _) => ParseNumber(v, s.EpsilonKnob.Min, s.EpsilonKnob.Max, x => s.Epsilon = x, s.EffectiveNorm == LpNorm.L2 ? " in L2" : " in L∞")),
        Switch("unbounded", s => s.Unbounded, (s, v) => s.Unbounded = v),
        .. AttackKnobFields(),
        Switch("randstart", s => s.RandomStart, (s, v) => s.RandomStart = v),
        new("target", s => s.TargetMode.Name, (s, v, _) => ParseChoice(v, TargetMode.All.ToDictionary(m => m.Name), t => s.TargetMode = t)),
        new("class", s => Integer(s.TargetClass), (s, v, _) => ParseInteger(v, 0, LabState.Classes - 1, k => s.TargetClass = k)),
        WholeKnob("seed", CommonKnobs.Seed, s => s.Seed, (s, v) => s.Seed = v),
        Switch("compare", s => s.Compare, (s, v) => s.Compare = v),
    ];

    /// <summary>The query of <paramref name="state"/> ("" when everything is at its default).</summary>
    /// <param name="maxQueryLength">A drawn or uploaded digit that would make the query longer stays out of it.</param>
    public static LabLinkText Encode(LabState state, int maxQueryLength)
    {
        var fresh = new LabState();
        var defaults = DefaultsFor(state);
        var pairs = Fields.Where(f => f.Get(state) != f.Get(f.Name is "attack" or "norm" ? fresh : defaults)).Select(f => KeyValuePair.Create(f.Name, f.Get(state))).ToList();
        string without = LinkQuery.Build(pairs);
        if (state.Image is not { } image || ImageValue(image) is not { } value) return new(without, null);
        int at = pairs.Count > 0 && pairs[0].Key == "model" ? 1 : 0;
        pairs.Insert(at, KeyValuePair.Create(ImageParameter, value));
        if (image is { Source: not ImageSource.Mnist, Label: { } label }) pairs.Insert(at + 1, KeyValuePair.Create(LabelParameter, Integer(label)));
        string with = LinkQuery.Build(pairs);
        if (with.Length <= maxQueryLength) return new(with, null);
        string what = image.Source == ImageSource.Drawing ? "drawing" : "uploaded image";
        return new(without, $"This {what} is too detailed to fit in a link ({with.Length:N0} characters; at most {maxQueryLength:N0}): " +
            "the link opens on the default MNIST image. Share the file itself, or pick an MNIST image.");
    }

    /// <summary>Resets <paramref name="state"/> to the defaults, then applies the link's settings; returns what was ignored and why.</summary>
    public static IReadOnlyList<string> Apply(LinkQuery query, LabState state, LabLinkContext context)
    {
        var messages = new List<string>(query.Problems);
        var defaults = new LabState();
        foreach (var field in Fields)
        {
            // The knobs after the attack and its norm default to that attack's own values (BIM's t, the trust region's 1,000).
            if (field.Name is "model" or "act" or "kappa" or "b" or "alpha" or "bpda" or "smooth" or "sigma" or "n" or "vote" or "scaling" or "s" or "clip" or "attack" or "norm") { }
            else if (defaults.Attack != state.Attack || defaults.Norm != state.Norm) defaults = DefaultsFor(state);
            string fallback = field.Get(defaults);
            if (query.Take(field.Name) is { } given)
            {
                string? error = given.Length > field.MaxLength ? $"longer than {field.MaxLength} characters" : field.Set(state, given, context);
                if (error is null) continue;
                messages.Add($"{field.Name}={LinkQuery.Shown(given)}: {error}; the default ({fallback}) is used.");
            }
            field.Set(state, fallback, context); // a missing default model is the page's to replace
        }
        var image = query.Take(ImageParameter);
        var (picked, problem) = image is null ? (DefaultImage(context), null) : ReadImage(image, context);
        if (problem is not null)
        {
            messages.Add($"{ImageParameter}={LinkQuery.Shown(image!)}: {problem}; the default image is used.");
            picked = DefaultImage(context);
        }
        if (query.Take(LabelParameter) is { } label)
        {
            if (picked is not { Source: not ImageSource.Mnist })
                messages.Add($"{LabelParameter}={LinkQuery.Shown(label)}: only a drawn or uploaded digit takes a label (an MNIST image has its own); ignored.");
            else
            {
                int given = 0;
                if (ParseInteger(label, 0, LabState.Classes - 1, k => given = k) is { } error)
                    messages.Add($"{LabelParameter}={LinkQuery.Shown(label)}: the label is {error}; the digit's label stays unknown.");
                else picked = picked with { Label = given };
            }
        }
        if (picked is not null) state.SetImage(picked);
        messages.AddRange(query.Unread().Select(name => $"'{LinkQuery.Shown(name)}' is not a setting of the Lab: ignored."));
        return messages;
    }

    // A fresh state with the attack and norm of <paramref name="state"/>: what a link leaves out is at these values.
    private static LabState DefaultsFor(LabState state)
    {
        var defaults = new LabState { Attack = state.Attack };
        defaults.Norm = state.Norm;
        return defaults;
    }

    /// <summary>The image as a link will carry it: a drawing's pixels rounded to bytes, so that the link reproduces it exactly.</summary>
    public static LabImage Shareable(LabImage image) =>
        image.Source == ImageSource.Mnist || PixelCode.IsQuantized(image.Pixels) ? image : image with { Pixels = PixelCode.Quantize(image.Pixels) };

    private static string? ImageValue(LabImage image) => image.Source switch
    {
        ImageSource.Mnist when image.TestIndex is 0 => null,
        ImageSource.Mnist when image.TestIndex is { } index => Mnist + Integer(index),
        ImageSource.Drawing => Drawing + ImageCodes.GetValue(image, i => PixelCode.Encode(i.Pixels)),
        _ => Upload + ImageCodes.GetValue(image, i => PixelCode.Encode(i.Pixels)),
    };

    private static (LabImage? Image, string? Problem) ReadImage(string value, LabLinkContext context)
    {
        if (value.StartsWith(Mnist, StringComparison.Ordinal))
        {
            if (context.TestImages == 0) return (null, "the MNIST test set is not available");
            int index = -1;
            var error = ParseInteger(value[Mnist.Length..], 0, context.TestImages - 1, i => index = i);
            return error is null ? (context.TestImage(index), null) : (null, $"the MNIST test index is {error}");
        }
        var (source, description, code) = value.StartsWith(Drawing, StringComparison.Ordinal) ? (ImageSource.Drawing, "a drawing from the link", value[Drawing.Length..])
            : value.StartsWith(Upload, StringComparison.Ordinal) ? (ImageSource.Upload, "an upload from the link", value[Upload.Length..])
            : (ImageSource.Mnist, "", "");
        if (description.Length == 0) return (null, "not mnist:<index>, draw:<code> or upload:<code>");
        var pixels = PixelCode.Decode(code, out var problem);
        if (pixels is not null && LabImage.BlankProblem(pixels) is not null) return (null, "the image is blank (every pixel the same)");
        return pixels is null ? (null, problem) : (LabImage.Validated(pixels, null, source, description), null);
    }

    private static LabImage? DefaultImage(LabLinkContext context) => context.TestImages > 0 ? context.TestImage(0) : null;

    private static string? Do(Action set)
    {
        set();
        return null;
    }

    private static LinkField<LabState, LabLinkContext> Switch(string name, Func<LabState, bool> get, Action<LabState, bool> set) =>
        new(name, s => Bool(get(s)), (s, v, _) => ParseBool(v, b => set(s, b)));

    // Every knob any attack of the catalog reads, with its "use the attack's default" switch when it has one: a new attack's
    // knobs get link parameters by themselves. The names of the first knobs predate the catalog and stay ("stepsize", "eot").
    private static IEnumerable<LinkField<LabState, LabLinkContext>> AttackKnobFields()
    {
        foreach (var setting in Enum.GetValues<AttackSetting>())
        {
            var knobs = AttackCatalog.All.SelectMany(a => a.Knobs).Where(k => k.Setting == setting).ToList();
            if (knobs.Count == 0) continue;
            string name = setting switch { AttackSetting.StepSize => "stepsize", AttackSetting.Samples => "eot", _ => knobs[0].Option };
            if (knobs.Any(k => k.Auto))
                yield return Switch(setting == AttackSetting.StepSize ? "autostep" : "auto-" + name, s => s.IsAuto(setting), (s, v) => s.SetAuto(setting, v));
            yield return new(name, s => Number(s.KnobValue(setting)), (s, v, _) =>
            {
                var knob = s.KnobOf(setting);
                string unit = knobs.Any(k => k.L2 is not null) ? (s.EffectiveNorm == LpNorm.L2 ? " in L2" : " in L∞") : "";
                return knob.Integer
                    ? ParseInteger(v, knob.SliderMin, knob.Max, x => s.SetKnob(setting, x))
                    : ParseNumber(v, knob.SliderMin, knob.Max, x => s.SetKnob(setting, x), unit);
            });
        }
    }

    private static LinkField<LabState, LabLinkContext> Knob(string name, Knob knob, Func<LabState, double> get, Action<LabState, double> set) =>
        new(name, s => Number(get(s)), (s, v, _) => ParseNumber(v, knob.SliderMin, knob.Max, x => set(s, x)));

    private static LinkField<LabState, LabLinkContext> WholeKnob(string name, Knob knob, Func<LabState, int> get, Action<LabState, int> set) =>
        new(name, s => Integer(get(s)), (s, v, _) => ParseInteger(v, knob.SliderMin, knob.Max, x => set(s, x)));
}
