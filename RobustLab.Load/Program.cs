namespace RobustLab.Load;

// robustlab-load: drives the real app with simulated users over the Blazor Server protocol and reports latency,
// errors, queue waits, server memory and CPU. Exit code 0 when every target is met, 1 when one is missed, 2 on bad usage.
// NOTE: a class with Main rather than top-level statements: those would add a global `Program`, which the tests
// (referencing both this project and RobustLab.Web) could not tell from the web app's.
internal static class LoadProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Contains("--help"))
        {
            Console.WriteLine(LoadOptions.Usage);
            return 0;
        }
        LoadOptions options;
        try
        {
            options = LoadOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(LoadOptions.Usage);
            return 2;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        Console.WriteLine($"{options.Users} users ({options.EffectiveSweepers} sweeping) for {options.Minutes} min; statistics after the first {options.WarmupSeconds} s");
        LoadReport report;
        try
        {
            report = await new LoadRun(options, Console.Out).RunAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("cancelled");
            return 1;
        }
        var text = report.ToText();
        Console.WriteLine();
        Console.Write(text);
        Directory.CreateDirectory(options.Output);
        string stem = Path.Combine(options.Output, $"load-{report.Finished:yyyyMMdd-HHmmss}");
        await File.WriteAllTextAsync(stem + ".txt", text);
        await File.WriteAllTextAsync(stem + ".json", report.ToJson());
        Console.WriteLine($"report: {stem}.txt, {stem}.json");
        return report.Passed ? 0 : 1;
    }
}
