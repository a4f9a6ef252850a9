// robustlab — the command-line front end: data, train, eval, sweep, reproduce. Bad arguments print the usage and exit 2;
// expected failures (missing files, malformed data) print one clear line and exit 1; never a stack trace.
using RobustLab.Cli;
using RobustLab.Cli.Commands;
using RobustLab.Engine.Data;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };

string? command = args.Length > 0 ? args[0] : null;
try
{
    if (command is null) throw new UsageException("No command given.");
    if (command is "--help" or "-h" or "help")
    {
        Console.WriteLine(Usage.For(args.Length > 1 ? args[1] : null));
        return 0;
    }
    var rest = args.Skip(1).ToList();
    if (rest.Contains("--help") || rest.Contains("-h"))
    {
        Console.WriteLine(Usage.For(command));
        return 0;
    }
    var parsed = new Arguments(command, rest, new HashSet<string> { "json", "random-start", "list", "retrain", "quick" });
    return command switch
    {
        "data" => parsed.Positional is ["mnist"]
            ? await DataCommand.RunAsync(new Arguments(command, rest.Where(a => a != "mnist").ToList(), new HashSet<string>()), cancel.Token)
            : throw new UsageException("Which data set? The only one that can be fetched is MNIST: 'robustlab data mnist'.", "data"),
        "train" => await TrainCommand.RunAsync(parsed, args, cancel.Token),
        "eval" => await EvalCommand.RunAsync(parsed, cancel.Token),
        "sweep" => await SweepCommand.RunAsync(parsed, cancel.Token),
        "reproduce" => await ReproduceCommand.RunAsync(rest, cancel.Token),
        _ => throw new UsageException($"Unknown command '{command}'."),
    };
}
catch (UsageException e)
{
    Console.Error.WriteLine($"robustlab: {e.Message}");
    Console.Error.WriteLine();
    Console.Error.WriteLine(Usage.For(e.Command ?? command));
    return 2;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("robustlab: cancelled.");
    return 130;
}
catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or InvalidDataException
                              or DatasetDownloadException or ArgumentException or FormatException
                              or InvalidOperationException or IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"robustlab: {e.Message}");
    return 1;
}
