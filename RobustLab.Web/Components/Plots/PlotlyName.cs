using System.Reflection;
using System.Runtime.Serialization;

namespace RobustLab.Web.Components.Plots;

/// <summary>plotly.js attribute values ("circle-open", "lines+markers", "x unified") as Plotly.Blazor's enums.</summary>
/// <remarks>
/// Plotly.Blazor generates one enum per attribute and writes each member as its <see cref="EnumMemberAttribute"/> value,
/// which is plotly's own spelling; flag lists ("lines+markers") are [Flags] enums written joined by "+". So the lab's
/// records keep plotly's strings, and this maps them by that spelling: an unknown value fails here, with the values
/// plotly would accept, instead of being dropped silently in the browser.
/// </remarks>
public static class PlotlyName
{
    /// <summary>The member of <typeparamref name="T"/> that plotly.js spells <paramref name="value"/>.</summary>
    public static T Parse<T>(string value) where T : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(value);
        var members = Members<T>();
        if (members.TryGetValue(value, out var member)) return member;
        if (typeof(T).IsDefined(typeof(FlagsAttribute)) && value.Contains('+'))
        {
            ulong all = 0;
            foreach (var flag in value.Split('+')) all |= Convert.ToUInt64(Parse<T>(flag));
            return (T)Enum.ToObject(typeof(T), all);
        }
        throw new ArgumentException($"'{value}' is not a plotly {typeof(T).Name} value; expected one of {string.Join(", ", members.Keys)}.", nameof(value));
    }

    /// <summary>Null for null, else <see cref="Parse{T}"/>.</summary>
    public static T? ParseOrNull<T>(string? value) where T : struct, Enum => value is null ? null : Parse<T>(value);

    private static Dictionary<string, T> Members<T>() where T : struct, Enum =>
        typeof(T).GetFields(BindingFlags.Public | BindingFlags.Static)
            .ToDictionary(f => f.GetCustomAttribute<EnumMemberAttribute>()?.Value ?? f.Name, f => (T)f.GetValue(null)!, StringComparer.Ordinal);
}
