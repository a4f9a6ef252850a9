namespace RobustLab.Web.Services.Lab;

/// <summary>The activation retrofitted into the trained ReLU network (the Lab's activation defenses).</summary>
public enum ActivationChoice
{
    /// <summary>The network as trained: no activation defense.</summary>
    ReLU,

    /// <summary>JumpReLU J(z) = z·H(z − κ) (Erichson et al. eq. 11).</summary>
    JumpReLU,

    /// <summary>Randomized JumpReLU: κ ~ U[0.6b, b] drawn per forward pass (Erichson et al. App. C).</summary>
    RandomizedJumpReLU,

    /// <summary>Sloped ReLU α·max(0, z) (Borji).</summary>
    SlopedReLU,
}
