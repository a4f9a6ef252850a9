using Microsoft.AspNetCore.Components;
using RobustLab.Web.Services.Experiments;

namespace RobustLab.Web.Components.Pages;

// "Save snapshot": the result on screen and the settings that made it, stored as a Lab-snapshot experiment. Only
// while no newer request is computing, so the settings saved are the ones the shown views belong to.
public sealed partial class LabPage
{
    private long? _snapshotId;
    private string? _snapshotError;

    [Inject] private ExperimentStore Experiments { get; set; } = default!;

    private bool CanSaveSnapshot => _result is not null && !_computing;

    private void SaveSnapshot()
    {
        if (_result is not { } result || _computing) return;
        try
        {
            (_snapshotId, _snapshotError) = (Experiments.SaveLabSnapshot(State, result).Id, null);
        }
        catch (ExperimentException e)
        {
            (_snapshotId, _snapshotError) = (null, e.Message);
        }
    }
}
