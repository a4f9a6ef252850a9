using Microsoft.AspNetCore.Components;
using MudBlazor;
using RobustLab.Web.Components.Plots;
using RobustLab.Web.Components.Tradeoffs;
using RobustLab.Web.Components.Training;
using RobustLab.Web.Services.Experiments;
using Microsoft.Extensions.Options;
using RobustLab.Web.Services.Lab;
using RobustLab.Web.Services.Sharing;
using RobustLab.Web.Services.Tradeoffs;

namespace RobustLab.Web.Components.Experiments;

// The figures and lines are rebuilt only when the experiment itself changed (a recording one gains points), not on
// every refresh of the page: a new PlotFigure instance would redraw the chart.
public sealed partial class ExperimentDetail
{
    private Shown? _shown;
    private PlotView? _sweep;
    private PlotFigure _figure = PlotFigure.Empty;
    private LabResult? _snapshot;
    private LabLinkText? _labLink; // the snapshot's settings as a Lab address
    private IReadOnlyList<(string Key, string Value)> _configuration = [];
    private string _name = "", _note = "";
    private string? _message;
    private bool _messageIsError;

    [Inject]
    private ExperimentStore Store { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IOptions<SharingOptions> Sharing { get; set; } = default!;

    [Parameter, EditorRequired]
    public Experiment Experiment { get; set; } = default!;

    private ExperimentSummary Summary => Experiment.Summary;

    private bool Edited => _name.Trim() != Summary.Name || _note.Trim() != Summary.Note;

    protected override void OnParametersSet()
    {
        var shown = new Shown(Summary.Id, Summary.Status, Summary.PointCount, Summary.Name, Summary.Note, Summary.Ended);
        if (_shown == shown) return;
        if (_shown is null || _shown.Name != shown.Name || _shown.Note != shown.Note) (_name, _note) = (Summary.Name, Summary.Note);
        _shown = shown;
        (_sweep, _snapshot) = (null, null);
        switch (Summary.Kind)
        {
            case ExperimentKind.Sweep:
                _sweep = Experiment.SweepView();
                _figure = _sweep is null ? PlotFigure.Empty : _sweep.IsMatrix ? SweepFigures.Matrix(_sweep) : SweepFigures.Lines(_sweep);
                _configuration = ConfigurationLines.Applied(Experiment.Sweep);
                break;
            case ExperimentKind.Training:
                _figure = TrainingFigures.Curves(Experiment.TrainingPoints, Experiment.EpochPoints);
                _configuration = ConfigurationLines.Applied(Experiment.Training);
                break;
            case ExperimentKind.LabSnapshot:
                // Shown from what was stored, never recomputed: a fresh LabState only rebuilds the request the views belong to.
                if (Experiment.Lab is { } lab)
                {
                    var state = new LabState();
                    _snapshot = Experiment.RestoreLab(state, [lab.Model]);
                    _labLink = LabLink.Encode(state, Sharing.Value.MaxLinkQueryLength);
                }
                _configuration = ConfigurationLines.Applied(Experiment.Lab);
                break;
        }
    }

    private void SaveNameAndNote()
    {
        try
        {
            if (_name.Trim() != Summary.Name) Store.Rename(Summary.Id, _name.Trim());
            if (_note.Trim() != Summary.Note) Store.SetNote(Summary.Id, _note.Trim());
            Show("Saved.", error: false);
        }
        catch (ExperimentException e)
        {
            Show(e.Message, error: true);
        }
    }

    private async Task DeleteAsync()
    {
        if (await Dialogs.ShowMessageBoxAsync("Delete experiment", $"Delete experiment #{Summary.Id} ({Summary.Title})? Its settings and results are removed for everyone.",
                yesText: "Delete", cancelText: "Keep") != true) return;
        try
        {
            Store.Delete(Summary.Id);
            Snackbar.Add($"Deleted experiment #{Summary.Id}.", Severity.Success); // the page it was on goes with it
            Navigation.NavigateTo("experiments");
        }
        catch (ExperimentException e)
        {
            Show(e.Message, error: true);
        }
    }

    // "robustlab-experiment-12.json"; if it was deleted meanwhile (by anyone), the file says so and so does the page.
    private (string, string) Export(string extension, Func<long, string> export)
    {
        try
        {
            return ($"robustlab-experiment-{Summary.Id}.{extension}", export(Summary.Id));
        }
        catch (ExperimentException e)
        {
            Show(e.Message, error: true);
            return ($"robustlab-experiment-{Summary.Id}-error.txt", e.Message);
        }
    }

    // What the figures and the name/note boxes were last built from.
    private sealed record Shown(long Id, string Status, int Points, string Name, string Note, DateTimeOffset? Ended);

    private void Show(string message, bool error) => (_message, _messageIsError) = (message, error);
}
