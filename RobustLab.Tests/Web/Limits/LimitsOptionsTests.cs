using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RobustLab.Tests.Cli;
using RobustLab.Web.Services.Jobs;
using RobustLab.Web.Services.Limits;

namespace RobustLab.Tests.Web.Limits;

// The limits' settings: appsettings.json holds the documented defaults, and a value out of range stops the app at
// startup with a message that names the setting.
public sealed class LimitsOptionsTests
{
    private static IConfiguration AppSettings() => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(CliRunner.RepositoryRoot, "RobustLab.Web", "appsettings.json"))
        .Build();

    [Fact]
    public void Appsettings_holds_the_defaults_and_they_are_valid()
    {
        var configured = AppSettings().GetSection(LimitsOptions.Section).Get<LimitsOptions>()!;
        var defaults = new LimitsOptions();
        foreach (var property in typeof(LimitsOptions).GetProperties().Where(p => p.CanWrite))
            Assert.True(Equals(property.GetValue(defaults), property.GetValue(configured)),
                $"{property.Name}: appsettings.json has {property.GetValue(configured)}, the class {property.GetValue(defaults)}.");
        Assert.True(new LimitsOptionsValidator().Validate(null, configured).Succeeded);

        var jobs = AppSettings().GetSection(JobQueueOptions.Section).Get<JobQueueOptions>()!;
        Assert.Equal(1, jobs.PerUser);
        Assert.Equal(16, jobs.MaxQueued);
        Assert.True(new JobQueueOptionsValidator().Validate(null, jobs).Succeeded);
    }

    [Theory]
    [InlineData("CircuitsPerClient", "0", "RobustLab:Limits:CircuitsPerClient must be between 1 and 100,000, got 0.")]
    [InlineData("CircuitsTotal", "-5", "RobustLab:Limits:CircuitsTotal must be between 1 and 100,000, got -5.")]
    [InlineData("CircuitsPerClient", "500", "RobustLab:Limits:CircuitsPerClient (500) must not exceed CircuitsTotal (200).")]
    [InlineData("ComputationsPerSecond", "0", "RobustLab:Limits:ComputationsPerSecond must be between 0.1 and 1,000, got 0.")]
    [InlineData("PointsPerSeries", "5000", "RobustLab:Limits:PointsPerSeries must be between 1 and 1,000, got 5,000.")]
    [InlineData("SeriesPerPlot", "0", "RobustLab:Limits:SeriesPerPlot must be between 1 and 64, got 0.")]
    [InlineData("PointsPerRun", "10", "RobustLab:Limits:PointsPerRun (10) must be at least PointsPerSeries (50).")]
    [InlineData("UploadBytes", "100", "RobustLab:Limits:UploadBytes must be between 1,024 and 268,435,456, got 100.")]
    [InlineData("UploadSide", "10", "RobustLab:Limits:UploadSide must be between 28 and 16,384, got 10.")]
    [InlineData("RetryAfterSeconds", "0", "RobustLab:Limits:RetryAfterSeconds must be between 1 and 3,600, got 0.")]
    public void A_value_out_of_range_is_named_in_the_message(string key, string value, string message)
    {
        var options = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build().Get<LimitsOptions>()!;
        var result = new LimitsOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains(message, result.Failures!);
    }

    [Fact]
    public void Jobs_per_user_must_be_at_least_one()
    {
        var result = new JobQueueOptionsValidator().Validate(null, new JobQueueOptions { PerUser = 0, MaxQueued = -1 });
        Assert.Contains("RobustLab:Jobs:PerUser must be between 1 and 100, got 0.", result.Failures!);
        Assert.Contains("RobustLab:Jobs:MaxQueued must be between 0 and 100,000, got -1.", result.Failures!);
    }

    [Fact]
    public async Task The_app_does_not_start_with_a_limit_out_of_range()
    {
        await using var factory = new SettingsLabFactory(new Dictionary<string, string?>
        {
            ["RobustLab:Limits:CircuitsTotal"] = "0",
            ["RobustLab:Jobs:PerUser"] = "0",
        });
        var e = Assert.ThrowsAny<Exception>(() => factory.Services.GetRequiredService<CircuitLimiter>());
        // ValidateOnStart checks every section and reports them all (one exception per section).
        var failures = (e is AggregateException all ? all.InnerExceptions : [e]).OfType<OptionsValidationException>().SelectMany(v => v.Failures).ToList();
        Assert.Contains("RobustLab:Limits:CircuitsTotal must be between 1 and 100,000, got 0.", failures);
        Assert.Contains("RobustLab:Jobs:PerUser must be between 1 and 100, got 0.", failures);
    }
}
