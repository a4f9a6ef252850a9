using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using RobustLab.Engine.Models;
using RobustLab.Tests.Web;
using RobustLab.Web.Services.Registry;

namespace RobustLab.Tests.Faults;

/// <summary>The app in memory on a lab folder of its own, for fault tests that damage its registry.</summary>
public sealed class FaultLabFactory() : StartPageFactory(withModel: true, withData: true)
{
    public ModelRegistry Registry => Services.GetRequiredService<ModelRegistry>();
}

// A damaged registry row and a damaged model file, seen through the real app: the pages that list models still render,
// the Train page names the damaged entry, and loading the damaged model answers with a message naming it.
public sealed class DamagedRegistryPageTests(FaultLabFactory factory) : IClassFixture<FaultLabFactory>
{
    [Fact]
    public async Task Pages_still_render_and_the_Train_page_names_the_damaged_entry()
    {
        var registry = factory.Registry;
        registry.Register("row-damaged", ModelZoo.Create(ModelZoo.LeNetLike, seed: 2));
        var fileDamaged = registry.Register("file-damaged", ModelZoo.Create(ModelZoo.LeNetLike, seed: 3));
        registry.Register("bystander", ModelZoo.Create(ModelZoo.LeNetLike, seed: 4));
        var database = Path.Combine(registry.Settings.Directory, ModelRegistry.DatabaseFile);
        using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE models SET created_utc = 'garbage', sha256 = 'zz' WHERE name = 'row-damaged';";
            Assert.Equal(1, command.ExecuteNonQuery());
        }
        var bytes = File.ReadAllBytes(fileDamaged.FilePath);
        File.WriteAllBytes(fileDamaged.FilePath, bytes[..(bytes.Length - 1000)]); // truncated

        using var client = factory.CreateClient();
        foreach (var page in new[] { "/", "/lab", "/tradeoffs", "/train" })
        {
            var response = await client.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page}: {response.StatusCode}\n{await response.Content.ReadAsStringAsync()}");
        }
        var train = WebUtility.HtmlDecode(await client.GetStringAsync("/train"));
        Assert.Contains("The registry entry of 'row-damaged' is damaged: the SHA-256 'zz' is not 64 lower-case hex digits; the date 'garbage' is not a date.", train);
        Assert.Contains("data-model=\"bystander\"", train);
        Assert.Contains("data-model=\"file-damaged\"", train); // its row is sound; loading it says what is wrong

        Assert.Contains("'file-damaged' does not load", Assert.Throws<RegistryException>(() => registry.Load("file-damaged")).Message);
        Assert.Contains("'row-damaged' is damaged", Assert.Throws<RegistryException>(() => registry.Load("row-damaged")).Message);
        Assert.Equal(ModelZoo.LeNetLike, registry.Load("bystander").Architecture);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(ModelDownloads.PathOf("bystander"))).StatusCode);
    }
}
