using RobustLab.Engine.Defenses;

namespace RobustLab.Tests.Defenses;

/// <summary>The CLI forms of the test-time defenses: --smooth σ:n:vote and --input-scale s[:noclip].</summary>
public sealed class DefenseSpecTests
{
    [Theory]
    [InlineData("0.25:32:majority", 0.25f, 32, SmoothingVote.Majority)]
    [InlineData("0.5:100:soft", 0.5f, 100, SmoothingVote.Soft)]
    [InlineData(" 1:8:Weighted ", 1f, 8, SmoothingVote.Weighted)]
    [InlineData("0:1:majority", 0f, 1, SmoothingVote.Majority)]
    public void Smoothing_specs_parse(string text, float sigma, int samples, SmoothingVote vote)
    {
        var spec = DefenseSpec.ParseSmoothing(text);
        Assert.Equal(new SmoothingSpec(sigma, samples, vote), spec);
        Assert.Equal(spec, DefenseSpec.ParseSmoothing(spec.Text));
        var wrapped = Assert.IsType<RandomizedSmoothing>(spec.Wrap(new ConstantClassifier(10, 3), seed: 4));
        Assert.Equal((sigma, samples, vote, 4), (wrapped.Sigma, wrapped.Samples, wrapped.Vote, wrapped.Seed));
    }

    [Theory]
    [InlineData("0.25:32", "expected <σ>:<n>:majority|soft|weighted")]
    [InlineData("0.25:32:majority:extra", "expected <σ>:<n>:majority|soft|weighted")]
    [InlineData("abc:32:soft", "σ must be a number ≥ 0, got 'abc'")]
    [InlineData("-0.1:32:soft", "σ must be a number ≥ 0")]
    [InlineData("0.25:0:soft", "n must be a whole number ≥ 1, got '0'")]
    [InlineData("0.25:3.5:soft", "n must be a whole number ≥ 1, got '3.5'")]
    [InlineData("0.25:32:median", "the vote must be majority, soft or weighted, got 'median'")]
    public void Bad_smoothing_specs_say_what_is_wrong(string text, string message)
    {
        var e = Assert.Throws<FormatException>(() => DefenseSpec.ParseSmoothing(text));
        Assert.Contains(message, e.Message);
        Assert.Contains(text, e.Message);
    }

    [Theory]
    [InlineData("10", 10f, true)]
    [InlineData("2.5:noclip", 2.5f, false)]
    [InlineData("0.5:NOCLIP", 0.5f, false)]
    public void Input_scale_specs_parse(string text, float scale, bool clip)
    {
        var spec = DefenseSpec.ParseInputScaling(text);
        Assert.Equal(new InputScalingSpec(scale, clip), spec);
        Assert.Equal(spec, DefenseSpec.ParseInputScaling(spec.Text));
        var wrapped = Assert.IsType<InputScaling>(spec.Wrap(new ConstantClassifier(10, 3)));
        Assert.Equal((scale, clip), (wrapped.Scale, wrapped.Clip));
    }

    [Theory]
    [InlineData("10:clip", "expected <s> or <s>:noclip")]
    [InlineData("10:noclip:x", "expected <s> or <s>:noclip")]
    [InlineData("0", "the scale must be a number > 0, got '0'")]
    [InlineData("big", "the scale must be a number > 0, got 'big'")]
    public void Bad_input_scale_specs_say_what_is_wrong(string text, string message)
    {
        var e = Assert.Throws<FormatException>(() => DefenseSpec.ParseInputScaling(text));
        Assert.Contains(message, e.Message);
    }
}
