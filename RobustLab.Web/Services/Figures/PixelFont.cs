using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace RobustLab.Web.Services.Figures;

// A 5×7 pixel font of the characters a figure's numbers need: digits, '.', '-', '%', '(', ')' and space.
// NOTE: why not real text in the PNG — ImageSharp 2.1.13 draws no text; SixLabors.ImageSharp.Drawing does not restore on
// this feed (its dependencies are not served; 2.x and newer also charge larger companies) and SixLabors.Fonts is not
// served at all; SkiaSharp would bring a second, native imaging stack plus system fonts for a few labels. So the SVG carries every label as text,
// and the PNG carries its numbers (tick values, predicted class and probability) in this font, drawn with nearest-
// neighbour blocks like the tiles; the words (titles, captions) are in the PNG's tEXt chunks and in the SVG.

/// <summary>Draws digits and the few signs of numbers onto an RGB image in blocks of <c>scale</c>² pixels.</summary>
public static class PixelFont
{
    public const int GlyphWidth = 5, GlyphHeight = 7, Advance = 6;

    private static readonly Dictionary<char, string[]> Glyphs = new()
    {
        ['0'] = [" ### ", "#   #", "#  ##", "# # #", "##  #", "#   #", " ### "],
        ['1'] = ["  #  ", " ##  ", "  #  ", "  #  ", "  #  ", "  #  ", " ### "],
        ['2'] = [" ### ", "#   #", "    #", "   # ", "  #  ", " #   ", "#####"],
        ['3'] = ["#####", "   # ", "  #  ", "   # ", "    #", "#   #", " ### "],
        ['4'] = ["   # ", "  ## ", " # # ", "#  # ", "#####", "   # ", "   # "],
        ['5'] = ["#####", "#    ", "#### ", "    #", "    #", "#   #", " ### "],
        ['6'] = ["  ## ", " #   ", "#    ", "#### ", "#   #", "#   #", " ### "],
        ['7'] = ["#####", "    #", "   # ", "  #  ", " #   ", " #   ", " #   "],
        ['8'] = [" ### ", "#   #", "#   #", " ### ", "#   #", "#   #", " ### "],
        ['9'] = [" ### ", "#   #", "#   #", " ####", "    #", "   # ", " ##  "],
        ['.'] = ["     ", "     ", "     ", "     ", "     ", " ##  ", " ##  "],
        ['-'] = ["     ", "     ", "     ", " ### ", "     ", "     ", "     "],
        ['%'] = ["##   ", "##  #", "   # ", "  #  ", " #   ", "#  ##", "   ##"],
        ['('] = ["   # ", "  #  ", " #   ", " #   ", " #   ", "  #  ", "   # "],
        [')'] = [" #   ", "  #  ", "   # ", "   # ", "   # ", "  #  ", " #   "],
        [' '] = ["     ", "     ", "     ", "     ", "     ", "     ", "     "],
    };

    /// <summary>True when every character of <paramref name="text"/> has a glyph.</summary>
    public static bool CanDraw(string text) => text.All(Glyphs.ContainsKey);

    /// <summary>The width in pixels of <paramref name="text"/> at <paramref name="scale"/> (no trailing space).</summary>
    public static int Width(string text, int scale) => text.Length == 0 ? 0 : ((text.Length - 1) * Advance + GlyphWidth) * scale;

    public static int Height(int scale) => GlyphHeight * scale;

    /// <summary>Draws <paramref name="text"/> with its top-left corner at (<paramref name="left"/>, <paramref name="top"/>); ink outside the image is clipped.</summary>
    /// <exception cref="ArgumentException">A character has no glyph.</exception>
    public static void Draw(Image<Rgb24> image, string text, int left, int top, int scale, Rgb24 ink)
    {
        if (!CanDraw(text)) throw new ArgumentException($"The pixel font draws only digits and . - % ( ) and space, not \"{text}\".");
        if (scale < 1) throw new ArgumentOutOfRangeException(nameof(scale));
        image.ProcessPixelRows(rows =>
        {
            for (int gy = 0; gy < GlyphHeight; gy++)
                for (int r = 0; r < scale; r++)
                {
                    int y = top + gy * scale + r;
                    if (y < 0 || y >= rows.Height) continue;
                    var row = rows.GetRowSpan(y);
                    for (int c = 0; c < text.Length; c++)
                    {
                        string line = Glyphs[text[c]][gy];
                        for (int gx = 0; gx < GlyphWidth; gx++)
                        {
                            if (line[gx] != '#') continue;
                            int x0 = Math.Max(0, left + (c * Advance + gx) * scale), x1 = Math.Min(row.Length, left + (c * Advance + gx + 1) * scale);
                            if (x1 > x0) row[x0..x1].Fill(ink);
                        }
                    }
                }
        });
    }
}
