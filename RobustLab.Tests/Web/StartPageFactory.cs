using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace RobustLab.Tests.Web;

// Hosts RobustLab.Web in memory (TestServer: no port) on a temporary lab folder of its own, with no
// warm-up and no download, so test classes can run in parallel.
public abstract class StartPageFactory(bool withModel, bool withData) : WebApplicationFactory<Program>
{
    private readonly TinyLab _lab = new(withModel, withData);

    public string ModelsDirectory => _lab.ModelsDirectory;

    public string DataDirectory => _lab.DataDirectory;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RobustLab:ModelsDirectory"] = ModelsDirectory,
            ["RobustLab:DataDirectory"] = DataDirectory,
            ["RobustLab:RegistryDirectory"] = Path.Combine(DataDirectory, "..", "registry"),
            ["RobustLab:WarmUpOnStartup"] = "false",
            ["RobustLab:DownloadMnist"] = "false",
        }));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _lab.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>Nothing there yet: no model file, no MNIST.</summary>
public sealed class EmptyLabFactory() : StartPageFactory(withModel: false, withData: false);

/// <summary>An untrained lenet-like and a 300-image MNIST-format test split.</summary>
public sealed class TinyLabFactory() : StartPageFactory(withModel: true, withData: true);
