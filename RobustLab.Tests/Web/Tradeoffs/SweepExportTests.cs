using System.Text.Json;
using RobustLab.Engine.Sweeps;
using RobustLab.Web.Services.Tradeoffs;

namespace RobustLab.Tests.Web.Tradeoffs;

// The exported data, to the character: a white-box point with empty measurements, and a transfer-matrix point whose texts need quoting.
public sealed class SweepExportTests
{
    private static readonly SweepPoint[] Points =
    [
        new("lenet-like · eps · fgsm L∞", "eps", 0, 0, null, 100, 0.99f, 0.99f, 0f, 0f, null, null, null, null, null, 0.25, "lenet-like, relu", null, "fgsm L∞ ε=0"),
        new("mine, \"quoted\"", "kappa", 1, 0.5, 0.25, 100, 0.98f, 0.5f, 0.49f, 0.48f, 0.123456f, 0.1f, 1.5f, 0.3f, 0.75f, 1.5, "=lenet", "lenet-like, jumprelu:0.25", "pgd L∞ ε=0.1"),
    ];

    [Fact]
    public void Csv_has_a_header_row_invariant_numbers_empty_nulls_and_quoted_texts()
    {
        const string expected =
            "series,knob,index,value,source_value,examples,clean_accuracy,adversarial_accuracy,attack_success_rate,fooling_rate,rho_l2,rho_linf,mean_l2,mean_linf,transfer_rate,seconds,model,source,attack\r\n" +
            "lenet-like · eps · fgsm L∞,eps,0,0,,100,0.99,0.99,0,0,,,,,,0.25,\"lenet-like, relu\",,fgsm L∞ ε=0\r\n" +
            "\"mine, \"\"quoted\"\"\",kappa,1,0.5,0.25,100,0.98,0.5,0.49,0.48,0.123456,0.1,1.5,0.3,0.75,1.5,'=lenet,\"lenet-like, jumprelu:0.25\",pgd L∞ ε=0.1\r\n";
        Assert.Equal(expected, SweepExport.ToCsv(Points));
    }

    [Fact]
    public void An_empty_plot_exports_the_header_alone()
    {
        Assert.Equal(string.Join(",", SweepExport.Columns) + "\r\n", SweepExport.ToCsv([]));
        Assert.Equal("[]", SweepExport.ToJson([]));
    }

    [Fact]
    public void Json_is_an_array_of_points_with_the_cli_field_names()
    {
        const string expected = """
            [
              {
                "series": "lenet-like · eps · fgsm L∞",
                "knob": "eps",
                "index": 0,
                "value": 0,
                "source_value": null,
                "examples": 100,
                "clean_accuracy": 0.99,
                "adversarial_accuracy": 0.99,
                "attack_success_rate": 0,
                "fooling_rate": 0,
                "rho_l2": null,
                "rho_linf": null,
                "mean_l2": null,
                "mean_linf": null,
                "transfer_rate": null,
                "seconds": 0.25,
                "model": "lenet-like, relu",
                "source": null,
                "attack": "fgsm L∞ ε=0",
                "zero_gradient_fraction": null,
                "mean_queries": null,
                "median_queries": null
              },
              {
                "series": "mine, \"quoted\"",
                "knob": "kappa",
                "index": 1,
                "value": 0.5,
                "source_value": 0.25,
                "examples": 100,
                "clean_accuracy": 0.98,
                "adversarial_accuracy": 0.5,
                "attack_success_rate": 0.49,
                "fooling_rate": 0.48,
                "rho_l2": 0.123456,
                "rho_linf": 0.1,
                "mean_l2": 1.5,
                "mean_linf": 0.3,
                "transfer_rate": 0.75,
                "seconds": 1.5,
                "model": "=lenet",
                "source": "lenet-like, jumprelu:0.25",
                "attack": "pgd L∞ ε=0.1",
                "zero_gradient_fraction": null,
                "mean_queries": null,
                "median_queries": null
              }
            ]
            """;
        var json = SweepExport.ToJson(Points);
        Assert.Equal(expected.ReplaceLineEndings("\n"), json);
        var back = JsonSerializer.Deserialize<SweepPoint[]>(json, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower });
        Assert.Equal(Points, back); // nothing lost
    }
}
