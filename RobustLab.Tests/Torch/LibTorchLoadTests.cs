using System.Runtime.InteropServices;
using RobustLab.Torch;
using TorchSharp;

namespace RobustLab.Tests.Torch;

/// <summary>libtorch loads from the build output (with the loader fix where this system needs it) and computes.</summary>
public sealed class LibTorchLoadTests
{
    [Fact]
    public void Libtorch_2_10_loads_and_computes_a_convolution_and_its_input_gradient()
    {
        LibTorch.EnsureLoaded();
        Assert.StartsWith("2.10.0", LibTorch.Version);
        using var scope = torch.NewDisposeScope();
        // One 2×2 kernel of ones over a 3×3 ramp: each output is the sum of its window; ∂(Σy)/∂x counts the windows per pixel.
        var x = torch.arange(9, dtype: torch.float32).reshape(1, 1, 3, 3).requires_grad_(true);
        var y = torch.nn.functional.conv2d(x, torch.ones(1, 1, 2, 2));
        Assert.Equal(new float[] { 8, 12, 20, 24 }, y.detach().data<float>().ToArray());
        var g = torch.autograd.grad([y.sum()], [x])[0];
        Assert.Equal(new float[] { 1, 2, 1, 2, 4, 2, 1, 2, 1 }, g.data<float>().ToArray());
    }

    [Fact]
    public void The_thread_setting_reaches_libtorch()
    {
        LibTorch.ApplyThreads(1);
        Assert.Equal(1, torch.get_num_threads());
        LibTorch.ApplyThreads(2);
        Assert.Equal(2, torch.get_num_threads());
        // A classifier call inside Parallelism.WithThreads(1, …) runs libtorch on one thread, as the engine's kernels.
        using var module = RobustLab.Torch.Modules.TorchNetwork.From(Engine.Models.ModelZoo.Create(Engine.Models.ModelZoo.LeNetLike));
        var model = new TorchClassifier(module, module.forward, [1, 28, 28], 10, "lenet-like", torch.CPU);
        int inside = Engine.Tensors.Parallelism.WithThreads(1, () =>
        {
            model.Logits(TorchFixture.Uniform(1, 0f, 1f, 1, 1, 28, 28));
            return torch.get_num_threads();
        });
        Assert.Equal(1, inside);
    }

    [Fact]
    public void The_build_output_copy_of_LibTorchSharp_needs_no_libstdcxx_version_this_system_lacks()
    {
        // Loaded by full path, as EnsureLoaded does: on Debian 12 this works only because the build marked GLIBCXX_3.4.32 weak.
        string dir = LibTorch.NativeDirectory() ?? throw new Xunit.Sdk.XunitException("no libLibTorchSharp in the test output");
        Assert.True(NativeLibrary.TryLoad(Path.Combine(dir, "libLibTorchSharp.so"), out _));
    }

    [Fact]
    public void The_loader_fix_changed_one_flag_of_the_output_copy_and_nothing_in_the_NuGet_cache()
    {
        // LibTorchSharpLoader.targets: where the system lacks GLIBCXX_3.4.32, the build output's copy differs from the package's
        // in exactly one byte, the vna_flags of that requirement: 0 → VER_FLG_WEAK (2). Where the system has it, not at all.
        byte[] output = File.ReadAllBytes(Path.Combine(LibTorch.NativeDirectory()!, "libLibTorchSharp.so"));
        byte[] package = File.ReadAllBytes(ShippedLibrary);
        Assert.Equal(package.Length, output.Length);
        var changed = Enumerable.Range(0, package.Length).Where(i => package[i] != output[i]).ToList();
        if (SystemHasGlibcxx3432) { Assert.Empty(changed); return; }
        int at = Assert.Single(changed);
        Assert.Equal(0, package[at]);
        Assert.Equal(2, output[at]);
    }

    private static string ShippedLibrary => Path.Combine(
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
        "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");

    // A libstdc++ that defines a version has its name in its string table (what the loader fix itself checks).
    private static bool SystemHasGlibcxx3432 =>
        File.ReadAllText("/usr/lib/x86_64-linux-gnu/libstdc++.so.6", System.Text.Encoding.Latin1).Contains("GLIBCXX_3.4.32\0");

    [Fact]
    public void Where_the_shipped_library_cannot_load_RobustLab_says_what_is_missing_and_what_to_do()
    {
        // The NuGet cache's copy is never patched: on a system whose libstdc++ lacks GLIBCXX_3.4.32 it fails to load with the
        // loader's message, which RobustLab turns into its own advice. Where the system has the version, it loads.
        string original = ShippedLibrary;
        Assert.True(File.Exists(original), original);
        bool systemHasIt = SystemHasGlibcxx3432;
        try
        {
            NativeLibrary.Load(original);
            Assert.True(systemHasIt, "the unpatched library loaded although the system's libstdc++ lacks GLIBCXX_3.4.32");
        }
        catch (DllNotFoundException e)
        {
            Assert.False(systemHasIt, e.Message);
            Assert.Contains("GLIBCXX_3.4.32", e.Message);
            string message = LibTorch.Explain(original, e.Message);
            Assert.Contains("GLIBCXX_3.4.32", message);
            Assert.Contains("libstdc++", message);
            Assert.Contains("LibTorchSharpLoader.targets", message);
            Assert.Contains("--backend native", message);
            Assert.DoesNotContain("not restored", message);
        }
    }

    [Fact]
    public void Asking_for_cuda_where_there_is_none_is_one_clear_line()
    {
        if (torch.cuda.is_available()) return; // a GPU machine with a CUDA build: nothing to refuse
        var e = Assert.Throws<LibTorchUnavailableException>(() => LibTorch.Device("cuda"));
        Assert.StartsWith("CUDA is not available", e.Message);
        Assert.DoesNotContain("\n", e.Message);
        Assert.Throws<ArgumentException>(() => LibTorch.Device("tpu"));
    }
}
