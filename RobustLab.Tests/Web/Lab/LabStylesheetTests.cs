using System.Text.RegularExpressions;
using RobustLab.Tests.Cli;

namespace RobustLab.Tests.Web.Lab;

// The Lab's components also draw stored snapshots on /experiments, outside .lab-page: every custom property that
// lab.css uses without a fallback must be defined for the whole document (:root), or a snapshot loses its colours.
public sealed partial class LabStylesheetTests
{
    [Fact]
    public void Every_variable_the_lab_styles_use_is_defined_at_the_root()
    {
        var css = File.ReadAllText(Path.Combine(CliRunner.RepositoryRoot, "RobustLab.Web", "wwwroot", "lab.css"));
        var root = RootRule().Match(css);
        Assert.True(root.Success, "lab.css has a :root rule");
        var defined = Definition().Matches(root.Groups[1].Value).Select(m => m.Groups[1].Value).ToHashSet();
        // MudBlazor's theme variables (--mud-…) come from its theme provider at :root; the Lab's own have no fallback.
        var used = Use().Matches(css).Select(m => m.Groups[1].Value).Where(v => !v.StartsWith("--mud-", StringComparison.Ordinal)).ToHashSet();
        Assert.Superset(new HashSet<string> { "--clean", "--adversarial", "--tile" }, used);
        Assert.Subset(defined, used);
        Assert.DoesNotMatch(@"\.lab-page\s*\{[^}]*--", css);
    }

    [GeneratedRegex(@":root\s*\{([^}]*)\}")]
    private static partial Regex RootRule();

    [GeneratedRegex(@"(--[a-z0-9-]+)\s*:")]
    private static partial Regex Definition();

    [GeneratedRegex(@"var\((--[a-z0-9-]+)\s*\)")]
    private static partial Regex Use();
}
