using System.Text;
using RobustLab.Web.Services.Sharing;

namespace RobustLab.Tests.Web.Sharing;

/// <summary>
/// Seeded random malformed query strings for a page's link (the fault tests of issue 5): each has at least one fault that the
/// page must reject with a message — an unknown name, a wrong type, NaN/∞/huge/negative numbers, an overlong value, an invalid
/// percent-escape or UTF-8 sequence, a repeated name, a bad image code, an injection-looking string — among valid parameters.
/// </summary>
public sealed class MalformedLinks(Random rng, MalformedLinks.Page page)
{
    /// <summary>A page's parameters by kind; <see cref="Valid"/> gives a good value for some of them, to mix in.</summary>
    public sealed record Page(string[] Numbers, string[] Switches, string[] Choices, string[] Lists, string[] Texts, bool HasImage,
        IReadOnlyDictionary<string, string> Valid)
    {
        public IEnumerable<string> All => Numbers.Concat(Switches).Concat(Choices).Concat(Lists).Concat(Texts);
    }

    public static Page Lab { get; } = new(
        ["kappa", "b", "alpha", "sigma", "n", "s", "eps", "steps", "stepsize", "eot", "class", "seed"],
        ["bpda", "smooth", "scaling", "clip", "unbounded", "autostep", "randstart", "compare"],
        ["model", "act", "vote", "attack", "norm", "target"], [], [], HasImage: true,
        new Dictionary<string, string> { ["eps"] = "0.1", ["act"] = "jumprelu", ["kappa"] = "0.5", ["attack"] = "fgsm", ["img"] = "mnist:3", ["seed"] = "7" });

    public static Page Tradeoffs { get; } = new(
        ["start", "stop", "step", "act-value", "s", "sigma", "n", "eps", "steps", "stepsize", "eot", "examples", "seed"],
        ["matrix", "scale", "clip", "smooth", "unbounded", "randstart", "run"],
        ["preset", "knob", "mode", "series", "model", "act", "vote", "attack", "norm", "target", "source", "source-model", "measures"],
        ["values", "sources", "series-values"], ["name"], HasImage: false,
        new Dictionary<string, string> { ["examples"] = "50", ["seed"] = "3", ["preset"] = "borji-fgsm-alpha", ["values"] = "0, 0.5", ["name"] = "my run" });

    private static readonly string[] WrongNumbers = ["abc", "1.2.3", "0x1F", "1,5", "", "true", "١٢", "--1", "1e", "½"];
    private static readonly string[] NonFinite = ["NaN", "Infinity", "-Infinity", "1e309", "-1e309", "1e308", "-1", "-0.5", "99999999999999999999", "-2147483649"];
    private static readonly string[] WrongSwitches = ["yes", "2", "-1", "", "on", "TRUE", "1.0", "ja"];
    private static readonly string[] WrongChoices = ["Foo", "PGD ", "", "pgd;drop", "relu\u0000", "__proto__", "constructor", "null"];
    private static readonly string[] WrongLists = ["a<b", "1;2'", "{1}", "1|2", "0#1", "$(1)", "1\\2"];
    private static readonly string[] BadEscapes = ["%", "%G1", "%E2%82", "%C0%AF", "%FF", "%ED%A0%80", "%F8%88%80%80%80", "%%", "%2", "%u0041"];
    private static readonly string[] BadImages = ["draw:!!!!", "upload:AAAA", "draw:_____w", "draw:", "upload:" + new string('A', 1300), "mnist:-1",
        "mnist:99999999", "mnist:abc", "mnist:1.5", "foo:bar", "draw:AAAA====", "mnist:", "upload:" + Convert.ToBase64String(new byte[90]).TrimEnd('=')];
    private static readonly string[] Injections =
    [
        "<script>alert(1)</script>", "' OR 1=1 --", "\"; DROP TABLE models; --", "{{7*7}}", "${jndi:ldap://x/a}",
        "..\\..\\windows\\win.ini", "javascript:alert('x')", "<img src=x onerror=alert(1)>", "`rm -rf /`", "\"><svg/onload=alert(1)>",
        "'; exec xp_cmdshell('dir') --", "{\"$gt\": \"\"}",
    ];

    /// <summary>One malformed query (no leading '?') and the kinds of fault it holds.</summary>
    public (string Query, string Faults) Next()
    {
        var pairs = new List<string>();
        var faults = new List<string>();
        for (int i = rng.Next(0, 3); i > 0; i--)
        {
            var (name, value) = page.Valid.ElementAt(rng.Next(page.Valid.Count));
            if (name == "img" && !page.HasImage) continue;
            pairs.Add(Pair(name, value));
        }
        for (int i = rng.Next(1, 4); i > 0; i--) pairs.Add(Fault(faults, pairs));
        // Shuffle, so a fault is not always last.
        var shuffled = pairs.OrderBy(_ => rng.Next()).ToList();
        return (string.Join("&", shuffled), string.Join(", ", faults));
    }

    private string Fault(List<string> faults, List<string> pairs)
    {
        string Any(string[] names) => names[rng.Next(names.Length)];
        string Of(string[] values) => values[rng.Next(values.Length)];
        int kind = rng.Next(page.HasImage ? 10 : 9);
        switch (kind)
        {
            case 0:
                faults.Add("unknown name");
                return Pair("x-" + new string([.. Enumerable.Range(0, rng.Next(1, 12)).Select(_ => (char)('a' + rng.Next(26)))]), Of(["1", "0.3", "pgd", ""]));
            case 1:
                faults.Add("wrong type");
                return rng.Next(3) switch
                {
                    0 => Pair(Any(page.Numbers), Of(WrongNumbers)),
                    1 => Pair(Any(page.Switches), Of(WrongSwitches)),
                    _ => Pair(Any(page.Choices), Of(WrongChoices)),
                };
            case 2:
                faults.Add("not finite, huge or negative");
                return Pair(Any(page.Numbers), Of(NonFinite));
            case 3:
                faults.Add("overlong");
                return Pair(Any([.. page.All]), new string((char)('1' + rng.Next(9)), rng.Next(700, 5000)));
            case 4:
                faults.Add("invalid percent-escape");
                string bad = Of(BadEscapes);
                return rng.Next(3) == 0 ? bad + LinkQuery.Escape(Any([.. page.All])) + "=1" : LinkQuery.Escape(Any([.. page.All])) + "=" + (rng.Next(2) == 0 ? "1" : "") + bad;
            case 5:
                faults.Add("repeated name");
                var (name, value) = page.Valid.ElementAt(rng.Next(page.Valid.Count));
                if (name == "img" && !page.HasImage) (name, value) = ("seed", "1");
                pairs.Add(Pair(name, value));
                return Pair(name, rng.Next(2) == 0 ? value : "0");
            case 6:
                faults.Add("injection-looking");
                string target = page.Texts.Length > 0 && rng.Next(2) == 0 ? Any(page.Texts) : Any([.. page.All]);
                return Pair(target, Of(Injections));
            case 7 when page.Lists.Length > 0:
                faults.Add("bad list");
                return Pair(Any(page.Lists), Of(WrongLists));
            case 7:
            case 8:
                faults.Add("empty or odd name");
                return Of(["=5", "&", "==", "eps", "%20=1", "EPS=0.1", "eps =0.1"]) switch { "&" => "=&=", "eps" => "epsilon", var other => other };
            default:
                faults.Add("bad image");
                return Pair("img", Of(BadImages));
        }
    }

    private static string Pair(string name, string value) => LinkQuery.Escape(name) + "=" + LinkQuery.Escape(value);

    /// <summary>For failure messages: the query with non-ASCII shown escaped.</summary>
    public static string Printable(string query)
    {
        var sb = new StringBuilder();
        foreach (char c in query.Length > 300 ? query[..300] + "…" : query) sb.Append(c is >= ' ' and < '\u007f' ? c.ToString() : $"\\u{(int)c:x4}");
        return sb.ToString();
    }
}
