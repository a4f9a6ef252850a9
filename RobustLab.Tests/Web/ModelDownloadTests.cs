using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RobustLab.Engine.Models;
using RobustLab.Web.Services.Registry;

namespace RobustLab.Tests.Web;

// GET /models/{name}/download over HTTP: built-in and registered models come back byte for byte, as attachments.
public sealed class ModelDownloadTests(TinyLabFactory factory) : IClassFixture<TinyLabFactory>
{
    [Fact]
    public async Task A_built_in_model_downloads_as_its_file()
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync(ModelDownloads.PathOf("lenet-like"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("lenet-like.safetensors", response.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(factory.ModelsDirectory, "lenet-like.safetensors")),
            await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_registered_model_downloads_and_an_unknown_one_is_not_found()
    {
        var registry = factory.Services.GetRequiredService<ModelRegistry>();
        var model = registry.Find("downloadable") ?? registry.Register("downloadable", ModelZoo.Create(ModelZoo.BorjiMnist, seed: 2));
        using var client = factory.CreateClient();
        Assert.Equal(await File.ReadAllBytesAsync(model.FilePath), await client.GetByteArrayAsync(ModelDownloads.PathOf("downloadable")));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(ModelDownloads.PathOf("no-such-model"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/models/..%2Fescape/download")).StatusCode);
    }
}
