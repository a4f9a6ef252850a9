using RobustLab.Engine.Layers;
using RobustLab.Engine.Layers.Activations;

namespace RobustLab.Engine.Models;

/// <summary>The architectures of the four papers, by name. Every activation is a named slot (act1, act2, ...).</summary>
/// <remarks>
/// Layer names match the PyTorch modules in tools/torch_models.py so weights load either way.
/// Inputs are pixels in [0,1]; there is no hidden normalisation layer.
/// </remarks>
public static class ModelZoo
{
    public const string LeNetLike = "lenet-like";
    public const string BorjiMnist = "borji-mnist";
    public const string BorjiCifarCnn1 = "borji-cifar-cnn1";
    public const string BorjiCifarCnn2 = "borji-cifar-cnn2";
    public const string AlexLike = "alex-like";

    public static IReadOnlyList<string> Names { get; } = [LeNetLike, BorjiMnist, BorjiCifarCnn1, BorjiCifarCnn2, AlexLike];

    /// <summary>Builds a fresh network with PyTorch-default random weights drawn from <paramref name="seed"/>.</summary>
    public static Network Create(string architecture, int seed = 0)
    {
        var rng = new Random(seed);
        return architecture switch
        {
            LeNetLike => new Network(LeNetLike, [1, 28, 28], LeNet(rng, seed)),
            BorjiMnist => new Network(BorjiMnist, [1, 28, 28], Borji(rng, seed)),
            BorjiCifarCnn1 => new Network(BorjiCifarCnn1, [3, 32, 32], BorjiCifar(rng, convSlotsRetrofittable: true)),
            BorjiCifarCnn2 => new Network(BorjiCifarCnn2, [3, 32, 32], BorjiCifar(rng, convSlotsRetrofittable: false)),
            AlexLike => new Network(AlexLike, [3, 32, 32], Alex(rng, seed)),
            _ => throw new ArgumentException($"Unknown architecture '{architecture}'. Known: {string.Join(", ", Names)}."),
        };
    }

    private static ActivationSlot Act(string name, bool retrofittable = true) => new(name, new ReLU(), retrofittable);

    // JumpReLU paper, §4 (LeNetLike, MNIST): conv(1→10,5) → pool → act → conv(10→20,5) → pool → act
    // → dropout → fc 320→120 → act → fc 120→90 → act → fc 90→10.
    private static Layer[] LeNet(Random rng, int seed) =>
    [
        new Conv2d("conv1", 1, 10, 5, rng: rng), new MaxPool2d("pool1", 2), Act("act1"),
        new Conv2d("conv2", 10, 20, 5, rng: rng), new MaxPool2d("pool2", 2), Act("act2"),
        new Flatten("flatten"), new Dropout("drop1", 0.5f, seed),
        new Linear("fc1", 320, 120, rng), Act("act3"),
        new Linear("fc2", 120, 90, rng), Act("act4"),
        new Linear("fc3", 90, 10, rng),
    ];

    // Borji, Fig. 10 (MNIST): conv1 → pool → srelu → conv2 → dropout2d → pool → srelu → fc1 → srelu → dropout → fc2.
    private static Layer[] Borji(Random rng, int seed) =>
    [
        new Conv2d("conv1", 1, 10, 5, rng: rng), new MaxPool2d("pool1", 2), Act("act1"),
        new Conv2d("conv2", 10, 20, 5, rng: rng), new Dropout2d("conv2_drop", 0.5f, seed), new MaxPool2d("pool2", 2), Act("act2"),
        new Flatten("flatten"),
        new Linear("fc1", 320, 50, rng), Act("act3"), new Dropout("drop1", 0.5f, seed + 1),
        new Linear("fc2", 50, 10, rng),
    ];

    // Borji, Fig. 10 (CIFAR10-CNN1): conv(3→6,5) → act → pool → conv(6→16,5) → act → pool → fc 400→120 → act
    // → fc 120→84 → act → fc 84→10. CIFAR10-CNN2 is the same net with SReLU only after fc1 and fc2, so
    // its convolution slots stay ReLU under a whole-model retrofit.
    private static Layer[] BorjiCifar(Random rng, bool convSlotsRetrofittable) =>
    [
        new Conv2d("conv1", 3, 6, 5, rng: rng), Act("act1", convSlotsRetrofittable), new MaxPool2d("pool1", 2),
        new Conv2d("conv2", 6, 16, 5, rng: rng), Act("act2", convSlotsRetrofittable), new MaxPool2d("pool2", 2),
        new Flatten("flatten"),
        new Linear("fc1", 400, 120, rng), Act("act3"),
        new Linear("fc2", 120, 84, rng), Act("act4"),
        new Linear("fc3", 84, 10, rng),
    ];

    // AlexLike (Carlini & Wagner's CIFAR-10 net, JumpReLU paper §4): conv64-conv64-pool-conv128-conv128-pool
    // -fc256-fc256-fc10, 3×3 valid convolutions, dropout 0.5 before the second fc as in C&W.
    private static Layer[] Alex(Random rng, int seed) =>
    [
        new Conv2d("conv1", 3, 64, 3, rng: rng), Act("act1"),
        new Conv2d("conv2", 64, 64, 3, rng: rng), Act("act2"), new MaxPool2d("pool1", 2),
        new Conv2d("conv3", 64, 128, 3, rng: rng), Act("act3"),
        new Conv2d("conv4", 128, 128, 3, rng: rng), Act("act4"), new MaxPool2d("pool2", 2),
        new Flatten("flatten"),
        new Linear("fc1", 3200, 256, rng), Act("act5"), new Dropout("drop1", 0.5f, seed),
        new Linear("fc2", 256, 256, rng), Act("act6"),
        new Linear("fc3", 256, 10, rng),
    ];
}
