namespace RobustLab.Web.Services.Lab;

/// <summary>How a targeted attack's target class is chosen.</summary>
public enum TargetMode
{
    /// <summary>A class the user picks.</summary>
    Class,

    /// <summary>The class the attacked model finds least likely on the clean image (Kurakin §2.2's y_LL).</summary>
    LeastLikely,

    /// <summary>A class other than the label, drawn from the seed.</summary>
    Random,
}
