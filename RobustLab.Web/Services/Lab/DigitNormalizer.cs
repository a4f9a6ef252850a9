namespace RobustLab.Web.Services.Lab;

// MNIST's size normalisation (LeCun, Cortes & Burges, "The MNIST database"): the digit is scaled to fit a
// 20×20 box preserving its aspect ratio (anti-aliased: here by area averaging), then placed in a 28×28 field
// so that its centre of mass sits at the field's centre (14, 14) (pixel centres at i + ½).
// NOTE: MNIST's writers filled a form box, so every digit was big; a mark on the Lab's canvas may be tiny (a dot, a
// short tick), and fitting its box into 20×20 would blow it up into a 20-pixel blob (a dot is one pen width: ~8× the
// whole canvas's own shrink to 28 pixels). So a drawing grows at most MaxGrowth× over that shrink (canvas side → 28):
// the pen is 1/11 of the canvas wide (DrawingPad.razor.js), ~2.5 px at the canvas's own scale — MNIST's stroke — and at
// most ~5 px after growing. Digits drawn across ≥ 20/(28·MaxGrowth) ≈ 36 % of the canvas are normalised exactly as
// MNIST's; smaller marks keep their size (still centred by mass), so the model sees a dot as a dot.

/// <summary>Turns a drawing (ink per pixel, any size) into a 28×28 MNIST-style digit with values in [0,1].</summary>
public static class DigitNormalizer
{
    public const int Size = 28;
    public const int Box = 20;

    /// <summary>The largest side accepted from a canvas.</summary>
    public const int MaxSide = 512;

    /// <summary>Ink at or below this level (of 255) is not part of the bounding box (anti-aliasing fringes, stray specks).</summary>
    public const byte InkThreshold = 25;

    /// <summary>The most a drawing is enlarged over the canvas's own scale (canvas side → 28): see the note at the top.</summary>
    public const double MaxGrowth = 2;

    /// <summary>
    /// ink [height·width] row-major, 0 = paper … 255 = full ink → 28×28 values in [0,1] (row-major), or null when
    /// nothing is drawn. The ink's bounding box is scaled so its longer side is 20 pixels (a mark smaller than about a third
    /// of the canvas grows at most <see cref="MaxGrowth"/>× the canvas's own scale, so less), then shifted by whole
    /// pixels so its centre of mass is within half a pixel of (14, 14) (unless that would push ink off the field).
    /// </summary>
    /// <exception cref="ArgumentException">The size is out of range or does not match the number of pixels.</exception>
    public static float[]? Normalize(ReadOnlySpan<byte> ink, int width, int height)
    {
        if (width is < 1 or > MaxSide || height is < 1 or > MaxSide)
            throw new ArgumentException($"A drawing must be 1–{MaxSide} pixels on each side, got {width}×{height}.");
        if (ink.Length != width * height)
            throw new ArgumentException($"A {width}×{height} drawing has {width * height} pixels, got {ink.Length}.");
        if (!BoundingBox(ink, width, height, out int left, out int top, out int right, out int bottom)) return null;

        int bw = right - left, bh = bottom - top;
        double s = Math.Min((double)Box / Math.Max(bw, bh), MaxGrowth * Size / Math.Max(width, height));
        int tw = Math.Clamp((int)Math.Round(bw * s), 1, Box), th = Math.Clamp((int)Math.Round(bh * s), 1, Box);

        // Separable area averaging: the crop's rows → tw columns, then the columns → th rows.
        var columnWeights = BoxWeights(bw, tw);
        var rowWeights = BoxWeights(bh, th);
        var rows = new float[bh * tw]; // [bh, tw]
        for (int y = 0; y < bh; y++)
        {
            var line = ink.Slice((top + y) * width + left, bw);
            for (int i = 0; i < tw; i++)
            {
                var (first, weights) = columnWeights[i];
                double sum = 0;
                for (int k = 0; k < weights.Length; k++) sum += line[first + k] * weights[k];
                rows[y * tw + i] = (float)(sum / 255);
            }
        }
        var patch = new float[th * tw]; // [th, tw]
        for (int j = 0; j < th; j++)
        {
            var (first, weights) = rowWeights[j];
            for (int x = 0; x < tw; x++)
            {
                double sum = 0;
                for (int k = 0; k < weights.Length; k++) sum += rows[(first + k) * tw + x] * weights[k];
                patch[j * tw + x] = (float)sum;
            }
        }

        // Centre of mass in pixel-centre coordinates.
        double mass = 0, mx = 0, my = 0;
        for (int y = 0; y < th; y++)
            for (int x = 0; x < tw; x++)
            {
                float v = patch[y * tw + x];
                (mass, mx, my) = (mass + v, mx + v * (x + 0.5), my + v * (y + 0.5));
            }
        int ox = Math.Clamp((int)Math.Round(Size / 2.0 - mx / mass), 0, Size - tw);
        int oy = Math.Clamp((int)Math.Round(Size / 2.0 - my / mass), 0, Size - th);

        var digit = new float[Size * Size];
        for (int y = 0; y < th; y++)
            for (int x = 0; x < tw; x++)
                digit[(oy + y) * Size + ox + x] = Math.Clamp(patch[y * tw + x], 0f, 1f);
        return digit;
    }

    /// <summary>The half-open box [left, right) × [top, bottom) of pixels with ink above <see cref="InkThreshold"/>; false when there are none.</summary>
    public static bool BoundingBox(ReadOnlySpan<byte> ink, int width, int height, out int left, out int top, out int right, out int bottom)
    {
        (left, top, right, bottom) = (width, height, 0, 0);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                if (ink[y * width + x] <= InkThreshold) continue;
                (left, right) = (Math.Min(left, x), Math.Max(right, x + 1));
                (top, bottom) = (Math.Min(top, y), Math.Max(bottom, y + 1));
            }
        return right > left;
    }

    // Area averaging of n source samples onto m targets: target i covers source [i·n/m, (i+1)·n/m) and takes the
    // overlap-weighted mean, so each target gets the first source it touches and one weight per source touched.
    // Works for shrinking (n > m) and growing (n < m) alike; the weights of a target sum to 1.
    private static (int First, double[] Weights)[] BoxWeights(int n, int m)
    {
        double ratio = (double)n / m;
        var result = new (int, double[])[m];
        for (int i = 0; i < m; i++)
        {
            double from = i * ratio, to = (i + 1) * ratio;
            int first = (int)from, last = Math.Min(n, (int)Math.Ceiling(to));
            var weights = new double[last - first];
            for (int k = first; k < last; k++) weights[k - first] = (Math.Min(to, k + 1) - Math.Max(from, k)) / ratio;
            result[i] = (first, weights);
        }
        return result;
    }
}
