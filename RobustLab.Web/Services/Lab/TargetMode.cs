namespace RobustLab.Web.Services.Lab;

/// <summary>How a targeted attack's target class is chosen (the page's choice; <see cref="Engine.Attacks.TargetChoice"/> applies it).</summary>
public enum TargetMode
{
    /// <summary>A class the user picks.</summary>
    Class,

    /// <summary>The class the attacked model finds least likely on the clean image (Kurakin §2.2's y_LL).</summary>
    LeastLikely,

    /// <summary>A class other than the label, drawn from the seed.</summary>
    Random,
}
