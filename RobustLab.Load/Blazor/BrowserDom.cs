namespace RobustLab.Load.Blazor;

/// <summary>
/// The page as a browser would hold it, kept up to date from render batches by the algorithm of blazor.web.js's
/// BrowserRenderer.applyEdits: each component renders into its own logical container; regions are flattened into
/// their parent; StepIn/StepOut walk the tree; a permutation list moves siblings at once.
/// </summary>
/// <remarks>Not thread-safe: the circuit applies batches and queries it under one lock.</remarks>
internal sealed class BrowserDom
{
    private readonly Dictionary<int, DomComponent> _components = [];
    private readonly Dictionary<string, DomElement> _byId = new(StringComparer.Ordinal);

    public int ComponentCount => _components.Count;

    public void Apply(RenderBatch batch)
    {
        foreach (var diff in batch.Diffs)
        {
            if (!_components.TryGetValue(diff.ComponentId, out var container))
            {
                // A root component (attached by UpdateRootComponents, not by a parent's component frame).
                _components[diff.ComponentId] = container = new DomComponent(diff.ComponentId);
            }
            ApplyEdits(batch, diff.ComponentId, container, diff.Edits);
        }
        foreach (var id in batch.DisposedComponentIds) _components.Remove(id);
    }

    /// <summary>The element with this id attribute that is on the page, or null.</summary>
    public DomElement? ElementById(string id)
    {
        if (_byId.TryGetValue(id, out var cached) && cached.Id == id && IsAttached(cached)) return cached;
        _byId.Remove(id);
        foreach (var root in _components.Values)
        {
            if (root.Parent is not null) continue;
            if (Find(root, e => e.Id == id) is { } found)
            {
                _byId[id] = found;
                return found;
            }
        }
        return null;
    }

    /// <summary>The first element below <paramref name="root"/> (depth first) that matches.</summary>
    public static DomElement? Find(DomContainer root, Func<DomElement, bool> match)
    {
        foreach (var child in root.Children)
        {
            if (child is DomElement e && match(e)) return e;
            if (child is DomContainer c && Find(c, match) is { } found) return found;
        }
        return null;
    }

    // On the page: its chain of parents ends at a registered root component.
    private bool IsAttached(DomNode node)
    {
        while (node.Parent is { } parent) node = parent;
        return node is DomComponent c && _components.TryGetValue(c.ComponentId, out var registered) && registered == c;
    }

    private void ApplyEdits(RenderBatch batch, int componentId, DomContainer parent, RenderEdit[] edits)
    {
        int depth = 0, childIndexAtDepth = 0;
        List<(int From, int To)>? permutation = null;
        foreach (var edit in edits)
        {
            switch (edit.Type)
            {
                case EditType.PrependFrame:
                    InsertFrame(batch, componentId, parent, childIndexAtDepth + edit.SiblingIndex, Frame(batch, edit.FrameIndex), edit.FrameIndex);
                    break;
                case EditType.RemoveFrame:
                    parent.RemoveAt(childIndexAtDepth + edit.SiblingIndex);
                    break;
                case EditType.SetAttribute:
                    ApplyAttribute(componentId, AsElement(parent.Child(childIndexAtDepth + edit.SiblingIndex)), Frame(batch, edit.FrameIndex));
                    break;
                case EditType.RemoveAttribute:
                    var element = AsElement(parent.Child(childIndexAtDepth + edit.SiblingIndex));
                    string name = edit.RemovedAttributeName ?? throw new InvalidDataException("RemoveAttribute without a name.");
                    element.Attributes.Remove(name);
                    element.Handlers.Remove(name);
                    break;
                case EditType.UpdateText:
                    if (parent.Child(childIndexAtDepth + edit.SiblingIndex) is not DomText text) throw new InvalidDataException("UpdateText on a node that is not text.");
                    text.Text = Frame(batch, edit.FrameIndex).Value ?? "";
                    break;
                case EditType.UpdateMarkup:
                    if (parent.Child(childIndexAtDepth + edit.SiblingIndex) is not DomMarkup markup) throw new InvalidDataException("UpdateMarkup on a node that is not markup.");
                    markup.Markup = Frame(batch, edit.FrameIndex).Value ?? "";
                    break;
                case EditType.StepIn:
                    parent = parent.Child(childIndexAtDepth + edit.SiblingIndex) as DomContainer ?? throw new InvalidDataException("StepIn to a node without children.");
                    depth++;
                    childIndexAtDepth = 0;
                    break;
                case EditType.StepOut:
                    parent = parent.Parent ?? throw new InvalidDataException("StepOut above the component.");
                    depth--;
                    childIndexAtDepth = 0; // NOTE: the starting child index is 0 at every depth for a component's own container
                    break;
                case EditType.PermutationListEntry:
                    (permutation ??= []).Add((childIndexAtDepth + edit.SiblingIndex, childIndexAtDepth + edit.FrameIndex));
                    break;
                case EditType.PermutationListEnd:
                    var moved = (permutation ?? []).Select(p => (p.To, Node: parent.Child(p.From))).ToList();
                    foreach (var (to, node) in moved) parent.Children[to] = node;
                    permutation = null;
                    break;
                default:
                    throw new InvalidDataException($"Unknown edit type {(int)edit.Type}.");
            }
        }
        if (depth != 0) throw new InvalidDataException($"A component's edits end at depth {depth}.");
    }

    // Inserts one frame (and its subtree); returns how many children of `parent` it became.
    private int InsertFrame(RenderBatch batch, int componentId, DomContainer parent, int childIndex, RenderFrame frame, int frameIndex)
    {
        switch (frame.Type)
        {
            case FrameType.Element:
                var element = new DomElement(frame.Name ?? throw new InvalidDataException("An element without a name."));
                parent.Insert(childIndex, element);
                int end = frameIndex + frame.SubtreeLength;
                for (int i = frameIndex + 1; i < end; i++)
                {
                    var child = Frame(batch, i);
                    if (child.Type == FrameType.Attribute)
                    {
                        ApplyAttribute(componentId, element, child);
                        continue;
                    }
                    // Attributes come first; the rest are the element's children.
                    InsertFrameRange(batch, componentId, element, 0, i, end);
                    break;
                }
                return 1;
            case FrameType.Text:
                parent.Insert(childIndex, new DomText(frame.Value ?? ""));
                return 1;
            case FrameType.Markup:
                parent.Insert(childIndex, new DomMarkup(frame.Value ?? ""));
                return 1;
            case FrameType.Component:
                var container = new DomComponent(frame.ComponentId);
                parent.Insert(childIndex, container);
                _components[frame.ComponentId] = container;
                return 1;
            case FrameType.Region:
                return InsertFrameRange(batch, componentId, parent, childIndex, frameIndex + 1, frameIndex + frame.SubtreeLength);
            case FrameType.Attribute:
                throw new InvalidDataException("An attribute frame outside an element's leading attributes.");
            default:
                return 0; // element/component reference captures, render modes, named events: nothing on the page
        }
    }

    private int InsertFrameRange(RenderBatch batch, int componentId, DomContainer parent, int childIndex, int start, int endExclusive)
    {
        int first = childIndex;
        for (int i = start; i < endExclusive; i++)
        {
            var frame = Frame(batch, i);
            childIndex += InsertFrame(batch, componentId, parent, childIndex, frame, i);
            i += frame.Descendants;
        }
        return childIndex - first;
    }

    private static void ApplyAttribute(int componentId, DomElement element, RenderFrame frame)
    {
        string name = frame.Name ?? throw new InvalidDataException("An attribute without a name.");
        if (frame.EventHandlerId != 0)
        {
            element.Handlers[name] = new EventHandlerRef(frame.EventHandlerId, componentId);
            return;
        }
        element.Handlers.Remove(name);
        // NOTE: a null value removes the attribute (false booleans arrive as null, true ones as "").
        if (frame.Value is null) element.Attributes.Remove(name);
        else element.Attributes[name] = frame.Value;
    }

    private static DomElement AsElement(DomNode node) => node as DomElement ?? throw new InvalidDataException("An attribute edit on a node that is not an element.");

    private static RenderFrame Frame(RenderBatch batch, int index) =>
        index >= 0 && index < batch.Frames.Length ? batch.Frames[index] : throw new InvalidDataException($"Edit refers to frame {index} of {batch.Frames.Length}.");
}
