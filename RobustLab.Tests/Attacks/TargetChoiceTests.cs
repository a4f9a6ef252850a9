using RobustLab.Engine.Attacks;
using RobustLab.Engine.Tensors;

namespace RobustLab.Tests.Attacks;

/// <summary>--target's three forms: a fixed class, the least likely class, a random class other than the label.</summary>
public sealed class TargetChoiceTests
{
    private static readonly int[] Labels = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

    [Fact]
    public void Random_targets_avoid_the_label_cover_the_others_and_ignore_batching()
    {
        var logits = new Tensor(Labels.Length, 10);
        var all = TargetChoice.Random.Resolve(logits, Labels, 0, seed: 4);
        Assert.All(all.Zip(Labels), p => Assert.NotEqual(p.Second, p.First));
        Assert.True(all.Distinct().Count() >= 5, "a seeded uniform draw over 9 classes should not repeat one class");
        var tail = TargetChoice.Random.Resolve(new Tensor(5, 10), Labels, 15, seed: 4);
        Assert.Equal(all[15..], tail);
        Assert.NotEqual(all, TargetChoice.Random.Resolve(logits, Labels, 0, seed: 5));
    }

    [Fact]
    public void Least_likely_is_the_arg_min_and_a_class_is_fixed()
    {
        var logits = new Tensor([0.5f, -2f, 1f, 3f, 0f, -1f], 2, 3);
        Assert.Equal([1, 2], TargetChoice.LeastLikely.Resolve(logits, [0, 0], 0, 0));
        Assert.Equal([2, 2], TargetChoice.Parse("2").Resolve(logits, [0, 0], 0, 0));
        Assert.Throws<ArgumentException>(() => TargetChoice.Parse("3").Resolve(logits, [0, 0], 0, 0));
    }

    [Theory]
    [InlineData("ll", "ll")]
    [InlineData(" Random ", "random")]
    [InlineData("7", "7")]
    public void Parses_the_cli_forms(string text, string canonical) => Assert.Equal(canonical, TargetChoice.Parse(text).Text);

    [Theory]
    [InlineData("-1")]
    [InlineData("most")]
    [InlineData("1.5")]
    public void Rejects_other_forms(string text) => Assert.Throws<FormatException>(() => TargetChoice.Parse(text));
}
