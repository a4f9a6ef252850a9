using System.Buffers.Binary;
using RobustLab.Engine.Models;
using RobustLab.Engine.Serialization;

namespace RobustLab.Tests.Web;

// A temporary models/ + data/ pair for the web tests: an untrained lenet-like saved as a model file and
// a small MNIST-shaped test split written in the original IDX format, both from fixed seeds.
internal sealed class TinyLab : IDisposable
{
    /// <param name="trainImages">Also write a training split of this many images (0: none).</param>
    public TinyLab(bool withModel = true, bool withData = true, int images = 300, int trainImages = 0)
    {
        Root = Directory.CreateTempSubdirectory("robustlab-tinylab-").FullName;
        Directory.CreateDirectory(ModelsDirectory);
        Directory.CreateDirectory(DataDirectory);
        if (withModel) ModelFile.Save(ModelZoo.Create(ModelZoo.LeNetLike, seed: 7), Path.Combine(ModelsDirectory, "lenet-like.safetensors"),
            new Dictionary<string, string> { ["dataset"] = "none (untrained)", ["seed"] = "7" });
        if (withData) WriteMnistSplit(Path.Combine(DataDirectory, "mnist"), "t10k", images, seed: 11);
        if (trainImages > 0) WriteMnistSplit(Path.Combine(DataDirectory, "mnist"), "train", trainImages, seed: 12);
    }

    public string Root { get; }
    public string ModelsDirectory => Path.Combine(Root, "models");
    public string DataDirectory => Path.Combine(Root, "data");

    public void Dispose() => Directory.Delete(Root, recursive: true);

    // IDX: magic 0x00000803 (ubyte, 3 dims) N 28 28 then pixels; labels: 0x00000801 N then labels.
    private static void WriteMnistSplit(string dir, string prefix, int count, int seed)
    {
        Directory.CreateDirectory(dir);
        var rng = new Random(seed);
        var images = new byte[16 + count * 28 * 28];
        BinaryPrimitives.WriteInt32BigEndian(images, 0x0803);
        BinaryPrimitives.WriteInt32BigEndian(images.AsSpan(4), count);
        BinaryPrimitives.WriteInt32BigEndian(images.AsSpan(8), 28);
        BinaryPrimitives.WriteInt32BigEndian(images.AsSpan(12), 28);
        rng.NextBytes(images.AsSpan(16));
        var labels = new byte[8 + count];
        BinaryPrimitives.WriteInt32BigEndian(labels, 0x0801);
        BinaryPrimitives.WriteInt32BigEndian(labels.AsSpan(4), count);
        for (int i = 0; i < count; i++) labels[8 + i] = (byte)rng.Next(10);
        File.WriteAllBytes(Path.Combine(dir, $"{prefix}-images-idx3-ubyte"), images);
        File.WriteAllBytes(Path.Combine(dir, $"{prefix}-labels-idx1-ubyte"), labels);
    }
}
