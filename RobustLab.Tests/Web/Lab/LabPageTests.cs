using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RobustLab.Web.Services.Lab;

namespace RobustLab.Tests.Web.Lab;

// The Lab page over HTTP (no browser): the prerendered page, the menu, its JavaScript modules and the shared resources.
public sealed class LabPageTests(TinyLabFactory factory) : IClassFixture<TinyLabFactory>
{
    [Fact]
    public async Task Lab_page_is_served_with_its_controls()
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync("/lab");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("<title>Lab · RobustLab</title>", html);
        Assert.Contains("data-interactive=\"false\"", html);
        Assert.Contains("Model and defense", html);
        Assert.Contains("id=\"epsilon-range\"", html);
        Assert.Contains("id=\"lab-views\"", html);
        Assert.Contains("data-version=\"0\"", html);
    }

    [Fact]
    public async Task The_lab_comes_right_after_home_in_the_menu()
    {
        using var client = factory.CreateClient();
        var html = await client.GetStringAsync("/");
        var links = System.Text.RegularExpressions.Regex.Matches(html, "<a [^>]*class=\"mud-nav-link[^>]*>").Select(m => m.Value).ToArray();
        Assert.True(links.Length >= 2, "the menu has links");
        Assert.Contains("href=\"\"", links[0]); // Home above Lab (issue 9)
        Assert.Contains("href=\"lab\"", links[1]);
    }

    [Theory]
    [InlineData("/Components/Lab/DrawingPad.razor.js", "export function init")]
    [InlineData("/Components/Lab/ImageUpload.razor.js", "function imageSize")]
    [InlineData("/lab.css", ".lab-grid")]
    public async Task Collocated_modules_and_styles_are_served(string path, string content)
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(content, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Resources_list_the_mnist_models_and_load_the_test_set()
    {
        var resources = factory.Services.GetRequiredService<LabResources>();
        Assert.Equal(["lenet-like"], resources.ModelNames());
        var testSet = await resources.TestSetAsync();
        Assert.Equal(300, testSet.Count);
        var predictions = await resources.PredictionsAsync("lenet-like");
        Assert.Equal(300, predictions.Length);
        Assert.StartsWith("data:image/png;base64,", resources.Thumbnail(testSet, 5));
        await Assert.ThrowsAsync<RobustLab.Web.Services.Registry.RegistryException>(() => resources.ModelAsync("no-such-model"));
    }
}
