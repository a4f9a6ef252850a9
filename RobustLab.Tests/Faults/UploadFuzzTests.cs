using RobustLab.Web.Services.Lab;
using RobustLab.Web.Services.Limits;

namespace RobustLab.Tests.Faults;

// Issue 5: 1,000 malformed uploads to the Lab's upload entry point — what ImageUpload's JS-invokable OnUploadedAsync
// hands to UploadedDigit.ToLabImage: the grey bytes, their stated size, the file name and its original dimensions, all
// from the browser and none trusted. Each is refused with an ArgumentException whose message a page can show; names
// never cause a refusal but are made safe to show. Seeded.
public sealed class UploadFuzzTests
{
    private const int Count = 1000, Side = UploadedDigit.Size;
    private static readonly int MaxSide = new LimitsOptions().UploadSide; // the default, 4096

    private static string Name(Random rng) => rng.Next(6) switch
    {
        0 => "digit.png",
        1 => null!,
        2 => new string('x', rng.Next(100, 100_000)),
        3 => "\u0000\u001b[31mred\u0007\r\n.png",
        4 => new string(Enumerable.Range(0, rng.Next(0, 40)).Select(_ => (char)rng.Next(0, 0xD800)).ToArray()),
        _ => "<script>alert(1)</script>.jpg",
    };

    [Fact]
    public void A_thousand_malformed_uploads_are_each_refused_with_a_message()
    {
        var rng = new Random(5);
        int[] oddSides = [0, -1, 27, 29, 56, 1, int.MaxValue, int.MinValue, 4097, 100_000];
        var messages = new HashSet<string>();
        for (int i = 0; i < Count; i++)
        {
            byte[]? grey = new byte[Side * Side];
            rng.NextBytes(grey);
            int width = Side, height = Side, originalWidth = rng.Next(1, MaxSide + 1), originalHeight = rng.Next(1, MaxSide + 1);
            // At least one fatal defect per input, sometimes several.
            int defects = 0;
            while (defects == 0 || (defects < 3 && rng.Next(3) == 0))
            {
                switch (rng.Next(6))
                {
                    case 0: grey = rng.Next(4) == 0 ? null : new byte[Pick(rng, 0, 1, Side * Side - 1, Side * Side + 1, 4 * Side * Side, rng.Next(0, 10_000)) is var n && n == Side * Side ? 0 : n]; break;
                    case 1: width = Pick(rng, oddSides); break;
                    case 2: height = Pick(rng, oddSides); break;
                    case 3: originalWidth = Pick(rng, oddSides.Where(s => s < 1 || s > MaxSide).ToArray()); break;
                    case 4: originalHeight = Pick(rng, oddSides.Where(s => s < 1 || s > MaxSide).ToArray()); break;
                    default: (width, height) = (14, 56); break; // as many pixels, but not the 28×28 the browser is asked for
                }
                defects++;
            }
            string name = Name(rng);
            var e = Assert.Throws<ArgumentException>(() => UploadedDigit.ToLabImage(grey, width, height, name, originalWidth, originalHeight, MaxSide));
            Assert.False(string.IsNullOrWhiteSpace(e.Message), $"input {i}: empty message");
            Assert.True(e.Message.Length < 200, $"input {i}: {e.Message}");
            messages.Add(e.Message.Split(',')[0]);
        }
        Assert.True(messages.Count >= 5, string.Join("\n", messages)); // the defects are told apart

        // A sound upload with a hostile name goes through, its name made safe to show.
        var stroke = new byte[Side * Side];
        for (int row = 6; row < 22; row++) stroke[row * Side + 14] = 255; // a "1": light ink on a dark field, not blank
        var ok = UploadedDigit.ToLabImage(stroke, Side, Side, "\u0000evil\u001b name" + new string('y', 500), 640, 480, MaxSide);
        Assert.DoesNotContain(ok.Description, char.IsControl);
        Assert.True(ok.Description.Length < 100, ok.Description);
        Assert.EndsWith("(640×480)", ok.Description);
    }

    private static int Pick(Random rng, params int[] choices) => choices[rng.Next(choices.Length)];
}
