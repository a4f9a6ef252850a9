using System.Runtime.InteropServices;
using TorchSharp;

namespace RobustLab.Torch;

/// <summary>Loads libtorch once, with RobustLab's own diagnosis when it cannot, and resolves devices and threads.</summary>
/// <remarks>
/// TorchSharp's own loader, when libLibTorchSharp.so fails to load for any reason, says that "the libtorch package is not
/// restored" (and prints that to standard output). The usual reason on Debian 12 is quite another: the library needs a newer
/// libstdc++ (GLIBCXX_3.4.32). So before TorchSharp is touched, <see cref="EnsureLoaded"/> loads the library itself from the
/// application's folder and, if that fails, reports the loader's own error with what to do about it.
/// </remarks>
public static class LibTorch
{
    private static readonly Lock Gate = new();
    private static bool _loaded;
    // NOTE: per thread: libtorch's CPU build sets OpenMP's thread count (omp_set_num_threads), which binds the calling thread.
    [ThreadStatic] private static int t_threads;

    /// <summary>The libtorch version of the referenced native package.</summary>
    public static string Version => torch.__version__;

    /// <summary>Where the native libraries of this build are (the application's runtimes folder), or null if it has none.</summary>
    public static string? NativeDirectory()
    {
        string rid = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "win-x64"
            : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "osx-arm64" : "linux-x64";
        return new[] { Path.Combine(AppContext.BaseDirectory, "runtimes", rid, "native"), AppContext.BaseDirectory }
            .FirstOrDefault(d => File.Exists(Path.Combine(d, LibraryFile)));
    }

    private static string LibraryFile =>
        RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "LibTorchSharp.dll"
        : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "libLibTorchSharp.dylib" : "libLibTorchSharp.so";

    /// <summary>Loads libtorch (once) or throws <see cref="LibTorchUnavailableException"/> saying why.</summary>
    public static void EnsureLoaded()
    {
        lock (Gate)
        {
            if (_loaded) return;
            string? dir = NativeDirectory() ?? throw new LibTorchUnavailableException(
                $"libtorch is not part of this build: {LibraryFile} is not in {AppContext.BaseDirectory} or its runtimes folder. " +
                "Build the program from RobustLab.sln (RobustLab.Torch references TorchSharp and the libtorch package named by the " +
                "LibTorchPackage property), or use --backend native.");
            string path = Path.Combine(dir, LibraryFile);
            try
            {
                NativeLibrary.Load(path);
            }
            catch (DllNotFoundException e)
            {
                throw new LibTorchUnavailableException(Explain(path, e.Message), e);
            }
            try
            {
                torch.InitializeDeviceType(DeviceType.CPU);
            }
            catch (Exception e) when (e is NotSupportedException or DllNotFoundException or EntryPointNotFoundException)
            {
                throw new LibTorchUnavailableException($"libtorch did not start from {dir}: {FirstLine(e.Message)} Use --backend native.", e);
            }
            _loaded = true;
        }
    }

    /// <summary>What the loader said, and what to do about the common cases.</summary>
    internal static string Explain(string path, string loaderMessage)
    {
        string said = LoaderLine(loaderMessage);
        string advice = said.Contains("GLIBCXX", StringComparison.Ordinal)
            ? "This system's libstdc++ is older than the one TorchSharp was built with. A build marks that version requirement weak " +
              "in its own copy of the library (RobustLab.Torch/Loader/LibTorchSharpLoader.targets): rebuild (dotnet build), or " +
              "install a libstdc++ that has the version named above (GCC 13 or newer)."
            : said.Contains("No such file", StringComparison.Ordinal) || said.Contains("cannot open shared object", StringComparison.Ordinal)
                ? "A library libtorch needs is missing from the build output: restore and rebuild (dotnet build) so that the libtorch " +
                  "package's files are copied beside it."
                : "Rebuild (dotnet build); if it persists, the libtorch package may not suit this system.";
        return $"libtorch cannot be loaded: {path}: {said} {advice} The native backend (--backend native, the default) does not need libtorch.";
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    // .NET wraps the dynamic loader's error (dlerror) in lines of general advice: keep the loader's own line.
    private static string LoaderLine(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.FirstOrDefault(l => l.Contains("GLIBCXX", StringComparison.Ordinal) || l.Contains("GLIBC_", StringComparison.Ordinal))
            ?? lines.FirstOrDefault(l => l.Contains("cannot open shared object", StringComparison.Ordinal) || l.Contains("not found", StringComparison.Ordinal))
            ?? (lines.Length > 0 ? lines[^1] : text.Trim());
    }

    /// <summary>The device for a name: "cpu", or "cuda" where a CUDA build of libtorch and a GPU are present.</summary>
    public static torch.Device Device(string name)
    {
        EnsureLoaded();
        return name switch
        {
            "cpu" => torch.CPU,
            "cuda" when CudaAvailable() => torch.CUDA,
            "cuda" => throw new LibTorchUnavailableException(
                $"CUDA is not available: this build's libtorch ({Version}, package {NativePackage}) has no CUDA support or no GPU is present; use --device cpu."),
            _ => throw new ArgumentException($"Unknown device '{name}': cpu or cuda."),
        };
    }

    private static bool CudaAvailable()
    {
        // NOTE: only a CUDA build of libtorch has libtorch_cuda; asking TorchSharp to start CUDA without it would print its
        // misleading "not restored" message to standard output (into a --json record) before failing.
        string? dir = NativeDirectory();
        string cudaLibrary = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "torch_cuda.dll" : "libtorch_cuda.so";
        if (dir is null || !File.Exists(Path.Combine(dir, cudaLibrary))) return false;
        try
        {
            torch.InitializeDeviceType(DeviceType.CUDA);
            return torch.cuda.is_available();
        }
        catch (Exception e) when (e is NotSupportedException or DllNotFoundException or EntryPointNotFoundException) { return false; }
    }

    /// <summary>The native package this build references (from the assembly's metadata, written by the project file).</summary>
    public static string NativePackage =>
        typeof(LibTorch).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .OfType<System.Reflection.AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "LibTorchPackage")?.Value ?? "unknown";

    /// <summary>libtorch's intra-op threads for work started on this thread (the engine's Parallelism.CurrentThreads).</summary>
    public static void ApplyThreads(int threads)
    {
        EnsureLoaded();
        if (t_threads == threads) return;
        torch.set_num_threads(threads);
        t_threads = threads;
    }
}
