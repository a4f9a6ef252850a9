namespace RobustLab.Load.Blazor;

/// <summary>A node of the light DOM model: what the browser's BrowserRenderer would build, without layout or styles.</summary>
/// <remarks>Like blazor.web.js's "logical elements", a child component and a markup block are one child each of their parent.</remarks>
internal abstract class DomNode
{
    public DomContainer? Parent { get; set; }
}

/// <summary>A node with children: an element, or the logical container of a component.</summary>
internal abstract class DomContainer : DomNode
{
    public List<DomNode> Children { get; } = [];

    public void Insert(int index, DomNode child)
    {
        if (index < 0 || index > Children.Count) throw new InvalidDataException($"Insert at child {index} of {Children.Count}.");
        child.Parent = this;
        Children.Insert(index, child);
    }

    public DomNode Child(int index) =>
        index >= 0 && index < Children.Count ? Children[index] : throw new InvalidDataException($"No child {index} (of {Children.Count}).");

    public void RemoveAt(int index)
    {
        Child(index).Parent = null;
        Children.RemoveAt(index);
    }

    /// <summary>The text of this node and its descendants, as textContent gives it (markup counted as its raw text).</summary>
    public string TextContent()
    {
        var text = new System.Text.StringBuilder();
        Append(this, text);
        return text.ToString();

        static void Append(DomNode node, System.Text.StringBuilder text)
        {
            switch (node)
            {
                case DomText t: text.Append(t.Text); break;
                case DomMarkup m: text.Append(m.Markup); break;
                case DomContainer c: foreach (var child in c.Children) Append(child, text); break;
            }
        }
    }
}

/// <summary>The logical container a component renders into.</summary>
internal sealed class DomComponent(int componentId) : DomContainer
{
    public int ComponentId { get; } = componentId;
}

/// <summary>An element with its attributes and its event handlers (attribute name such as "oninput" → handler id).</summary>
internal sealed class DomElement(string name) : DomContainer
{
    public string Name { get; } = name;

    public Dictionary<string, string> Attributes { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, EventHandlerRef> Handlers { get; } = new(StringComparer.Ordinal);

    public string? Id => Attributes.GetValueOrDefault("id");

    public string? Attribute(string name) => Attributes.GetValueOrDefault(name);
}

/// <summary>An event handler as the browser knows it: its id and the component that rendered it.</summary>
internal readonly record struct EventHandlerRef(ulong Id, int ComponentId);

internal sealed class DomText(string text) : DomNode
{
    public string Text { get; set; } = text;
}

internal sealed class DomMarkup(string markup) : DomNode
{
    public string Markup { get; set; } = markup;
}
