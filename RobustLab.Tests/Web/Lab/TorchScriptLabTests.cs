using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RobustLab.Engine.Data;
using RobustLab.Engine.Sweeps;
using RobustLab.Tests.Web.Jobs;
using RobustLab.Web.Services.Jobs;
using RobustLab.Web.Services.Tradeoffs;
using RobustLab.Tests.Cli;
using RobustLab.Tests.Web.Registry;
using RobustLab.Web.Services;
using RobustLab.Web.Services.Lab;
using RobustLab.Web.Services.Limits;
using RobustLab.Web.Services.Registry;
using RobustLab.Web.Services.Training;
using TrainedModel = RobustLab.Tests.Attacks.TrainedModel;

namespace RobustLab.Tests.Web.Lab;

// A registered TorchScript model (resnet-mini.pt) on the Lab's computation, on Trade-offs and in its model card: the Lab
// lists it and attacks it (wrapper defenses included), a retrofit request is refused server-side with the reason,
// Trade-offs sweeps it (and refuses an activation knob), and its card has libtorch's submodules, PyTorch's parameter
// count and the clean accuracy.
public sealed class TorchScriptLabTests : IDisposable
{
    private const string Name = "resnet-mini";
    private readonly CommittedModelLab _lab = new(allowTorchScript: true);
    private ModelRegistry _models => _lab.Registry;
    private LabResources _resources => _lab.Resources;
    private TrainingData _data => _lab.Data;
    private LabService _service => _lab.Service;

    public TorchScriptLabTests()
    {
        using var file = File.OpenRead(TorchScriptRegistryTests.Fixture("resnet-mini.pt"));
        _models.ImportAsync(Name, file, "resnet-mini.pt").GetAwaiter().GetResult();
    }

    public void Dispose() => _lab.Dispose();

    private static LabState State(Action<LabState>? configure = null)
    {
        var test = TrainedModel.MnistTest(1, 0);
        var state = new LabState();
        state.SetImage(LabImage.Validated(test.Images.Data, test.Labels[0], ImageSource.Mnist, "test #0", 0));
        state.SetModel(Name, [Name]);
        configure?.Invoke(state);
        return state;
    }

    [Fact]
    public async Task The_Lab_lists_and_attacks_it_with_the_wrapper_defenses()
    {
        Assert.Contains(Name, _resources.ModelNames());
        Assert.Contains("activation slots", _resources.NoRetrofitReason(Name));
        Assert.Null(_resources.NoRetrofitReason("lenet-like"));

        var result = await _service.ComputeAsync(State(s => s.Epsilon = 0.2)!.ToRequest()!);
        var view = Assert.Single(result.Attacks);
        Assert.Contains("TorchScript", view.Model);
        Assert.Equal(1f, view.Probabilities.Clean.Sum(), 3);
        Assert.InRange(view.Linf, 0f, 0.2f + 1e-5f);
        Assert.True(view.Linf > 0);

        // Compare, with input scaling on the defended side: two libtorch instances, one per attack.
        result = await _service.ComputeAsync(State(s => { s.Compare = true; s.InputScaling = true; s.Scale = 2; }).ToRequest()!);
        Assert.Equal(2, result.Attacks.Count);
        Assert.All(result.Attacks, a => Assert.All(a.Probabilities.Adversarial, p => Assert.True(float.IsFinite(p))));
    }

    [Theory]
    [InlineData("jumprelu", false)]
    [InlineData("srelu", false)]
    [InlineData("relu", true)]
    public async Task A_retrofit_request_on_it_is_refused_with_the_reason(string activation, bool bpda)
    {
        var request = State(s => s.Activation = activation).ToRequest()! with { Bpda = bpda };
        var e = await Assert.ThrowsAsync<ArgumentException>(() => _service.ComputeAsync(request));
        Assert.Contains($"Activation retrofits are off for {Name}", e.Message);
        Assert.Contains("no activation slots", e.Message);
    }

    [Fact]
    public async Task Its_card_has_libtorchs_submodules_PyTorchs_parameter_count_and_the_clean_accuracy()
    {
        var card = await new ModelCards(_models, _data).GetAsync(Name);
        Assert.Equal(("torchscript", "libtorch (TorchScript)", "1×28×28", 10, "mnist"), (card.Architecture, card.Backend, card.InputShape, card.Classes, card.Dataset));
        Assert.Equal(9850, card.ParameterCount); // resnet-mini.expected.json: PyTorch's own count
        Assert.Contains(card.Layers, l => l.Name == "block.conv1" && l.Kind.Contains("weight 16×16×3×3"));
        Assert.Contains(card.Layers, l => l.Name == "fc" && l.Parameters == 330);
        var accuracy = Assert.IsType<AccuracyResult>(card.Accuracy);
        Assert.Equal(ModelCards.Examples, accuracy.Total);
        Assert.InRange(accuracy.Accuracy, 0.6, 0.9); // PyTorch: 0.745 on the first 200
        Assert.NotNull(card.NoRetrofitReason);

        var native = await new ModelCards(_models, _data).GetAsync("lenet-like");
        Assert.Equal("native", native.Backend);
        Assert.Null(native.NoRetrofitReason);
        Assert.True(native.Accuracy!.Accuracy > 0.9);
    }

    [Fact]
    public async Task Trade_offs_sweeps_it_and_refuses_an_activation_knob()
    {
        using var queue = new JobQueue(Options.Create(new JobQueueOptions { Concurrency = 1 }), NullLogger<JobQueue>.Instance);
        using var circuit = new CircuitJobs(queue);
        var session = new SweepSession(circuit, _models, _data, Options.Create(new LimitsOptions()), NullLogger<SweepSession>.Instance);
        var fgsm = new TradeoffsState
        {
            Model = Name, Knob = SweepKnobs.Epsilon, ValuesMode = ValuesMode.List, ValuesText = "0, 0.1", Attack = "fgsm", Examples = 64,
            Measures = PlotMeasures.CleanAccuracy | PlotMeasures.AdversarialAccuracy,
        };
        Assert.True(await session.StartAsync(fgsm), string.Join(" ", session.Errors));
        Assert.Equal(JobState.Completed, (await session.Job!.Completion.Bounded()).State);
        var series = Assert.Single(session.View().Series);
        var (none, attacked) = (series.Points[0], series.Points[1]);
        Assert.Equal(none.CleanAccuracy, none.AdversarialAccuracy);
        Assert.True(attacked.AdversarialAccuracy < attacked.CleanAccuracy - 0.2f, $"{attacked}"); // PyTorch: 0.745 → 0.01 at ε = 0.1

        Assert.False(await session.StartAsync(fgsm with { Knob = SweepKnobs.Kappa, ValuesText = "0, 0.5" }));
        Assert.Contains("activation", string.Join(" ", session.Errors));
    }

    [Fact]
    public void Training_cannot_start_from_it()
    {
        var errors = new TrainingRequest(StartFrom: Name).Validate(_models.Find(Name)!.Architecture);
        Assert.Contains(errors, e => e.Contains("cannot start from it", StringComparison.Ordinal));
        Assert.Empty(new TrainingRequest(StartFrom: "lenet-like").Validate("lenet-like"));
    }
}
