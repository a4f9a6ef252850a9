using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using RobustLab.Engine.Catalog;

namespace RobustLab.Web.Services.Tradeoffs;

/// <summary>The values given to the attack knobs that have no field of their own on <see cref="TradeoffsState"/> (overshoot, C&amp;W's
/// settings, and whatever knob a new attack brings), by catalog name; an absent knob runs at the attack's default.</summary>
/// <remarks>Immutable and compared by value, so the state record stays a value. Stored (experiments, exports) as a JSON object
/// of name → number.</remarks>
[JsonConverter(typeof(AttackKnobValuesConverter))]
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

/// <summary>{"overshoot": 0.05} ↔ <see cref="AttackKnobValues"/>; a value that is not a finite number is an error.</summary>
public sealed class AttackKnobValuesConverter : JsonConverter<AttackKnobValues>
{
    public override AttackKnobValues Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null) return AttackKnobValues.Empty;
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("Attack knobs are an object of name → number.");
        var values = AttackKnobValues.Empty;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            string name = reader.GetString()!;
            reader.Read();
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out var value) || !double.IsFinite(value))
                throw new JsonException($"The attack knob '{name}' must be a number.");
            values = values.With(name, value);
        }
        return values;
    }

    public override void Write(Utf8JsonWriter writer, AttackKnobValues value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (name, v) in value.Values) writer.WriteNumber(name, v);
        writer.WriteEndObject();
    }
}
