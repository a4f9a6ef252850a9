using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using RobustLab.Web.Services;

namespace RobustLab.Tests.Web;

// The app end to end over HTTP (no browser): the prerendered start page and the scripts it needs.
public sealed partial class StartPageTests(EmptyLabFactory factory) : IClassFixture<EmptyLabFactory>
{
    [Fact]
    public async Task Start_page_is_served_with_its_title()
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<title>RobustLab</title>", html);
        Assert.Contains("Default model", html);
        Assert.Contains("MNIST test accuracy", html);
        Assert.Contains("data-interactive=\"false\"", html); // prerendered; true once the circuit is connected
    }

    [Fact]
    public async Task Start_page_says_what_is_missing_and_how_to_fix_it()
    {
        await factory.Services.GetRequiredService<DefaultModelService>().EnsureStarted();
        using var client = factory.CreateClient();
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/"));
        // Outside the repository, a folder is shown by its last name only: the page never shows the server's absolute paths.
        Assert.Contains($"No model file at …/{Path.GetFileName(factory.ModelsDirectory)}/lenet-like.safetensors", html);
        Assert.Contains($"No MNIST test set in …/{Path.GetFileName(factory.DataDirectory)}/mnist", html);
        Assert.DoesNotContain(factory.ModelsDirectory, html);
        Assert.DoesNotContain(factory.DataDirectory, html);
        Assert.Contains("robustlab data mnist", html); // the engine's advice, passed on
        Assert.Contains("How to fix:", html);
        Assert.Contains("Try again", html);
    }

    [Fact]
    public async Task Blazor_script_is_served_under_its_plain_and_its_fingerprinted_path()
    {
        using var client = factory.CreateClient();
        var html = await client.GetStringAsync("/");
        var fingerprinted = BlazorScript().Match(html);
        Assert.True(fingerprinted.Success, "The page has no <script src=\"_framework/blazor.web.<fingerprint>.js\">.");
        foreach (var path in new[] { "/_framework/blazor.web.js", "/" + fingerprinted.Groups[1].Value })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("Blazor", await response.Content.ReadAsStringAsync());
        }
    }

    [Theory]
    [InlineData("/_content/MudBlazor/MudBlazor.min.js", "text/javascript")]
    [InlineData("/_content/MudBlazor/MudBlazor.min.css", "text/css")]
    [InlineData("/_content/Plotly.Blazor/plotly-3.7.0.min.js", "text/javascript")] // plotly.js, from the Plotly.Blazor package
    [InlineData("/_content/Plotly.Blazor/plotly-interop-7.2.0.js", "text/javascript")]
    public async Task Library_assets_are_served(string path, string mediaType)
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Unknown_address_gets_the_not_found_page()
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync("/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Not found", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_error_page_is_rendered_statically_inside_the_shell()
    {
        using var client = factory.CreateClient();
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/Error"));
        Assert.Contains("An error occurred while processing your request.", html);
        Assert.Contains("mud-appbar", html); // the MudBlazor shell, without a circuit
        Assert.DoesNotContain("<!--Blazor:{", html); // no interactive component: the page works when the circuit does not
    }

    [GeneratedRegex("<script src=\"(_framework/blazor\\.web\\.[a-z0-9]+\\.js)\"")]
    private static partial Regex BlazorScript();
}
