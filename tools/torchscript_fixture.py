"""Makes the committed TorchScript fixture: a user's own PyTorch model that is NOT in RobustLab's zoo.

Run with Debian's PyTorch (apt-get install -y python3-torch), from the repository root, with MNIST in ./data:

    /usr/bin/python3 tools/torchscript_fixture.py [--data-dir data] [--out RobustLab.Tests/Fixtures/torchscript]

The model (ResNetMini): conv 1→16 (3×3, pad 1) → BatchNorm → ReLU → a residual block [conv 16→16 → BN → ReLU → conv
16→16 → BN, plus the identity] → ReLU → conv 16→32 (3×3, stride 2) → BN → ReLU → global average pooling → fc 32→10. It
is trained briefly (two epochs on the first 10,000 MNIST training images, Adam, seed 0), then saved in eval mode with
torch.jit.script as resnet-mini.pt. Beside it, resnet-mini.expected.safetensors holds what PyTorch itself computes on
the first 16 MNIST test images: "inputs" [16,1,28,28], "labels" [16] (as float), "logits" [16,10], "input_gradient"
[16,1,28,28] (∂ Σₙ CE(zₙ, yₙ) / ∂x), and "fgsm" [16,1,28,28] = clamp(x + 0.1·sign(∇ₓ Σₙ CE), 0, 1) with its logits
"fgsm_logits"; resnet-mini.expected.json holds clean and FGSM (ε = 0.1) accuracy on the first 200 test images, which
the CLI test compares with `robustlab eval --model resnet-mini.pt --limit 200 --attack fgsm --eps 0.1 --json`.
RobustLab.Tests/Torch/TorchScriptModelTests.cs and RobustLab.Tests/Cli/CliBackendTests.cs read these files (no Python in CI).
"""

import argparse
import json
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_torch import load_mnist  # noqa: E402
from safetensors_io import save_file  # noqa: E402

EPS = 0.1


class ResidualBlock(nn.Module):
    """y = ReLU(x + BN(conv(ReLU(BN(conv(x))))))  (He et al. 2016, the basic block)."""

    def __init__(self, channels):
        super().__init__()
        self.conv1 = nn.Conv2d(channels, channels, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(channels)
        self.conv2 = nn.Conv2d(channels, channels, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(channels)

    def forward(self, x):
        h = F.relu(self.bn1(self.conv1(x)))
        return F.relu(x + self.bn2(self.conv2(h)))


class ResNetMini(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(1, 16, 3, padding=1, bias=False)
        self.bn = nn.BatchNorm2d(16)
        self.block = ResidualBlock(16)
        self.down = nn.Conv2d(16, 32, 3, stride=2, bias=False)
        self.bn_down = nn.BatchNorm2d(32)
        self.fc = nn.Linear(32, 10)

    def forward(self, x):
        h = F.relu(self.bn(self.stem(x)))
        h = self.block(h)
        h = F.relu(self.bn_down(self.down(h)))
        h = h.mean(dim=(2, 3))  # global average pooling
        return self.fc(h)


def fgsm(model, x, y):
    x = x.clone().requires_grad_(True)
    loss = F.cross_entropy(model(x), y, reduction="sum")
    (g,) = torch.autograd.grad(loss, x)
    return g, (x + EPS * g.sign()).clamp(0, 1).detach()


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data-dir", default="data")
    p.add_argument("--out", default="RobustLab.Tests/Fixtures/torchscript")
    args = p.parse_args()
    torch.manual_seed(0)
    torch.set_num_threads(2)
    train_x, train_y = load_mnist(args.data_dir, "train")
    test_x, test_y = load_mnist(args.data_dir, "test")
    train_x, train_y = train_x[:10000], train_y[:10000]

    model = ResNetMini()
    opt = torch.optim.Adam(model.parameters(), lr=3e-3)
    model.train()
    for _ in range(2):
        order = torch.randperm(len(train_y))
        for start in range(0, len(order), 64):
            idx = order[start:start + 64]
            opt.zero_grad()
            F.cross_entropy(model(train_x[idx]), train_y[idx]).backward()
            opt.step()
    model.eval()

    os.makedirs(args.out, exist_ok=True)
    scripted = torch.jit.script(model)
    path = os.path.join(args.out, "resnet-mini.pt")
    scripted.save(path)
    loaded = torch.jit.load(path)

    x, y = test_x[:16], test_y[:16]
    with torch.no_grad():
        logits = loaded(x)
    g, adv = fgsm(loaded, x, y)
    with torch.no_grad():
        adv_logits = loaded(adv)
    save_file({
        "inputs": x.contiguous(), "labels": y.float(), "logits": logits.contiguous(),
        "input_gradient": g.contiguous(), "fgsm": adv.contiguous(), "fgsm_logits": adv_logits.contiguous(),
    }, os.path.join(args.out, "resnet-mini.expected.safetensors"), {"model": "resnet-mini.pt", "eps": str(EPS)})

    x200, y200 = test_x[:200], test_y[:200]
    with torch.no_grad():
        clean = (loaded(x200).argmax(1) == y200).float().mean().item()
    _, adv200 = fgsm(loaded, x200, y200)
    with torch.no_grad():
        robust = (loaded(adv200).argmax(1) == y200).float().mean().item()
    expected = {"examples": 200, "eps": EPS, "clean_accuracy": clean, "fgsm_accuracy": robust,
                "torch": torch.__version__, "parameters": sum(q.numel() for q in model.parameters())}
    with open(os.path.join(args.out, "resnet-mini.expected.json"), "w") as f:
        json.dump(expected, f, indent=2)
        f.write("\n")
    print(json.dumps(expected))


if __name__ == "__main__":
    main()
