namespace RobustLab.Web.Services.Training;

/// <summary>How the Train page trains: plainly, adversarially (Kurakin et al. §3), or with Gaussian noise injection (Nemcovsky et al. §3.1).</summary>
public enum TrainingMode { Plain, Adversarial, NoiseInjection }
