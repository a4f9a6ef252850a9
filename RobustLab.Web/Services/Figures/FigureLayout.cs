namespace RobustLab.Web.Services.Figures;

// Where everything of a LabFigure goes, in pixels, shared by the PNG and the SVG so that the two agree. A tile is the
// 28×28 image upscaled by an integer factor (nearest neighbour); below it either a note or a colour bar with ticks.

/// <summary>The geometry of a figure: tile size, gaps, title strips and the rectangles of tiles and colour bars.</summary>
public sealed class FigureLayout
{
    public FigureLayout(int rows, int pixelScale, int titleHeight, int textHeight, bool caption)
    {
        if (rows < 1) throw new ArgumentOutOfRangeException(nameof(rows), "A figure has at least one row.");
        if (pixelScale is < 1 or > 32) throw new ArgumentOutOfRangeException(nameof(pixelScale), $"The pixel scale must be in 1..32, got {pixelScale}.");
        (Rows, PixelScale, TitleHeight, TextHeight) = (rows, pixelScale, titleHeight, textHeight);
        CaptionHeight = caption ? textHeight + Math.Max(12, LabFigure.Side * pixelScale / 12) / 2 : 0;
        Tile = LabFigure.Side * pixelScale;
        Margin = Gap = Math.Max(12, Tile / 12);
        BarHeight = Math.Max(8, Tile / 20);
        TickLength = Math.Max(4, BarHeight / 2);
        RowHeight = TitleHeight + Tile + Gap / 2 + BarHeight + TickLength + 4 + TextHeight;
        Width = 2 * Margin + Columns * Tile + (Columns - 1) * Gap;
        Height = 2 * Margin + rows * RowHeight + (rows - 1) * Gap + CaptionHeight;
    }

    public const int Columns = 4;

    public int Rows { get; }
    public int PixelScale { get; }
    public int Tile { get; }
    public int Margin { get; }
    public int Gap { get; }
    public int TitleHeight { get; }
    public int TextHeight { get; }
    public int BarHeight { get; }
    public int TickLength { get; }
    public int RowHeight { get; }
    public int Width { get; }
    public int Height { get; }

    /// <summary>The strip under the rows for the figure's caption (the attack as run), one line of text; 0 without one.</summary>
    public int CaptionHeight { get; }

    public int RowTop(int row) => Margin + row * (RowHeight + Gap);

    public int TileLeft(int column) => Margin + column * (Tile + Gap);

    public int TileTop(int row) => RowTop(row) + TitleHeight;

    /// <summary>The top of a tile's colour bar (or of its note, for tiles without one).</summary>
    public int BelowTile(int row) => TileTop(row) + Tile + Gap / 2;

    public int TickTop(int row) => BelowTile(row) + BarHeight;

    public int TickLabelTop(int row) => TickTop(row) + TickLength + 4;

    /// <summary>The top of the caption's line of text.</summary>
    public int CaptionTop => Height - Margin - CaptionHeight + Gap / 2;

    /// <summary>The x of a tick at <paramref name="position"/> ∈ [0,1] along a bar under column <paramref name="column"/>.</summary>
    public int TickX(int column, double position) => TileLeft(column) + (int)Math.Round(position * (Tile - 1));
}
