using RobustLab.Engine.Data;
using RobustLab.Web.Services;

namespace RobustLab.Tests.Web;

public sealed class LabPathsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("robustlab-paths-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Finds_the_repository_root_above_the_start_directory()
    {
        File.WriteAllText(Path.Combine(_root, LabPaths.SolutionFile), "");
        var nested = Directory.CreateDirectory(Path.Combine(_root, "RobustLab.Web", "bin", "Debug")).FullName;
        Assert.Equal(_root, LabPaths.FindRepositoryRoot(nested));
        Assert.Null(LabPaths.FindRepositoryRoot(Path.GetTempPath()));
    }

    [Fact]
    public void Defaults_to_models_beside_the_solution_and_the_engines_data_directory()
    {
        File.WriteAllText(Path.Combine(_root, LabPaths.SolutionFile), "");
        var contentRoot = Directory.CreateDirectory(Path.Combine(_root, "RobustLab.Web")).FullName;
        var paths = LabPaths.Resolve(new LabOptions(), contentRoot);
        Assert.Equal(_root, paths.RepositoryRoot);
        Assert.Equal(Path.Combine(_root, "models"), paths.ModelsDirectory);
        Assert.Equal(DataDirectory.Resolve(), paths.DataDirectory); // shared with the CLI ($ROBUSTLAB_DATA, else data/ of this repository)
        Assert.Equal(Path.Combine(_root, "models", "lenet-like.safetensors"), paths.ModelFile("lenet-like"));
    }

    [Fact]
    public void Configured_directories_win_and_relative_ones_start_at_the_repository_root()
    {
        File.WriteAllText(Path.Combine(_root, LabPaths.SolutionFile), "");
        var elsewhere = Path.Combine(Path.GetTempPath(), "elsewhere");
        var paths = LabPaths.Resolve(new LabOptions { ModelsDirectory = "artifacts/models", DataDirectory = elsewhere }, _root);
        Assert.Equal(Path.Combine(_root, "artifacts", "models"), paths.ModelsDirectory);
        Assert.Equal(elsewhere, paths.DataDirectory);
    }

    [Fact]
    public void Pages_show_paths_relative_to_the_repository_or_by_their_last_folder()
    {
        var paths = new LabPaths(_root, Path.Combine(_root, "models"), Path.Combine(_root, "data"));
        Assert.Equal("models/lenet-like.safetensors", paths.Shown(paths.ModelFile("lenet-like")));
        Assert.Equal("data/mnist", paths.Shown(Path.Combine(_root, "data", "mnist") + Path.DirectorySeparatorChar));
        var elsewhere = Path.Combine(Path.GetTempPath(), "elsewhere", "lenet-like.safetensors");
        Assert.Equal("…/elsewhere/lenet-like.safetensors", paths.Shown(elsewhere));
        Assert.Equal("Cannot read data/mnist/t10k-images-idx3-ubyte.", paths.ShownIn($"Cannot read {Path.Combine(_root, "data", "mnist", "t10k-images-idx3-ubyte")}."));
    }
}
