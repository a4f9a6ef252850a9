namespace RobustLab.Engine.Catalog;

/// <summary>The numeric fields of <see cref="Attacks.AttackSettings"/> an attack knob sets (ε and the norm are every attack's and apart).</summary>
public enum AttackSetting
{
    Steps,
    StepSize,
    Samples,
    Overshoot,
    Candidates,
    Confidence,
    BinarySearchSteps,
    LearningRate,
    InitialConst,
    Queries,
    Population,
}
