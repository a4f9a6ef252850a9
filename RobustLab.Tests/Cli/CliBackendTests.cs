using System.Text.Json;

namespace RobustLab.Tests.Cli;

/// <summary>
/// The backend contract of eval and sweep: --backend native|torch, --device cpu|cuda, --model &lt;file&gt;.pt (TorchScript),
/// --input-shape, and "backend"/"device" in the JSON output; the default backend works where libtorch is absent.
/// </summary>
public sealed class CliBackendTests
{
    private static string Zoo => Path.Combine(CliRunner.RepositoryRoot, "models", "lenet-like.safetensors");
    private static string Fixtures => Path.Combine(CliRunner.RepositoryRoot, "RobustLab.Tests", "Fixtures", "torchscript");
    private static string Script => Path.Combine(Fixtures, "resnet-mini.pt");

    private static JsonElement Json(CliRunner.Result r)
    {
        Assert.True(r.ExitCode == 0, r.Stderr);
        return JsonDocument.Parse(r.Stdout).RootElement;
    }

    [Fact]
    public async Task A_zoo_model_gives_the_same_numbers_on_both_backends_and_the_json_says_which()
    {
        string[] common = ["eval", "--model", Zoo, "--limit", "100", "--attack", "pgd", "--eps", "0.1", "--steps", "5", "--json"];
        var native = Json(await CliRunner.RunAsync(common));
        var torch = Json(await CliRunner.RunAsync([.. common, "--backend", "torch", "--device", "cpu"]));
        Assert.Equal("native", native.GetProperty("backend").GetString());
        Assert.Equal("torch", torch.GetProperty("backend").GetString());
        Assert.Equal("cpu", torch.GetProperty("device").GetString());
        foreach (var field in new[] { "clean_accuracy", "adversarial_accuracy", "attack_success_rate", "fooling_rate" })
            Assert.Equal(native.GetProperty(field).GetDouble(), torch.GetProperty(field).GetDouble());
        Assert.Equal(native.GetProperty("rho_l2").GetDouble(), torch.GetProperty("rho_l2").GetDouble(), 4);
    }

    [Fact]
    public async Task A_TorchScript_model_not_in_the_zoo_gives_PyTorchs_clean_and_fgsm_accuracy()
    {
        // tools/torchscript_fixture.py: a ResNet-style model (BatchNorm, a residual block, global average pooling) and what
        // PyTorch 1.13 measured on the first 200 MNIST test images.
        var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(Fixtures, "resnet-mini.expected.json"))).RootElement;
        var r = Json(await CliRunner.RunAsync("eval", "--model", Script, "--limit", "200", "--attack", "fgsm", "--eps", "0.1", "--json"));
        Assert.Equal("torch", r.GetProperty("backend").GetString());
        Assert.Equal("torchscript", r.GetProperty("architecture").GetString());
        Assert.Equal(expected.GetProperty("clean_accuracy").GetDouble(), r.GetProperty("clean_accuracy").GetDouble(), 5);
        Assert.Equal(expected.GetProperty("fgsm_accuracy").GetDouble(), r.GetProperty("adversarial_accuracy").GetDouble(), 5);
    }

    [Fact]
    public async Task Transfer_runs_both_ways_between_the_engine_and_a_TorchScript_model()
    {
        var toScript = Json(await CliRunner.RunAsync("eval", "--model", Script, "--source-model", Zoo, "--limit", "50", "--attack", "fgsm", "--eps", "0.2", "--json"));
        Assert.True(toScript.GetProperty("transfer_rate").ValueKind == JsonValueKind.Number);
        var fromScript = Json(await CliRunner.RunAsync("eval", "--model", Zoo, "--source-model", Script, "--limit", "50", "--attack", "fgsm", "--eps", "0.2", "--json"));
        Assert.Equal("native", fromScript.GetProperty("backend").GetString());
        Assert.True(fromScript.GetProperty("adversarial_accuracy").GetDouble() < fromScript.GetProperty("clean_accuracy").GetDouble());
    }

    [Fact]
    public async Task A_sweep_on_libtorch_streams_points_that_name_the_backend()
    {
        var r = await CliRunner.RunAsync("sweep", "--model", Zoo, "--backend", "torch", "--limit", "30", "--knob", "kappa", "--values", "0,0.5");
        Assert.True(r.ExitCode == 0, r.Stderr);
        var lines = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        foreach (var line in lines)
        {
            var point = JsonDocument.Parse(line).RootElement;
            Assert.Equal("torch", point.GetProperty("backend").GetString());
            Assert.Equal("cpu", point.GetProperty("device").GetString());
        }
    }

    [Fact]
    public async Task A_TorchScript_model_sweeps_the_knobs_that_need_no_activation_slot_and_refuses_the_others()
    {
        var r = await CliRunner.RunAsync("sweep", "--model", Script, "--limit", "30", "--knob", "eps", "--values", "0,0.1", "--attack", "fgsm");
        Assert.True(r.ExitCode == 0, r.Stderr);
        var points = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(2, points.Count);
        Assert.All(points, p => Assert.Equal("torch", p.GetProperty("backend").GetString()));
        Assert.True(points[1].GetProperty("adversarial_accuracy").GetDouble() < points[0].GetProperty("adversarial_accuracy").GetDouble());
        var kappa = await CliRunner.RunAsync("sweep", "--model", Script, "--limit", "30", "--knob", "kappa", "--values", "0,0.5");
        Assert.NotEqual(0, kappa.ExitCode);
        Assert.Contains("activations are compiled into its own code", kappa.Stderr);
        Assert.DoesNotContain("   at ", kappa.Stderr);
    }

    [Theory]
    [InlineData(new[] { "--backend", "gpu" }, "--backend must be native or torch")]
    [InlineData(new[] { "--device", "tpu" }, "--device must be cpu or cuda")]
    [InlineData(new[] { "--device", "cuda" }, "--device cuda needs --backend torch")]
    [InlineData(new[] { "--input-shape", "1,28,28" }, "--input-shape applies to TorchScript models")]
    public async Task Bad_backend_options_are_usage_errors(string[] extra, string message)
    {
        var r = await CliRunner.RunAsync(["eval", "--model", Zoo, .. extra]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Stderr);
    }

    [Fact]
    public async Task Cuda_where_there_is_none_is_one_clear_line()
    {
        var r = await CliRunner.RunAsync("eval", "--model", Zoo, "--limit", "5", "--backend", "torch", "--device", "cuda");
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith("robustlab: CUDA is not available", r.Stderr);
        Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData(new[] { "--activation", "jumprelu:1" }, "activations are compiled into its own code")]
    [InlineData(new[] { "--input-shape", "3,32,32" }, "does not take input [N,3,32,32]")]
    [InlineData(new[] { "--backend", "native" }, "runs on --backend torch only")]
    public async Task A_TorchScript_model_refuses_what_it_cannot_do_and_says_why(string[] extra, string message)
    {
        var r = await CliRunner.RunAsync(["eval", "--model", Script, "--limit", "5", .. extra]);
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains(message, r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
    }

    [Fact]
    public async Task A_file_that_is_not_TorchScript_is_refused_with_a_clear_message()
    {
        using var temp = new TempDirectory();
        string fake = temp.Write(File.ReadAllBytes(Zoo), "not-torchscript.pt");
        var r = await CliRunner.RunAsync("eval", "--model", fake, "--limit", "5");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("is not a TorchScript archive libtorch can load", r.Stderr);
    }

    [Fact]
    public async Task Without_libtorch_the_native_backend_works_and_torch_says_what_is_missing()
    {
        // A copy of the CLI's build output without its native libraries (runtimes/): libtorch is absent.
        using var temp = new TempDirectory();
        foreach (var file in Directory.GetFiles(AppContext.BaseDirectory))
            File.Copy(file, Path.Combine(temp.Root, Path.GetFileName(file)));
        var native = await CliRunner.RunFromAsync(temp.Root, "eval", "--model", Zoo, "--limit", "20", "--json");
        Assert.Equal(1.0, Json(native).GetProperty("clean_accuracy").GetDouble());
        var torch = await CliRunner.RunFromAsync(temp.Root, "eval", "--model", Zoo, "--limit", "20", "--backend", "torch");
        Assert.Equal(1, torch.ExitCode);
        Assert.StartsWith("robustlab: libtorch is not part of this build", torch.Stderr);
        Assert.Contains("--backend native", torch.Stderr);
        Assert.DoesNotContain("not restored", torch.Stderr + torch.Stdout);
    }
}
