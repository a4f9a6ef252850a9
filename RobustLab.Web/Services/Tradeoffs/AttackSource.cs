namespace RobustLab.Web.Services.Tradeoffs;

/// <summary>Which model the attack's adversarial examples are crafted on.</summary>
public enum AttackSource
{
    /// <summary>The defended model itself (white-box).</summary>
    WhiteBox,

    /// <summary>The same weights with plain ReLU and no test-time defense: the gray-box setting of JumpReLU §4.1.1, and a
    /// logit-matching substitute in the sense of Borji §3 (BPDA).</summary>
    GrayBox,

    /// <summary>Another model of the registry (a transfer attack).</summary>
    OtherModel,
}
