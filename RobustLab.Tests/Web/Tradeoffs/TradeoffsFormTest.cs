using AngleSharp.Dom;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using RobustLab.Tests.Web.Components;
using RobustLab.Web.Components.Tradeoffs;
using RobustLab.Web.Services.Registry;
using RobustLab.Web.Services.Tradeoffs;

namespace RobustLab.Tests.Web.Tradeoffs;

/// <summary>The Trade-offs settings form in bunit (MudBlazor's services, the default limits), and what a control's accessible name is.</summary>
public abstract class TradeoffsFormTest : MudComponentTest
{
    protected static readonly RegisteredModel[] Models =
    [
        new("lenet-like", "lenet-like", ModelSource.BuiltIn, "/models/lenet-like.safetensors", 1, "00", DateTimeOffset.UnixEpoch, new Dictionary<string, string>()),
        new("borji-mnist", "borji-mnist", ModelSource.BuiltIn, "/models/borji-mnist.safetensors", 1, "00", DateTimeOffset.UnixEpoch, new Dictionary<string, string>()),
    ];

    protected TradeoffsFormTest() => Context.Services.AddOptions(); // SweepSection reads the plot limits (their defaults here)

    /// <summary>The number of times the form said a setting changed.</summary>
    protected int Changes { get; private set; }

    protected IRenderedComponent<SweepForm> Form(TradeoffsState state) => Context.Render<SweepForm>(p => p
        .Add(f => f.State, state)
        .Add(f => f.Models, Models)
        .Add(f => f.Changed, () => Changes++));

    /// <summary>Types into a number or text box as a person does: the text, then leaving the box (MudBlazor takes it on change).</summary>
    protected static void Type(IRenderedComponent<SweepForm> form, string id, string text) => form.Find($"input#{id}").Change(text);

    /// <summary>The line under the box with input id <paramref name="id"/> (its help, or the message about the typing).</summary>
    protected static string HelperOf(IRenderedComponent<SweepForm> form, string id) =>
        form.Find($"input#{id}").Closest(".mud-input-control")!.QuerySelector(".mud-input-helper-text")?.TextContent.Trim() ?? "";

    /// <summary>The accessible name of a form control: aria-label, aria-labelledby, a label for it or around it (ARIA's order, simplified).</summary>
    protected static string AccessibleName(IElement element, IElement root)
    {
        if (element.GetAttribute("aria-label") is { Length: > 0 } label) return label;
        if (element.GetAttribute("aria-labelledby") is { Length: > 0 } ids)
            return string.Join(" ", ids.Split(' ').Select(id => root.QuerySelector($"#{id}")?.TextContent.Trim() ?? ""));
        if (element.Id is { Length: > 0 } own && root.QuerySelector($"label[for='{own}']") is { } forLabel) return forLabel.TextContent.Trim();
        return element.Closest("label")?.TextContent.Trim() ?? "";
    }
}
