using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace RobustLab.Tests.Web;

// Hosts RobustLab.Web in memory (TestServer: no port) with models and data in a fresh temporary
// folder of its own, no warm-up and no download, so test classes can run in parallel.
public sealed class StartPageFactory : WebApplicationFactory<Program>
{
    public string Root { get; } = Directory.CreateTempSubdirectory("robustlab-web-").FullName;

    public string ModelsDirectory => Path.Combine(Root, "models");

    public string DataDirectory => Path.Combine(Root, "data");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RobustLab:ModelsDirectory"] = ModelsDirectory,
            ["RobustLab:DataDirectory"] = DataDirectory,
            ["RobustLab:WarmUpOnStartup"] = "false",
            ["RobustLab:DownloadMnist"] = "false",
        }));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(Root, recursive: true);
    }
}
