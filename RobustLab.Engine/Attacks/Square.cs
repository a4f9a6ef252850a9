using RobustLab.Engine.Classifiers;
using RobustLab.Engine.Tensors;
using RobustLab.Engine.Training;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace RobustLab.Engine.Attacks;

/// <summary>Square Attack (Andriushchenko, Croce, Flammarion &amp; Hein, ECCV 2020, "Square Attack: a query-efficient black-box adversarial
/// attack via random search", Algorithms 1–3), L∞ and L2: random search that only reads the logits, never a gradient.</summary>
/// <remarks>
/// Minimises the margin m(x̃) = z_y − max_{j≠y} z_j, keeping a candidate when it lowers m (success at m ≤ 0). L∞ (§3.1): start from
/// vertical stripes x + ε·(±1 per column and channel); each step sets a random s×s square to x ± ε per channel. L2 (§3.2): start from
/// a 5×5 grid of ±η-shaped blocks scaled to ‖δ‖₂ = ε; each step moves the mass of a second random window into a first one and redraws
/// it as ±η(s), keeping ‖δ‖₂ = ε. The square side shrinks with the schedule p(i) (p_init = 0.8 halved at queries 10, 50, 200, 500,
/// 1000, 2000, 4000, 6000, 8000), as in AutoAttack (no rescaling to the budget). Random draws are per example from one seeded stream
/// (the authors draw one window per batch). Counts per example 1 query for the start and 1 per step until it is fooled.
/// </remarks>
public sealed class Square(ThreatModel threat, int queries = 5000, float pInit = 0.8f) : Attack
{
    public ThreatModel Threat { get; } = threat.Validate();
    public int Queries { get; } = queries >= 1 ? queries : throw new ArgumentException($"Square needs ≥ 1 query, got {queries}.");
    public float PInit { get; } = pInit > 0 && pInit <= 1 ? pInit : throw new ArgumentException($"Square's p_init must be in (0, 1], got {pInit}.");

    public override string Name => "square";
    public override bool CountsQueries => true;

    protected override Tensor Perturb(IClassifier model, Tensor x, int[] labels, AttackContext context) =>
        Perturb(model, x, labels, context, new int[x.N]);

    protected override Tensor Perturb(IClassifier model, Tensor x, int[] labels, AttackContext context, int[] queries)
    {
        if (x.Rank != 4) throw new ArgumentException($"Square attacks images [N,C,H,W], got {x.ShapeString}.");
        var rng = new Random(context.Seed);
        var adversarial = x.Clone();
        var todo = Apgd.Indices(Apgd.Robust(model, x, labels, context));
        if (todo.Length == 0) return adversarial;
        var xs = x.Gather(todo);
        var y = todo.Select(i => labels[i]).ToArray();
        var best = Threat.Norm == LpNorm.Linf ? StripesStart(xs, rng) : GridStart(xs, rng);
        var margin = Margin(model.Logits(best), y);
        var spent = Enumerable.Repeat(1, todo.Length).ToArray();
        int c = x.Shape[1], h = x.Shape[2], w = x.Shape[3], size = x.ExampleSize;
        for (int i = 0; i < Queries; i++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            var active = Enumerable.Range(0, todo.Length).Where(e => margin[e] > 0).ToArray();
            if (active.Length == 0) break;
            float p = Schedule(i);
            int side = (int)Math.Round(MathF.Sqrt(p * size / c));
            side = Threat.Norm == LpNorm.Linf ? Math.Max(side, 1) : Math.Max(side, 3) | 1; // L2: odd, at least 3
            side = Math.Min(side, Math.Min(h, w));
            var candidates = new Tensor([active.Length, c, h, w]);
            for (int a = 0; a < active.Length; a++)
            {
                var row = candidates.Data.AsSpan(a * size, size);
                var clean = xs.Data.AsSpan(active[a] * size, size);
                var current = best.Data.AsSpan(active[a] * size, size);
                if (Threat.Norm == LpNorm.Linf) LinfStep(row, clean, current, c, h, w, side, rng);
                else L2Step(row, clean, current, c, h, w, side, rng);
            }
            var m = Margin(model.Logits(candidates), active.Select(e => y[e]).ToArray());
            for (int a = 0; a < active.Length; a++)
            {
                int e = active[a];
                spent[e]++;
                if (m[a] < margin[e] || m[a] <= 0)
                {
                    margin[e] = m[a];
                    Array.Copy(candidates.Data, a * size, best.Data, e * size, size);
                }
            }
            context.Progress?.Report((i + 1.0) / Queries);
        }
        var fooled = SoftmaxCrossEntropy.Argmax(model.Logits(best));
        for (int e = 0; e < todo.Length; e++)
        {
            queries[todo[e]] += spent[e];
            if (fooled[e] != y[e]) Array.Copy(best.Data, e * size, adversarial.Data, todo[e] * size, size);
        }
        return adversarial;
    }

    /// <summary>p(i): the fraction of pixels the square covers after i queries (the authors' p_selection without rescaling).</summary>
    private float Schedule(int i) => i switch
    {
        <= 10 => PInit,
        <= 50 => PInit / 2,
        <= 200 => PInit / 4,
        <= 500 => PInit / 8,
        <= 1000 => PInit / 16,
        <= 2000 => PInit / 32,
        <= 4000 => PInit / 64,
        <= 6000 => PInit / 128,
        <= 8000 => PInit / 256,
        _ => PInit / 512,
    };

    /// <summary>m = z_y − max_{j≠y} z_j per row (the margin loss; ≤ 0 means fooled).</summary>
    private static float[] Margin(Tensor logits, int[] labels)
    {
        int n = logits.Shape[0], k = logits.Shape[1];
        var m = new float[n];
        for (int i = 0; i < n; i++)
        {
            var z = logits.Data.AsSpan(i * k, k);
            float other = float.NegativeInfinity;
            for (int j = 0; j < k; j++) if (j != labels[i]) other = MathF.Max(other, z[j]);
            m[i] = z[labels[i]] - other;
        }
        return m;
    }

    private static float Sign(Random rng) => rng.NextSingle() < 0.5f ? -1f : 1f;

    /// <summary>L∞ start: clip₀₁(x + ε·σ) with σ = ±1 drawn per (channel, column): vertical stripes.</summary>
    private Tensor StripesStart(Tensor x, Random rng)
    {
        var start = x.Clone();
        int c = x.Shape[1], h = x.Shape[2], w = x.Shape[3];
        for (int n = 0; n < x.N; n++)
            for (int ch = 0; ch < c; ch++)
                for (int col = 0; col < w; col++)
                {
                    float delta = Threat.Epsilon * Sign(rng);
                    for (int r = 0; r < h; r++)
                    {
                        int i = ((n * c + ch) * h + r) * w + col;
                        start.Data[i] = Math.Clamp(start.Data[i] + delta, 0f, 1f);
                    }
                }
        return start;
    }

    /// <summary>L∞ step: the current best with a random s×s window set to x̃ + 2ε·σ_ch, projected on the ε-box around x and on [0,1].</summary>
    private void LinfStep(Span<float> candidate, ReadOnlySpan<float> x, ReadOnlySpan<float> current, int c, int h, int w, int side, Random rng)
    {
        current.CopyTo(candidate);
        int top = rng.Next(Math.Max(h - side, 1)), left = rng.Next(Math.Max(w - side, 1)); // NOTE: [0, h − s) as the authors' random_int
        float eps = Threat.Epsilon;
        for (int ch = 0; ch < c; ch++)
        {
            float delta = 2 * eps * Sign(rng);
            for (int r = top; r < top + side; r++)
                for (int col = left; col < left + side; col++)
                {
                    int i = (ch * h + r) * w + col;
                    candidate[i] = Math.Clamp(Math.Clamp(candidate[i] + delta, x[i] - eps, x[i] + eps), 0f, 1f);
                }
        }
    }

    /// <summary>L2 start: a grid of 5×5 blocks (side h/5), each ±η(s) per channel, scaled to ‖δ‖₂ = ε and clipped to [0,1].</summary>
    private Tensor GridStart(Tensor x, Random rng)
    {
        int c = x.Shape[1], h = x.Shape[2], w = x.Shape[3], size = x.ExampleSize;
        int s = Math.Max(h / 5, 1), offset = (h - s * 5) / 2;
        var start = x.Clone();
        var delta = new float[size];
        for (int n = 0; n < x.N; n++)
        {
            Array.Clear(delta);
            for (int top = offset, bi = 0; bi < h / s; bi++, top += s)
                for (int left = offset, bj = 0; bj < w / s; bj++, left += s)
                {
                    var eta = Eta(s, rng);
                    for (int ch = 0; ch < c; ch++)
                    {
                        float sign = Sign(rng);
                        for (int r = 0; r < s && top + r < h; r++)
                            for (int q = 0; q < s && left + q < w; q++) delta[(ch * h + top + r) * w + left + q] += sign * eta[r * s + q];
                    }
                }
            float norm = TensorPrimitives.Norm(delta) + 1e-12f;
            var row = start.Data.AsSpan(n * size, size);
            for (int i = 0; i < size; i++) row[i] = Math.Clamp(row[i] + Threat.Epsilon * delta[i] / norm, 0f, 1f);
        }
        return start;
    }

    /// <summary>L2 step (Algorithm 3): move window 2's mass into window 1 and redraw window 1 as its old direction plus ±η(s), keeping ‖δ‖₂ = ε.</summary>
    private void L2Step(Span<float> candidate, ReadOnlySpan<float> x, ReadOnlySpan<float> current, int c, int h, int w, int s, Random rng)
    {
        int size = x.Length;
        var delta = new float[size];
        TensorPrimitives.Subtract(current, x, delta);
        int top1 = rng.Next(Math.Max(h - s, 1)), left1 = rng.Next(Math.Max(w - s, 1));
        int top2 = rng.Next(Math.Max(h - s, 1)), left2 = rng.Next(Math.Max(w - s, 1));
        float imageNorm2 = TensorPrimitives.SumOfSquares(delta);
        bool InWindow(int r, int q, int top, int left) => r >= top && r < top + s && q >= left && q < left + s;
        var eta = Eta(s, rng);
        float eps = Threat.Epsilon;
        var fresh = new float[c * s * s];
        for (int ch = 0; ch < c; ch++)
        {
            float window1 = 0, windows = 0;
            for (int r = 0; r < h; r++)
                for (int q = 0; q < w; q++)
                {
                    float d = delta[(ch * h + r) * w + q];
                    bool in1 = InWindow(r, q, top1, left1);
                    if (in1) window1 += d * d;
                    if (in1 || InWindow(r, q, top2, left2)) windows += d * d;
                }
            window1 = MathF.Sqrt(window1);
            float sign = Sign(rng), length2 = 0;
            var f = fresh.AsSpan(ch * s * s, s * s);
            for (int r = 0; r < s; r++)
                for (int q = 0; q < s; q++)
                {
                    f[r * s + q] = eta[r * s + q] * sign + delta[(ch * h + top1 + r) * w + left1 + q] / (1e-12f + window1);
                    length2 += f[r * s + q] * f[r * s + q];
                }
            // the new window carries the mass the two windows had, plus the budget left unused, shared by the channels
            float scale = MathF.Sqrt(MathF.Max(eps * eps - imageNorm2, 0f) / c + windows) / (1e-12f + MathF.Sqrt(length2));
            for (int i = 0; i < f.Length; i++) f[i] *= scale;
        }
        for (int ch = 0; ch < c; ch++)
        {
            for (int r = top2; r < top2 + s; r++)
                for (int q = left2; q < left2 + s; q++) delta[(ch * h + r) * w + q] = 0f;
            for (int r = 0; r < s; r++)
                for (int q = 0; q < s; q++) delta[(ch * h + top1 + r) * w + left1 + q] = fresh[(ch * s + r) * s + q];
        }
        float norm = TensorPrimitives.Norm(delta) + 1e-12f;
        for (int i = 0; i < size; i++) candidate[i] = Math.Clamp(x[i] + eps * delta[i] / norm, 0f, 1f);
    }

    /// <summary>η(s) [s×s] of §3.2: the upper half a stack of concentric rectangles weighted 1/(k+1)², the lower half its negative,
    /// unit L2 norm, transposed with probability ½.</summary>
    private static float[] Eta(int s, Random rng)
    {
        var eta = new float[s * s];
        int upper = s / 2;
        Rectangles(eta, 0, upper, s, 1f);
        Rectangles(eta, upper, s - upper, s, -1f);
        float norm = TensorPrimitives.Norm(eta);
        if (norm > 0) TensorPrimitives.Divide(eta, norm, eta);
        if (rng.NextSingle() > 0.5f)
        {
            var t = new float[s * s];
            for (int r = 0; r < s; r++) for (int q = 0; q < s; q++) t[q * s + r] = eta[r * s + q];
            return t;
        }
        return eta;
    }

    /// <summary>Rows [row0, row0 + rows) of eta get the authors' eta_rectangles(rows, s) times <paramref name="sign"/>.</summary>
    private static void Rectangles(float[] eta, int row0, int rows, int s, float sign)
    {
        if (rows == 0) return;
        var block = new float[rows * s];
        int cr = rows / 2 + 1, cc = s / 2 + 1, r0 = cr - 1, c0 = cc - 1;
        for (int k = 0; k < Math.Max(cr, cc); k++, r0--, c0--)
        {
            float weight = 1f / ((k + 1f) * (k + 1f));
            for (int r = Math.Max(r0, 0); r < Math.Min(r0 + 2 * k + 1, rows); r++)
                for (int q = Math.Max(c0, 0); q < Math.Min(c0 + 2 * k + 1, s); q++) block[r * s + q] += weight;
        }
        float norm = TensorPrimitives.Norm(block);
        for (int i = 0; i < block.Length; i++) eta[(row0 + i / s) * s + i % s] = sign * block[i] / norm;
    }
}
