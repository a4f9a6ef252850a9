using RobustLab.Load.Blazor;

namespace RobustLab.Tests.Load;

// The render-batch reader and the DOM model on bytes recorded from the real app: /lab opened (batches 2–7: the page,
// then its first result), then one input event on the ε slider with the value 0.125 (batches 8–9).
public sealed class RenderBatchTests
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Load", "Fixtures");

    private static byte[] Batch(int id) => File.ReadAllBytes(Path.Combine(Fixtures, $"lab-batch-{id:00}.bin"));

    [Fact]
    public void The_first_page_render_holds_the_epsilon_slider_with_its_input_handler()
    {
        var dom = new BrowserDom();
        for (int id = 2; id <= 7; id++) dom.Apply(RenderBatchReader.Read(Batch(id)));

        var range = dom.ElementById("epsilon-range");
        Assert.NotNull(range);
        Assert.Equal("input", range.Name);
        Assert.Equal(("range", "0", "1", "0.005", "0.3"), (range.Attribute("type"), range.Attribute("min"), range.Attribute("max"), range.Attribute("step"), range.Attribute("value")));
        Assert.True(range.Handlers.TryGetValue("oninput", out var handler));
        Assert.NotEqual(0UL, handler.Id);

        var views = dom.ElementById("lab-views");
        Assert.NotNull(views);
        Assert.Equal("main", views.Name);
        Assert.Equal(("1", "0.3", "relu"), (views.Attribute("data-version"), views.Attribute("data-epsilon"), views.Attribute("data-activation")));
        Assert.StartsWith("pgd · L∞ ε = 0.3 · 40 steps", dom.ElementById("attack-summary")!.TextContent());
        Assert.Null(dom.ElementById("kappa-range")); // JumpReLU is off
    }

    [Fact]
    public void After_the_input_event_the_views_show_the_new_epsilon()
    {
        var dom = new BrowserDom();
        for (int id = 2; id <= 9; id++) dom.Apply(RenderBatchReader.Read(Batch(id)));
        var views = dom.ElementById("lab-views")!;
        Assert.Equal("0.125", views.Attribute("data-epsilon"));
        Assert.Equal("2", views.Attribute("data-version"));
    }

    [Fact]
    public void The_page_render_has_the_frames_the_browser_would_read()
    {
        var batch = RenderBatchReader.Read(Batch(4));
        Assert.NotEmpty(batch.Diffs);
        Assert.Contains(batch.Frames, f => f.Type == FrameType.Element && f.Name == "input");
        Assert.Contains(batch.Frames, f => f.Type == FrameType.Attribute && f.Name == "oninput" && f.EventHandlerId != 0);
        Assert.Contains(batch.Frames, f => f.Type == FrameType.Component);
        // Every edit refers to a frame inside the batch (or, for permutations and removals, to none).
        Assert.All(batch.Diffs.SelectMany(d => d.Edits).Where(e => e.Type is EditType.PrependFrame or EditType.SetAttribute or EditType.UpdateText),
            e => Assert.InRange(e.FrameIndex, 0, batch.Frames.Length - 1));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(19)]
    public void Too_short_batches_are_refused(int length) =>
        Assert.Throws<InvalidDataException>(() => RenderBatchReader.Read(new byte[length]));

    [Fact]
    public void Truncated_or_corrupted_batches_are_refused_never_misread()
    {
        var bytes = Batch(4);
        Assert.Throws<InvalidDataException>(() => RenderBatchReader.Read(bytes.AsSpan(0, bytes.Length / 2)));
        var corrupt = (byte[])bytes.Clone();
        BitConverter.TryWriteBytes(corrupt.AsSpan(corrupt.Length - 16), corrupt.Length); // frames offset past the end
        Assert.Throws<InvalidDataException>(() => RenderBatchReader.Read(corrupt));
    }

    [Fact]
    public void Edits_are_applied_as_the_browser_applies_them()
    {
        // A hand-made batch in the writer's format: component 1 prepends <div id="a"> with a text child and a region
        // of two <span>s (flattened into the div), then removes the first span and sets an attribute on the second.
        var batch = new RenderBatch(
            [new ComponentDiff(1, [new RenderEdit(EditType.PrependFrame, 0, 0, null)]),
             new ComponentDiff(1, [new RenderEdit(EditType.StepIn, 0, 0, null), new RenderEdit(EditType.RemoveFrame, 1, 0, null),
                                   new RenderEdit(EditType.SetAttribute, 1, 7, null), new RenderEdit(EditType.StepOut, 0, 0, null)])],
            [new RenderFrame(FrameType.Element, 7, 0, "div", null, 0), new RenderFrame(FrameType.Attribute, 0, 0, "id", "a", 0),
             new RenderFrame(FrameType.Text, 0, 0, null, "hello", 0), new RenderFrame(FrameType.Region, 4, 0, null, null, 0),
             new RenderFrame(FrameType.Element, 1, 0, "span", null, 0), new RenderFrame(FrameType.Element, 2, 0, "span", null, 0),
             new RenderFrame(FrameType.Attribute, 0, 0, "id", "b", 0), new RenderFrame(FrameType.Attribute, 0, 0, "onclick", null, 42)],
            [], []);
        var dom = new BrowserDom();
        dom.Apply(batch);
        var div = dom.ElementById("a")!;
        Assert.Equal(2, div.Children.Count); // text, then the second span (the first was removed)
        Assert.Equal("hello", div.TextContent());
        var span = dom.ElementById("b")!;
        Assert.Equal(new EventHandlerRef(42, 1), span.Handlers["onclick"]);
    }
}
