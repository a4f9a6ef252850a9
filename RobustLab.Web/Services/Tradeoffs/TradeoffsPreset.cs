namespace RobustLab.Web.Services.Tradeoffs;

/// <summary>One paper experiment, set up with one click: the settings, and what the figure shows and what to look for.</summary>
/// <param name="Id">Stable identifier (element ids, tests).</param>
/// <param name="Paper">The paper, as the panel groups presets ("JumpReLU").</param>
/// <param name="Title">Button text.</param>
/// <param name="Reference">The paper and figure it reproduces ("JumpReLU Fig. 4").</param>
/// <param name="Explanation">Two to four sentences: what the figure shows and what to look for.</param>
/// <param name="Settings">The settings, on a small test subset so that the run takes tens of seconds on two cores.</param>
/// <param name="PaperExamples">Test images the paper used: set "Test images" to this for the full-size figure.</param>
public sealed record TradeoffsPreset(string Id, string Paper, string Title, string Reference, string Explanation, TradeoffsState Settings, int PaperExamples)
{
    /// <summary>A fresh copy of the settings (the page edits its own copy).</summary>
    public TradeoffsState CreateState() => Settings with { };
}
