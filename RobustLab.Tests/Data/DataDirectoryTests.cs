// DataDirectoryTests: explicit argument > ROBUSTLAB_DATA > <repository root>/data > <current dir>/data.
// The rule is tested with its inputs passed in, so no test changes the process environment.
using RobustLab.Engine.Data;

namespace RobustLab.Tests.Data;

public sealed class DataDirectoryTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Repo()
    {
        _temp.Write([], "repo", "RobustLab.sln");
        return Directory.CreateDirectory(_temp.File("repo", "RobustLab.Web", "bin", "Debug", "net10.0")).FullName;
    }

    [Fact]
    public void Explicit_directory_wins_and_is_made_absolute()
    {
        string resolved = DataDirectory.Resolve("my-data", "/env/data", Repo(), _temp.Root);
        Assert.Equal(_temp.File("my-data"), resolved);
    }

    [Fact]
    public void Environment_variable_comes_next()
    {
        Assert.Equal(_temp.File("env"), DataDirectory.Resolve(null, _temp.File("env"), Repo(), _temp.Root));
        Assert.Equal(_temp.File("env"), DataDirectory.Resolve("  ", _temp.File("env"), Repo(), _temp.Root));
    }

    [Fact]
    public void Repository_root_is_found_by_walking_up_to_the_solution_file()
    {
        Assert.Equal(_temp.File("repo", "data"), DataDirectory.Resolve(null, null, Repo(), _temp.File("elsewhere")));
    }

    [Fact]
    public void Current_directory_is_the_last_resort()
    {
        string outside = Directory.CreateDirectory(_temp.File("no-solution", "bin")).FullName;
        Assert.Equal(_temp.File("cwd", "data"), DataDirectory.Resolve(null, "", outside, _temp.File("cwd")));
    }

    [Fact]
    public void Without_overrides_the_test_binaries_resolve_to_the_repository_data_folder()
    {
        string? root = DataDirectory.FindRepositoryRoot(AppContext.BaseDirectory);
        Assert.NotNull(root);
        Assert.True(File.Exists(Path.Combine(root, "RobustLab.sln")));
        Assert.Equal(Path.Combine(root, "data"), DataDirectory.Resolve(null, null, AppContext.BaseDirectory, _temp.Root));
    }
}
