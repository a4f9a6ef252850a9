using System.Text.Json;
using RobustLab.Engine.Serialization;

namespace RobustLab.Tests.Cli;

/// <summary>The command-line contract: names, exit codes, JSON fields, and no stack traces on bad input.</summary>
public sealed class CliTests
{
    private static string DefaultModel => Path.Combine(CliRunner.RepositoryRoot, "models", "lenet-like.safetensors");

    [Theory]
    [InlineData(new string[0], "Commands:")]
    [InlineData(new[] { "frobnicate" }, "Unknown command 'frobnicate'")]
    [InlineData(new[] { "train", "--epochs", "1", "--seed", "1", "--out", "x.safetensors" }, "Option --arch is required")]
    [InlineData(new[] { "train", "--arch", "resnet", "--epochs", "1", "--seed", "1", "--out", "x" }, "lenet-like")]
    [InlineData(new[] { "train", "--arch", "lenet-like", "--epochs", "zero", "--seed", "1", "--out", "x" }, "--epochs must be an integer")]
    [InlineData(new[] { "train", "--arch", "lenet-like", "--epochs", "1", "--seed", "1", "--out", "x", "--optimizer", "rmsprop" }, "--optimizer must be adam or sgd")]
    [InlineData(new[] { "eval", "--model", "m.safetensors", "--activation", "jumprelu:abc" }, "Invalid number 'abc'")]
    [InlineData(new[] { "eval", "--model", "m.safetensors", "--split", "validation" }, "--split must be test or train")]
    [InlineData(new[] { "eval", "--model", "m.safetensors", "--bogus", "1" }, "Unknown option: --bogus")]
    [InlineData(new[] { "eval", "--model" }, "Option --model needs a value")]
    [InlineData(new[] { "data", "imagenet" }, "robustlab data mnist")]
    [InlineData(new[] { "eval", "--model", "m.safetensors", "--attack", "fgsm", "--norm", "l1" }, "--norm must be linf or l2")]
    [InlineData(new[] { "eval", "--model", "m.safetensors", "--attack", "pgd", "--eps", "2" }, "meaningless")]
    [InlineData(new[] { "eval", "--model", "m.safetensors", "--attack", "pgd", "--eps", "0,3" }, "--eps must be a number ≥ 0 or inf")]
    [InlineData(new[] { "eval", "--model", "m.safetensors", "--attack", "pgd", "--eps", "inf" }, "--attack pgd: ε must be finite")]
    [InlineData(new[] { "eval", "--model", "m.safetensors", "--eps", "0.3" }, "--eps applies to an attack")]
    [InlineData(new[] { "eval", "--model", "m.safetensors", "--attack", "fgsm-targeted" }, "give --target")]
    [InlineData(new[] { "eval", "--model", "m.safetensors", "--attack", "pgd", "--target", "3" }, "--target applies to targeted attacks only")]
    [InlineData(new[] { "eval", "--model", "m.safetensors", "--attack", "fgsm-targeted", "--target", "most" }, "'ll' (least likely) or 'random'")]
    [InlineData(new[] { "eval", "--model", "m.safetensors", "--smooth", "0.25:32" }, "expected <σ>:<n>:majority|soft|weighted")]
    [InlineData(new[] { "eval", "--model", "m.safetensors", "--attack", "pgd", "--source-activation", "jumprelu:x" }, "Invalid number 'x'")]
    [InlineData(new[] { "sweep", "--model", "m.safetensors", "--values", "1,2" }, "Option --knob is required")]
    [InlineData(new[] { "sweep", "--model", "m.safetensors", "--knob", "volume", "--values", "1" }, "--knob must be one of: kappa")]
    [InlineData(new[] { "sweep", "--model", "m.safetensors", "--knob", "kappa" }, "--values a,b,c or --range")]
    [InlineData(new[] { "sweep", "--model", "m.safetensors", "--knob", "kappa", "--values", "0,one" }, "'one' is not a number")]
    [InlineData(new[] { "sweep", "--model", "m.safetensors", "--knob", "kappa", "--range", "1:0:0.5" }, "stop ≥ start")]
    [InlineData(new[] { "sweep", "--model", "m.safetensors", "--knob", "eps", "--values", "0.1" }, "changes the attack: give --attack")]
    public async Task Bad_arguments_print_usage_and_exit_2(string[] args, string message)
    {
        var r = await CliRunner.RunAsync(args);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Stderr);
        Assert.Contains("robustlab", r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
    }

    [Fact]
    public async Task Missing_or_malformed_model_is_one_clear_line_and_exit_1()
    {
        var missing = await CliRunner.RunAsync("eval", "--model", "no/such/model.safetensors");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("no/such/model.safetensors", missing.Stderr);
        Assert.DoesNotContain("   at ", missing.Stderr);

        using var temp = new TempDirectory();
        string bad = temp.Write([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], "bad.safetensors");
        var malformed = await CliRunner.RunAsync("eval", "--model", bad);
        Assert.Equal(1, malformed.ExitCode);
        Assert.Contains("bad.safetensors", malformed.Stderr);
        Assert.DoesNotContain("   at ", malformed.Stderr);
    }

    [Fact]
    public async Task Help_exits_0()
    {
        var r = await CliRunner.RunAsync("eval", "--help");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("--activation", r.Stdout);
    }

    [Fact]
    public async Task Eval_json_has_the_contract_fields()
    {
        var r = await CliRunner.RunAsync("eval", "--model", DefaultModel, "--offset", "100", "--limit", "300", "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var json = JsonDocument.Parse(r.Stdout.Trim().Split('\n')[^1]);
        var root = json.RootElement;
        Assert.Equal(300, root.GetProperty("examples").GetInt32());
        Assert.InRange(root.GetProperty("clean_accuracy").GetDouble(), 0.95, 1.0);
        Assert.True(root.GetProperty("seconds").GetDouble() >= 0);
        Assert.Equal("lenet-like", root.GetProperty("architecture").GetString());
        foreach (var field in new[] { "attack", "adversarial_accuracy", "attack_success_rate", "rho_l2", "rho_linf", "mean_l2", "mean_linf" })
            Assert.Equal(JsonValueKind.Null, root.GetProperty(field).ValueKind);
    }

    [Fact]
    public async Task Eval_with_a_large_jump_lowers_accuracy()
    {
        // JumpReLU §3: a large κ zeroes most activations, so accuracy must fall; a tiny κ keeps it.
        async Task<double> Accuracy(string activation)
        {
            var r = await CliRunner.RunAsync("eval", "--model", DefaultModel, "--limit", "500", "--activation", activation, "--json");
            Assert.True(r.ExitCode == 0, r.Stderr);
            using var json = JsonDocument.Parse(r.Stdout.Trim().Split('\n')[^1]);
            return json.RootElement.GetProperty("clean_accuracy").GetDouble();
        }
        double relu = await Accuracy("relu"), small = await Accuracy("jumprelu:0.01"), large = await Accuracy("jumprelu:8");
        Assert.InRange(small, relu - 0.01, relu + 0.01);
        Assert.True(large < relu - 0.2, $"jumprelu:8 accuracy {large} vs relu {relu}");
    }

    [Fact]
    public async Task Train_writes_a_loadable_model_with_its_settings()
    {
        using var temp = new TempDirectory();
        string output = temp.File("tiny.safetensors");
        var r = await CliRunner.RunAsync("train", "--arch", "borji-mnist", "--epochs", "1", "--seed", "4", "--limit", "512", "--batch", "64", "--out", output);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("epoch 1 done", r.Stdout);
        var metadata = ModelFile.ReadMetadata(output);
        Assert.Equal("borji-mnist", metadata["architecture"]);
        Assert.Equal("4", metadata["seed"]);
        Assert.Contains("--limit 512", metadata["train_command"]);
        Assert.Equal(10, ModelFile.Load(output).Classes);
    }
}
