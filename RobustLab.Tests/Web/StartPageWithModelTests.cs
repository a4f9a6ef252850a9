using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RobustLab.Web.Services;

namespace RobustLab.Tests.Web;

// The prerendered start page once the model and the test set are loaded and evaluated.
public sealed class StartPageWithModelTests(TinyLabFactory factory) : IClassFixture<TinyLabFactory>
{
    [Fact]
    public async Task Shows_the_architecture_parameter_count_and_test_accuracy()
    {
        var service = factory.Services.GetRequiredService<DefaultModelService>();
        await service.EnsureStarted();
        var state = service.State;
        Assert.Equal(AccuracyPhase.Done, state.Accuracy.Phase);

        using var client = factory.CreateClient();
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/"));
        Assert.Contains("lenet-like", html);
        Assert.Contains("55,600", html); // LeNetLike: 260 + 5,020 + 38,520 + 10,890 + 910 parameters
        Assert.Contains("conv1", html);
        Assert.Contains("Linear 90→10", html);
        Assert.Contains("MNIST test set: 300 images", html);
        Assert.Contains(state.Accuracy.Result!.Accuracy.ToString("P2"), html);
        Assert.Contains($"{state.Accuracy.Result.Correct} of 300 images classified correctly", html);
        Assert.Contains("<dt>dataset</dt><dd>none (untrained)</dd>", html); // the model file's metadata
        Assert.DoesNotContain("<dt>format</dt>", html);
        Assert.DoesNotContain("How to fix", html);
    }
}
