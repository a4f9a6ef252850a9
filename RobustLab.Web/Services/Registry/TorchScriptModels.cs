using RobustLab.Engine.Sweeps;
using RobustLab.Torch;
using RobustLab.Torch.TorchScript;
using TorchSharp;

namespace RobustLab.Web.Services.Registry;

/// <summary>
/// The one place the web app touches RobustLab.Torch (and so TorchSharp and libtorch): a registered TorchScript model is
/// loaded, probed and described here. Nothing here runs unless a TorchScript model is uploaded or used, so on a machine
/// where libtorch cannot load the app starts and works on the native engine, and these calls fail with RobustLab.Torch's
/// own message (<see cref="LibTorchUnavailableException"/>), as a <see cref="RegistryException"/>.
/// </summary>
public static class TorchScriptModels
{
    /// <summary>What <see cref="RegisteredModel.Architecture"/> says for a TorchScript model.</summary>
    public const string Architecture = TorchScriptModel.Architecture;

    /// <summary>Why a TorchScript model has no activation controls (the Lab shows it; a retrofit request is refused with it).</summary>
    public const string NoRetrofitReason =
        "a TorchScript model's activations are compiled into its own code, so there are no activation slots to retrofit JumpReLU, SReLU or BPDA into";

    /// <summary>
    /// Loads <paramref name="path"/> within <paramref name="timeout"/> and checks it: it loads, a zero batch gives finite
    /// logits [2,K] for a probed input shape, and a batch of random images gives finite logits [8,K].
    /// </summary>
    /// <param name="shown">What messages call the file.</param>
    /// <exception cref="RegistryException">libtorch is unavailable, the archive does not load in time, or its model does not fit.</exception>
    public static async Task<ModelSpec> ProbeAsync(string path, string shown, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        // NOTE: a load that overruns cannot be stopped inside libtorch; it is abandoned (its thread finishes on its own) and
        // the file is refused. The time limit is against an archive whose code hangs, not against a slow machine.
        var load = Task.Run(() => Check(path, shown), CancellationToken.None);
        try
        {
            return await load.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new RegistryException($"{shown} did not load and answer a probe batch within {timeout.TotalSeconds:0.#} s " +
                "(RobustLab:Registry:TorchScriptLoadSeconds); it was not registered.");
        }
    }

    private static ModelSpec Check(string path, string shown)
    {
        try
        {
            var model = TorchScriptModel.Load(path, displayName: shown);
            var spec = model.Spec(shown);
            using var classifier = (TorchClassifier)spec.CreateClassifier();
            var rng = new Random(0);
            var x = new Engine.Tensors.Tensor([8, .. model.Shape]);
            for (int i = 0; i < x.Length; i++) x[i] = rng.NextSingle();
            var z = classifier.Logits(x);
            if (z.Data.Any(v => !float.IsFinite(v))) throw new InvalidDataException($"{shown}: the model's logits for random images are not all finite.");
            return spec;
        }
        catch (LibTorchUnavailableException e)
        {
            throw new RegistryException($"TorchScript models cannot be used on this server: {e.Message}", e);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or IOException)
        {
            throw new RegistryException($"{shown} is not a TorchScript model the lab can use: " +
                e.Message.Replace("give it as --input-shape C,H,W.", "the lab probes 1×28×28 (MNIST) and 3×32×32 (CIFAR-10) images."), e);
        }
    }

    /// <summary>A registered TorchScript model, loaded (the registry checked it on import) for <paramref name="inputShape"/>.</summary>
    /// <exception cref="RegistryException">libtorch is unavailable or the file no longer loads.</exception>
    public static ModelSpec Load(string path, int[] inputShape, string name)
    {
        try
        {
            return TorchScriptModel.Load(path, inputShape, displayName: name).Spec(name);
        }
        catch (LibTorchUnavailableException e)
        {
            throw new RegistryException($"'{name}' is a TorchScript model, which needs libtorch: {e.Message}", e, RegistryRefusal.Damaged);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or IOException)
        {
            throw new RegistryException($"The file of '{name}' does not load: {e.Message}", e, RegistryRefusal.Damaged);
        }
    }

    /// <summary>Its submodules as libtorch lists them (named_modules), each with its own parameters (named_parameters).</summary>
    public static IReadOnlyList<LayerSummary> Submodules(ModelSpec spec)
    {
        var model = (TorchScriptModel)spec.Backend!;
        LibTorch.EnsureLoaded();
        using var scope = torch.NewDisposeScope();
        using var module = torch.jit.load(model.Path);
        var layers = new List<LayerSummary>();
        foreach (var (name, submodule) in module.named_modules())
        {
            // NOTE: a ScriptModule's named_parameters recurses whatever recurse says: its own are those without a dot.
            var own = submodule.named_parameters(recurse: false).Where(p => !p.name.Contains('.')).ToList();
            if (own.Count == 0 && submodule.named_children().Any()) continue; // a container: its children are listed
            string kind = own.Count == 0 ? "no parameters"
                : string.Join(", ", own.Select(p => $"{p.name} {string.Join("×", p.parameter.shape)}"));
            layers.Add(new LayerSummary(string.IsNullOrEmpty(name) ? "(root)" : name, kind, "", (int)own.Sum(p => p.parameter.numel())));
        }
        return layers;
    }
}
