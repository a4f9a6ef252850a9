using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace RobustLab.Tests.Web.Limits;

/// <summary>The app in memory (TestServer) on an empty lab, with small circuit limits: 2 per client, 3 in total.</summary>
public sealed class LimitsLabFactory : StartPageFactory
{
    public const int PerClient = 2, Total = 3, RetryAfter = 7;

    public LimitsLabFactory() : base(withModel: false, withData: false) { }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RobustLab:Limits:CircuitsPerClient"] = PerClient.ToString(),
            ["RobustLab:Limits:CircuitsTotal"] = Total.ToString(),
            ["RobustLab:Limits:RetryAfterSeconds"] = RetryAfter.ToString(),
        }));
    }
}

/// <summary>The app in memory with the settings a test gives (on top of an empty lab's).</summary>
public sealed class SettingsLabFactory(IReadOnlyDictionary<string, string?> settings) : StartPageFactory(withModel: false, withData: false)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(settings));
    }
}
