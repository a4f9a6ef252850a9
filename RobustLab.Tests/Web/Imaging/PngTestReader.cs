using System.Buffers.Binary;
using System.IO.Compression;
using RobustLab.Web.Services.Imaging;

namespace RobustLab.Tests.Web.Imaging;

// A minimal PNG reader for tests: checks the signature and every chunk's CRC, reads IHDR, inflates the
// IDAT stream and undoes the None/Sub/Up filters (the ones PngEncoder writes) to recover the pixels.
internal sealed record PngTestReader(int Width, int Height, int BitDepth, int ColorType, int Interlace, byte[] Scanlines, byte[] Pixels)
{
    public int Channels => ColorType == 2 ? 3 : 1;

    public static PngTestReader Read(byte[] png)
    {
        Assert.True(png.AsSpan(0, 8).SequenceEqual(PngEncoder.Signature), "PNG signature");
        int offset = 8;
        byte[]? header = null;
        var idat = new MemoryStream();
        var types = new List<string>();
        while (offset < png.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            var type = png.AsSpan(offset + 4, 4);
            var data = png.AsSpan(offset + 8, length);
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset + 8 + length));
            Assert.Equal(Crc32.Compute(png.AsSpan(offset + 4, 4 + length)), crc);
            string name = System.Text.Encoding.ASCII.GetString(type);
            types.Add(name);
            if (name == "IHDR") header = data.ToArray();
            if (name == "IDAT") idat.Write(data);
            offset += 12 + length;
        }
        Assert.Equal("IHDR", types[0]);
        Assert.Equal("IEND", types[^1]);
        Assert.NotNull(header);
        Assert.Equal(13, header.Length);
        int width = BinaryPrimitives.ReadInt32BigEndian(header), height = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4));
        int colorType = header[9], channels = colorType == 2 ? 3 : 1;
        Assert.Equal(0, header[10]); // compression: deflate
        Assert.Equal(0, header[11]); // filter method 0

        idat.Position = 0;
        var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionMode.Decompress)) zlib.CopyTo(inflated);
        var scanlines = inflated.ToArray();
        int stride = width * channels;
        Assert.Equal((1 + stride) * height, scanlines.Length);

        var pixels = new byte[stride * height];
        for (int y = 0; y < height; y++)
        {
            byte filter = scanlines[y * (1 + stride)];
            for (int i = 0; i < stride; i++)
            {
                byte x = scanlines[y * (1 + stride) + 1 + i];
                byte a = i >= channels ? pixels[y * stride + i - channels] : (byte)0;
                byte b = y > 0 ? pixels[(y - 1) * stride + i] : (byte)0;
                pixels[y * stride + i] = filter switch
                {
                    0 => x,
                    1 => (byte)(x + a),
                    2 => (byte)(x + b),
                    _ => throw new InvalidDataException($"Unexpected filter type {filter} in row {y}."),
                };
            }
        }
        return new PngTestReader(width, height, header[8], colorType, header[12], scanlines, pixels);
    }
}
