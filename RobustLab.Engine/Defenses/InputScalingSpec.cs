using RobustLab.Engine.Classifiers;

namespace RobustLab.Engine.Defenses;

/// <summary>Input scaling by s, clipped to [0,1] or not (Borji Fig. 7).</summary>
public sealed record InputScalingSpec(float Scale, bool Clip) : DefenseSpec
{
    public override string Text => Clip ? Number(Scale) : $"{Number(Scale)}:noclip";

    public override IClassifier Wrap(IClassifier model, int seed = 0) => new InputScaling(model, Scale, Clip);
}
