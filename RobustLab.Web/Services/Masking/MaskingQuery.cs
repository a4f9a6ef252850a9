using RobustLab.Engine.Attacks;
using RobustLab.Engine.Defenses;

namespace RobustLab.Web.Services.Masking;

/// <summary>What a page asks the gradient-masking check about: a registry model with its test-time defenses, and a threat model.</summary>
public sealed record MaskingQuery(string Model, string ActivationSpec, InputScalingSpec? InputScaling, SmoothingSpec? Smoothing, ThreatModel Threat, int Seed);
