using RobustLab.Web.Services.Lab;

namespace RobustLab.Web.Components.Pages;

// The drawing tab: each stroke replaces the image but keeps the true label the user gave the drawing; "Clear" takes
// the drawing away from the views too — back to the MNIST image shown before drawing (or the first), or, without
// the test set, to an empty Lab that asks for a digit.
public sealed partial class LabPage
{
    private LabImage? _beforeDrawing;
    private bool _cleared;

    private void UseDrawing(LabImage drawing)
    {
        if (State.Image is { Source: ImageSource.Mnist } shown) _beforeDrawing = shown;
        if (State.Image is { Source: ImageSource.Drawing, Label: { } label } && drawing.Label is null) drawing = drawing with { Label = label };
        _cleared = false;
        UseImage(drawing);
    }

    private void ClearDrawing()
    {
        if (State.Image is not { Source: ImageSource.Drawing }) return;
        var back = _beforeDrawing ?? (_testSet is not null ? TestImage(_testSet, 0) : null);
        if (back is not null)
        {
            State.SetImage(back);
            Recompute();
            return;
        }
        State.ClearImage();
        (_result, _cleared, _computing) = (null, true, false);
    }
}
