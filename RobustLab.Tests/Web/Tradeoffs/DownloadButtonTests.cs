using Bunit;
using RobustLab.Tests.Web.Components;
using RobustLab.Web.Components.Tradeoffs;

namespace RobustLab.Tests.Web.Tradeoffs;

// The CSV/JSON (and the Lab's figure) download button on MudBlazor: enabled once its module is loaded, it hands the file to it.
public sealed class DownloadButtonTests : MudComponentTest
{
    [Fact]
    public void Pressing_it_sends_the_file_to_the_browser()
    {
        var module = Context.JSInterop.SetupModule("./Components/Tradeoffs/DownloadButton.razor.js");
        module.SetupVoid("download", _ => true).SetVoidResult();
        var button = Context.Render<DownloadButton>(p => p
            .Add(b => b.Text, "CSV").Add(b => b.Icon, "download").Add(b => b.Id, "export-csv").Add(b => b.ContentType, "text/csv")
            .Add(b => b.File, () => ("robustlab-sweep-kappa.csv", "a,b\r\n1,2\r\n")));
        var element = button.Find("button#export-csv");
        Assert.Equal("CSV", element.TextContent.Trim());
        Assert.Equal("Download as CSV", element.GetAttribute("title"));
        Assert.False(element.HasAttribute("disabled"));
        element.Click();
        var call = Assert.Single(module.Invocations["download"]);
        Assert.Equal(["robustlab-sweep-kappa.csv", "text/csv"], call.Arguments.Take(2));
    }

    [Fact]
    public void A_disabled_button_cannot_be_pressed()
    {
        Context.JSInterop.SetupModule("./Components/Tradeoffs/DownloadButton.razor.js");
        var button = Context.Render<DownloadButton>(p => p.Add(b => b.Text, "JSON").Add(b => b.Id, "export-json").Add(b => b.Disabled, true)
            .Add(b => b.ContentType, "application/json"));
        Assert.True(button.Find("button#export-json").HasAttribute("disabled"));
    }
}
