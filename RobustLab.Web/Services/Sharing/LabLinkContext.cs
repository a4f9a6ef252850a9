using RobustLab.Web.Services.Lab;

namespace RobustLab.Web.Services.Sharing;

/// <summary>What a Lab link is checked against: the models the Lab offers and the MNIST test set (0 images when it is missing).</summary>
/// <param name="TestImage">MNIST test image i, for 0 ≤ i &lt; <paramref name="TestImages"/>.</param>
public sealed record LabLinkContext(IReadOnlyList<string> Models, int TestImages, Func<int, LabImage> TestImage);

/// <summary>A Lab link's query, and why the image is not in it when it is not.</summary>
public sealed record LabLinkText(string Query, string? Note);
