using RobustLab.Engine.Catalog;
using System.Text.Json;
using RobustLab.Engine.Attacks;
using RobustLab.Engine.Serialization;
using RobustLab.Engine.Sweeps;

namespace RobustLab.Tests.Cli;

/// <summary>The attack side of the command line: eval --attack's JSON measurements, attack names from the catalog, and sweep's JSON lines.</summary>
public sealed class CliAttackTests
{
    private static string DefaultModel => Path.Combine(CliRunner.RepositoryRoot, "models", "lenet-like.safetensors");

    private static JsonElement LastJson(CliRunner.Result r)
    {
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var json = JsonDocument.Parse(r.Stdout.Trim().Split('\n')[^1]);
        return json.RootElement.Clone();
    }

    [Fact]
    public async Task Eval_pgd_lowers_accuracy_and_reports_the_measurements()
    {
        // 40 steps of the default α = 0.01 (JumpReLU §4): enough travel (0.4) to reach the corners of the ε = 0.3 ball.
        var root = LastJson(await CliRunner.RunAsync("eval", "--model", DefaultModel, "--limit", "100", "--attack", "pgd", "--eps", "0.3", "--steps", "40", "--json"));
        double clean = root.GetProperty("clean_accuracy").GetDouble(), adversarial = root.GetProperty("adversarial_accuracy").GetDouble();
        Assert.True(adversarial < clean, $"PGD ε = 0.3: adversarial {adversarial} vs clean {clean}");
        Assert.Equal(100, root.GetProperty("examples").GetInt32());
        Assert.Equal("pgd", root.GetProperty("attack").GetString());
        Assert.Equal(40, root.GetProperty("steps").GetInt32());
        Assert.InRange(root.GetProperty("attack_success_rate").GetDouble(), 0.5, 1.0);
        // ρ∞ = ‖δ‖∞/‖x‖∞ with ‖δ‖∞ ≤ ε and ‖x‖∞ ≈ 1 for MNIST digits (a few peak just below 255/255); ρ₂ and the means are positive.
        Assert.InRange(root.GetProperty("rho_linf").GetDouble(), 0.25, 0.3 * 255 / 250);
        Assert.InRange(root.GetProperty("mean_linf").GetDouble(), 0.0, 0.3 + 1e-6);
        Assert.True(root.GetProperty("rho_l2").GetDouble() > 0);
        Assert.True(root.GetProperty("mean_l2").GetDouble() > 0);
        Assert.True(root.GetProperty("seconds").GetDouble() >= 0);
    }

    [Fact]
    public async Task A_source_model_whose_metadata_names_no_architecture_takes_source_arch_defaulting_to_arch()
    {
        using var dir = new TempDirectory();
        string bare = dir.File("bare.safetensors"); // the default model's weights with no "architecture" metadata
        SafeTensors.Write(bare, ModelFile.Load(DefaultModel).NamedState().ToDictionary(p => p.Name, p => p.Parameter.Value));
        Assert.False(ModelFile.ReadMetadata(bare).ContainsKey(ModelFile.ArchitectureKey));
        string[] common = ["eval", "--model", DefaultModel, "--limit", "32", "--attack", "fgsm", "--eps", "0.2", "--json"];

        var unnamed = await CliRunner.RunAsync([.. common, "--source-model", bare]);
        Assert.NotEqual(0, unnamed.ExitCode);
        Assert.Contains("architecture", unnamed.Stderr);
        Assert.DoesNotContain("   at ", unnamed.Stderr);

        // Crafting on the same weights is the white-box attack: the same adversarial accuracy, by either option.
        double whiteBox = LastJson(await CliRunner.RunAsync(common)).GetProperty("adversarial_accuracy").GetDouble();
        var bySourceArch = LastJson(await CliRunner.RunAsync([.. common, "--source-model", bare, "--source-arch", "lenet-like"]));
        var byArch = LastJson(await CliRunner.RunAsync([.. common, "--arch", "lenet-like", "--source-model", bare]));
        Assert.Equal(whiteBox, bySourceArch.GetProperty("adversarial_accuracy").GetDouble());
        Assert.Equal(whiteBox, byArch.GetProperty("adversarial_accuracy").GetDouble());
        Assert.Equal(bare, bySourceArch.GetProperty("source_model").GetString());

        var orphan = await CliRunner.RunAsync([.. common, "--source-arch", "lenet-like"]);
        Assert.Equal(2, orphan.ExitCode);
        Assert.Contains("--source-arch names the architecture of --source-model", orphan.Stderr);
    }

    [Fact]
    public async Task Eval_json_reports_the_fraction_of_exactly_zero_input_gradients()
    {
        // The gradient-masking signal: none for the ReLU net, most examples once SReLU α = 10 saturates the softmax.
        var relu = LastJson(await CliRunner.RunAsync("eval", "--model", DefaultModel, "--limit", "64", "--json"));
        var sloped = LastJson(await CliRunner.RunAsync("eval", "--model", DefaultModel, "--limit", "64", "--activation", "srelu:10", "--json"));
        Assert.Equal(0.0, relu.GetProperty("zero_gradient_fraction").GetDouble());
        Assert.InRange(sloped.GetProperty("zero_gradient_fraction").GetDouble(), 0.5, 1.0);
    }

    [Fact]
    public async Task An_unknown_attack_exits_2_and_lists_every_attack()
    {
        var r = await CliRunner.RunAsync("eval", "--model", DefaultModel, "--attack", "gradient-magic");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("Unknown attack 'gradient-magic'", r.Stderr);
        Assert.All(AttackCatalog.Names, name => Assert.Contains(name, r.Stderr));
        Assert.DoesNotContain("   at ", r.Stderr);
    }

    [Fact]
    public async Task Usage_lists_the_catalog_attacks_and_knobs()
    {
        var r = await CliRunner.RunAsync("sweep", "--help");
        Assert.Equal(0, r.ExitCode);
        Assert.All(AttackCatalog.Names, name => Assert.Contains(name, r.Stdout));
        Assert.All(SweepKnobs.Names, name => Assert.Contains(name, r.Stdout));
    }

    [Fact]
    public async Task Sweep_prints_one_json_line_per_value_in_order()
    {
        var r = await CliRunner.RunAsync("sweep", "--model", DefaultModel, "--limit", "32", "--attack", "fgsm", "--knob", "eps", "--values", "0,0.1,0.3");
        Assert.True(r.ExitCode == 0, r.Stderr);
        var lines = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        var points = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal([0.0, 0.1, 0.3], points.Select(p => p.GetProperty("value").GetDouble()));
        Assert.Equal([0, 1, 2], points.Select(p => p.GetProperty("index").GetInt32()));
        Assert.All(points, p => Assert.Equal("eps", p.GetProperty("knob").GetString()));
        Assert.Equal(points[0].GetProperty("clean_accuracy").GetDouble(), points[0].GetProperty("adversarial_accuracy").GetDouble());
        Assert.True(points[2].GetProperty("adversarial_accuracy").GetDouble() < points[0].GetProperty("adversarial_accuracy").GetDouble());
    }

    [Fact]
    public async Task Sweep_range_and_transfer_matrix()
    {
        var r = await CliRunner.RunAsync("sweep", "--model", DefaultModel, "--limit", "16", "--attack", "pgd", "--steps", "2", "--eps", "0.1",
            "--knob", "kappa", "--range", "0:1:0.5", "--source-values", "0,1", "--series", "matrix");
        Assert.True(r.ExitCode == 0, r.Stderr);
        var points = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal([(0.0, 0.0), (0.0, 0.5), (0.0, 1.0), (1.0, 0.0), (1.0, 0.5), (1.0, 1.0)],
            points.Select(p => (p.GetProperty("source_value").GetDouble(), p.GetProperty("value").GetDouble())));
        Assert.All(points, p => Assert.Equal("matrix", p.GetProperty("series").GetString()));
        Assert.Equal("lenet-like, jumprelu:1", points[3].GetProperty("source").GetString());
    }

    [Fact]
    public async Task Gray_box_eval_crafts_on_the_relu_model()
    {
        var root = LastJson(await CliRunner.RunAsync("eval", "--model", DefaultModel, "--limit", "32", "--activation", "jumprelu:1",
            "--attack", "fgsm", "--eps", "0.2", "--source-activation", "relu", "--json"));
        Assert.Equal("relu", root.GetProperty("source_activation").GetString());
        Assert.Equal("jumprelu:1", root.GetProperty("activation").GetString());
        Assert.Equal(JsonValueKind.Number, root.GetProperty("adversarial_accuracy").ValueKind);
    }
}
