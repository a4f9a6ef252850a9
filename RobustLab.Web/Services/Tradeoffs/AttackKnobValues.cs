using System.Collections.Immutable;
using RobustLab.Engine.Catalog;

namespace RobustLab.Web.Services.Tradeoffs;

/// <summary>The values given to the attack knobs that have no field of their own on <see cref="TradeoffsState"/> (overshoot, C&amp;W's
/// settings, and whatever knob a new attack brings), by catalog name; an absent knob runs at the attack's default.</summary>
/// <remarks>Immutable and compared by value, so the state record stays a value.</remarks>
public sealed class AttackKnobValues : IEquatable<AttackKnobValues>
{
    private readonly ImmutableSortedDictionary<string, double> _values;

    private AttackKnobValues(ImmutableSortedDictionary<string, double> values) => _values = values;

    public static AttackKnobValues Empty { get; } = new(ImmutableSortedDictionary<string, double>.Empty.WithComparers(StringComparer.Ordinal));

    public IReadOnlyDictionary<string, double> Values => _values;

    /// <summary>The value of the knob named <paramref name="option"/> (its CLI name), or null: the attack's default.</summary>
    public double? Get(string option) => _values.TryGetValue(option, out var v) ? v : null;

    public AttackKnobValues With(string option, double? value) => new(value is { } v ? _values.SetItem(option, v) : _values.Remove(option));

    public bool Equals(AttackKnobValues? other) => other is not null && _values.Count == other._values.Count
        && _values.All(p => other._values.TryGetValue(p.Key, out var v) && v.Equals(p.Value));

    public override bool Equals(object? obj) => Equals(obj as AttackKnobValues);

    public override int GetHashCode() => _values.Aggregate(0, (h, p) => HashCode.Combine(h, p.Key, p.Value));
}
