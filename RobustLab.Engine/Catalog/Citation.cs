namespace RobustLab.Engine.Catalog;

/// <summary>Where a method comes from: the paper and the section (or figure, equation) that defines or uses it.</summary>
/// <param name="Paper">Authors and year ("Kurakin et al. 2017").</param>
/// <param name="Section">"§2.1", "App. A", "Fig. 7".</param>
public sealed record Citation(string Paper, string Section)
{
    public override string ToString() => Section.Length == 0 ? Paper : $"{Paper}, {Section}";
}

/// <summary>The papers the lab implements (in /work/shared/papers and the README) and the originals they cite.</summary>
public static class Papers
{
    public const string Kurakin = "Kurakin et al. 2017, Adversarial Machine Learning at Scale";
    public const string JumpReLU = "Erichson, Yao & Mahoney 2019, JumpReLU";
    public const string Borji = "Borji 2020, Sloped ReLU";
    public const string Nemcovsky = "Nemcovsky et al. 2019, Smoothed Inference";
    public const string Madry = "Madry et al. 2018, Towards Deep Learning Models Resistant to Adversarial Attacks";
    public const string Tramer = "Tramèr et al. 2018, Ensemble Adversarial Training";
    public const string CroceHein = "Croce & Hein 2020, Reliable evaluation of adversarial robustness (AutoAttack)";
    public const string CroceHeinFab = "Croce & Hein 2020, Minimally distorted adversarial examples with a fast adaptive boundary attack";
    public const string Square = "Andriushchenko et al. 2020, Square Attack";
    public const string NAttack = "Li et al. 2019, NATTACK";
    public const string Athalye = "Athalye, Carlini & Wagner 2018, Obfuscated Gradients";
    public const string DeepFool = "Moosavi-Dezfooli et al. 2016, DeepFool";
    public const string CarliniWagner = "Carlini & Wagner 2017, Towards Evaluating the Robustness of Neural Networks";
    public const string TrustRegion = "Yao et al. 2019, Trust Region Based Adversarial Attack";
}
