namespace RobustLab.Load.Blazor;

/// <summary>One render batch of a Blazor Server circuit: the edits of each updated component, the frames they refer to,
/// and what was disposed.</summary>
internal sealed record RenderBatch(IReadOnlyList<ComponentDiff> Diffs, RenderFrame[] Frames, int[] DisposedComponentIds, ulong[] DisposedEventHandlerIds);

/// <summary>The edits that turn a component's previous output into its new one.</summary>
internal sealed record ComponentDiff(int ComponentId, RenderEdit[] Edits);

/// <summary>RenderTreeEditType (Microsoft.AspNetCore.Components.RenderTree).</summary>
internal enum EditType
{
    PrependFrame = 1, RemoveFrame = 2, SetAttribute = 3, RemoveAttribute = 4, UpdateText = 5,
    StepIn = 6, StepOut = 7, UpdateMarkup = 8, PermutationListEntry = 9, PermutationListEnd = 10,
}

/// <summary>One edit; <see cref="FrameIndex"/> is the reference frame (or, for permutations, the sibling index to move to).</summary>
internal readonly record struct RenderEdit(EditType Type, int SiblingIndex, int FrameIndex, string? RemovedAttributeName);

/// <summary>RenderTreeFrameType (Microsoft.AspNetCore.Components.RenderTree).</summary>
internal enum FrameType
{
    None = 0, Element = 1, Text = 2, Attribute = 3, Component = 4, Region = 5,
    ElementReferenceCapture = 6, ComponentReferenceCapture = 7, Markup = 8, ComponentRenderMode = 9, NamedEvent = 10,
}

/// <summary>A frame as the browser receives it. <see cref="Name"/>: element or attribute name; <see cref="Value"/>: attribute value,
/// text, markup or element reference id; <see cref="SubtreeLength"/> for elements, components and regions.</summary>
internal readonly record struct RenderFrame(FrameType Type, int SubtreeLength, int ComponentId, string? Name, string? Value, ulong EventHandlerId)
{
    /// <summary>Frames below this one in the same array (its attributes and children).</summary>
    public int Descendants => Type is FrameType.Element or FrameType.Component or FrameType.Region ? SubtreeLength - 1 : 0;
}
