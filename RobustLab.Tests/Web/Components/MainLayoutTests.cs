using Bunit;
using Microsoft.AspNetCore.Components;
using RobustLab.Web.Components.Layout;

namespace RobustLab.Tests.Web.Components;

// The shell (bunit, MudBlazor): the menu starts with Home, then the Lab; the display settings come from this browser's
// storage (the collocated module) once the page is interactive, and each switch is saved there.
public sealed class MainLayoutTests : MudComponentTest
{
    private const string Module = "./Components/Layout/MainLayout.razor.js";

    private IRenderedComponent<MainLayout> Render(DisplaySettings stored)
    {
        var module = Context.JSInterop.SetupModule(Module);
        module.Setup<DisplaySettings>("load").SetResult(stored);
        module.SetupVoid("save", _ => true).SetVoidResult();
        return Context.Render<MainLayout>(p => p.Add(c => c.Body, (RenderFragment)(b => b.AddMarkupContent(0, "<p id='page'>page</p>"))));
    }

    [Fact]
    public void The_menu_lists_home_then_the_lab_and_the_page_is_inside_the_layout()
    {
        var cut = Render(new DisplaySettings());
        var links = cut.FindAll("nav .mud-nav-link").Select(a => (a.GetAttribute("href"), a.TextContent.Trim())).ToArray();
        Assert.Equal([("", "Home"), ("lab", "Lab"), ("tradeoffs", "Trade-offs"), ("train", "Train"), ("experiments", "Experiments")], links);
        Assert.NotNull(cut.Find(".mud-main-content #page"));
    }

    [Fact]
    public void Stored_settings_are_applied_and_presenter_mode_is_switched_and_saved()
    {
        var cut = Render(new DisplaySettings(Dark: true));
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("#dark-toggle").GetAttribute("aria-pressed")), TimeSpan.FromSeconds(10));
        Assert.Equal("false", cut.Find("#presenter-toggle").GetAttribute("aria-pressed"));
        Assert.Equal("false", cut.Find(".lab-layout").GetAttribute("data-presenter"));

        cut.Find("#presenter-toggle").Click();
        Assert.Equal("true", cut.Find(".lab-layout").GetAttribute("data-presenter"));
        var saved = Context.JSInterop.Invocations["save"].Last().Arguments.Single();
        Assert.Equal(new DisplaySettings(Dark: true, Presenter: true), saved);

        cut.Find("#dark-toggle").Click();
        Assert.Equal(new DisplaySettings(Dark: false, Presenter: true), Context.JSInterop.Invocations["save"].Last().Arguments.Single());
        Assert.Equal("false", cut.Find("#dark-toggle").GetAttribute("aria-pressed"));
    }
}
