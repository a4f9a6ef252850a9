namespace RobustLab.Web.Services.Imaging;

// CRC-32 as PNG uses it (ISO 3309 / ITU-T V.42; PNG spec §5.5, Annex D): reflected polynomial 0xEDB88320,
// register preset to 0xFFFFFFFF, result complemented. Table-driven, one byte per step.

/// <summary>The CRC-32 of PNG chunks and zlib's crc32 (check value: "123456789" → 0xCBF43926).</summary>
public static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    /// <summary>The CRC of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>Continues <paramref name="crc"/> (a previous result, 0 to start) over more bytes: Append(Compute(a), b) = Compute(a ++ b).</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        uint c = ~crc;
        foreach (byte b in data) c = Table[(c ^ b) & 0xFF] ^ (c >> 8);
        return ~c;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
