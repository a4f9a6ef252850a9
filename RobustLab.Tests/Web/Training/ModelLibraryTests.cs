using Bunit;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;
using RobustLab.Engine.Models;
using RobustLab.Engine.Serialization;
using RobustLab.Tests.Web.Components;
using RobustLab.Web.Components.Training;
using RobustLab.Web.Services.Registry;

namespace RobustLab.Tests.Web.Training;

// The model registry on the Train page (bunit, MudBlazor, a real registry on a temporary folder): each model's test
// accuracy from its file; delete asks first, and keeping it keeps it.
public sealed class ModelLibraryTests : MudComponentTest, IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly ModelRegistry _registry;

    public ModelLibraryTests()
    {
        var builtIns = Directory.CreateDirectory(_temp.File("models")).FullName;
        ModelFile.Save(ModelZoo.Create(ModelZoo.LeNetLike, seed: 1), Path.Combine(builtIns, "lenet-like.safetensors"),
            new Dictionary<string, string> { ["test_accuracy"] = "0.9930" });
        _registry = new ModelRegistry(new ModelRegistrySettings(_temp.File("registry"), builtIns, 1 << 20), NullLogger<ModelRegistry>.Instance);
        _registry.Register("mine", ModelZoo.Create(ModelZoo.LeNetLike, seed: 2),
            new Dictionary<string, string> { ["test_accuracy"] = "0.9781 on the first 1000 test examples" });
        Context.Services.AddSingleton(_registry);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools(); // pooled connections keep the database open
        _temp.Dispose();
    }

    [Fact]
    public void Lists_every_model_with_its_test_accuracy()
    {
        var cut = Context.Render<ModelLibrary>();
        Assert.Equal("99.30 %", cut.Find("tr[data-model='lenet-like'] .model-accuracy").TextContent);
        Assert.Equal("97.81 % on the first 1,000 test images", cut.Find("tr[data-model='mine'] .model-accuracy").TextContent);
        Assert.Empty(cut.FindAll("tr[data-model='lenet-like'] .model-delete")); // built-ins stay
        Assert.Equal("Delete mine", cut.Find("tr[data-model='mine'] .model-delete").GetAttribute("aria-label"));
    }

    [Fact]
    public void Delete_asks_first_and_keep_keeps_the_model()
    {
        var dialogs = Context.Render<MudDialogProvider>();
        var snackbars = Context.Render<MudSnackbarProvider>();
        var cut = Context.Render<ModelLibrary>();

        cut.Find("tr[data-model='mine'] .model-delete").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Delete mine? Its file is removed for everyone.", dialogs.Find(".mud-dialog").TextContent));
        Button(dialogs, "Keep").Click();
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        Assert.NotNull(_registry.Find("mine"));
        Assert.Single(cut.FindAll("tr[data-model='mine']"));

        cut.Find("tr[data-model='mine'] .model-delete").Click();
        dialogs.WaitForAssertion(() => Button(dialogs, "Delete").Click());
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("tr[data-model='mine']"))); // the registry's Changed event re-lists
        Assert.Null(_registry.Find("mine"));
        snackbars.WaitForAssertion(() => Assert.Contains("Deleted mine.", snackbars.Markup));
    }

    private static AngleSharp.Dom.IElement Button(IRenderedComponent<MudDialogProvider> dialogs, string text) =>
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == text);
}
