"""PyTorch-made fixtures for RobustLab's PyTorch-exactness test of FGSM and PGD (no random start).

Trains lenet-like and borji-mnist briefly in PyTorch (seeded; PyTorch-trained weights, not RobustLab's), then, on
the first IMAGES MNIST test images and for ReLU and the SReLU retrofit α·max(0, z) (Borji §1) with α = 2 and 10,
records what PyTorch's FGSM and PGD produce:

  FGSM    x̃ = clamp(x + ε·sign(∇ₓ Σₙ CE(f(xₙ), yₙ)), 0, 1) for ε 0.05 / 0.1 / 0.3, eval mode (torchattacks' FGSM but
          with reduction="sum": each example's own gradient, RobustLab's convention). The gradient sign is stored (I8);
          the image for every ε is x + ε·sign clamped, in float32 — exactly what PyTorch computes.
          NOTE: torchattacks' default mean reduction scales every gradient by 1/N; where the softmax saturates that
          underflows to exactly zero on more examples, so its masking depends on the batch size (counted in the
          metadata "zero_gradient_mean_reduction" for a batch of IMAGES).
  PGD     no random start, ε 0.3, α 0.05, 10 steps (torchattacks' PGD arithmetic: x̃ ← x̃ + α·sign(g);
          δ = clamp(x̃ − x, −ε, ε); x̃ = clamp(x + δ, 0, 1)), the final images in F32 for the first PGD_IMAGES images.

Beside each, a packed bit mask (U8, np.packbits per example, big-endian bit order) of the components where PyTorch's
own float32 gradient is within rounding of zero (see near_zero below), which the C# test may tolerate, counted and
bounded; and the examples whose PyTorch input gradient is exactly zero (the gradient-masking signal).

Writes RobustLab.Tests/Fixtures/exact-<arch>.pytorch.safetensors (the PyTorch-trained weights, loadable by
ModelFile.Load) and exact-<arch>.attacks.safetensors (the images and attack outputs). Run from the repository root:

    /usr/bin/python3 tools/exact_attack_fixtures.py [--data-dir data]
"""

import argparse
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_torch  # noqa: E402
import torch_models  # noqa: E402
from safetensors_io import save_file  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "RobustLab.Tests", "Fixtures")
ARCHITECTURES = ["lenet-like", "borji-mnist"]
ACTIVATIONS = {"relu": 1.0, "srelu:2": 2.0, "srelu:10": 10.0}
IMAGES, PGD_IMAGES = 100, 50
FGSM_EPSILONS = [0.05, 0.1, 0.3]
PGD_EPSILON, PGD_STEP, PGD_STEPS = 0.3, 0.05, 10
TRAIN_IMAGES, TRAIN_BATCH, SEED = 20000, 64, 0
# A component is "within rounding of zero" when PyTorch's float32 gradient disagrees in sign with the same backward
# pass in float64 (started from PyTorch's own float32 logit gradient, so the loss layer's float32 conventions are
# kept), or when its size is below NEAR_ZERO_RELATIVE of the float64 value's error scale.
NEAR_ZERO_RELATIVE = 1e-3


class Sloped:
    """Stands in for torch.nn.functional inside torch_models while a retrofit is active: relu(z) → α·relu(z)."""

    def __init__(self, alpha):
        self.alpha = alpha

    def __getattr__(self, name):
        return getattr(F, name)

    def relu(self, z):
        return F.relu(z) if self.alpha == 1.0 else self.alpha * F.relu(z)


def with_activation(alpha):
    torch_models.F = Sloped(alpha)


def input_gradient(net, x, y, reduction="sum"):
    """∇ₓ Σₙ CE(f(xₙ), yₙ) (or the mean), and ∂CE/∂logits — all float32, eval mode."""
    x = x.clone().requires_grad_(True)
    logits = net(x)
    logits.retain_grad()
    loss = F.cross_entropy(logits, y, reduction=reduction)
    loss.backward()
    return x.grad.detach(), logits.grad.detach()


def near_zero(net64, x, dlogits, g32):
    """Components where PyTorch's float32 gradient is within rounding of zero (see NEAR_ZERO_RELATIVE)."""
    x64 = x.double().clone().requires_grad_(True)
    (g64,) = torch.autograd.grad(net64(x64), x64, grad_outputs=dlogits.double())
    g32d = g32.double()
    flipped = torch.sign(g32d) != torch.sign(g64)
    small = (g32d - g64).abs() >= NEAR_ZERO_RELATIVE * g64.abs()
    return (flipped | small) & ((g32d != 0) | (g64 != 0))


def pack(mask):
    return torch.from_numpy(np.packbits(mask.flatten(1).numpy().astype(np.uint8), axis=1))


def fgsm_sign(net, net64, x, y):
    g, dlogits = input_gradient(net, x, y)
    zero = (g.flatten(1) == 0).all(1)
    return g.sign(), near_zero(net64, x, dlogits, g), zero


def pgd(net, net64, x, y):
    """torchattacks.PGD with random_start=False, step by step; also ORs the near-zero masks of every step."""
    adv = x.clone()
    tolerated = torch.zeros_like(x, dtype=torch.bool)
    for _ in range(PGD_STEPS):
        g, dlogits = input_gradient(net, adv, y)
        tolerated |= near_zero(net64, adv, dlogits, g)
        adv = adv + PGD_STEP * g.sign()
        delta = torch.clamp(adv - x, min=-PGD_EPSILON, max=PGD_EPSILON)
        adv = torch.clamp(x + delta, min=0, max=1).detach()
    return adv, tolerated


def train(arch, images, labels):
    net = torch_models.create(arch, seed=SEED)
    bench_torch.train_epoch(net, images[:TRAIN_IMAGES], labels[:TRAIN_IMAGES], TRAIN_BATCH, SEED)
    return net.eval()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", default=os.path.join(ROOT, "data"))
    parser.add_argument("--out", default=FIXTURES)
    args = parser.parse_args()
    torch.set_num_threads(1)
    torch.set_flush_denormal(False)  # PyTorch's default, stated: denormal gradients stay denormal
    train_x, train_y = bench_torch.load_mnist(args.data_dir, "train")
    test_x, test_y = bench_torch.load_mnist(args.data_dir, "test")
    x, y = test_x[:IMAGES].contiguous(), test_y[:IMAGES].contiguous()
    pixels = torch.round(x * 255).to(torch.uint8)
    assert torch.equal(pixels.float() / 255, x), "pixels are byte/255 in float32"
    for arch in ARCHITECTURES:
        with_activation(1.0)
        net = train(arch, train_x, train_y)
        for p in net.parameters():
            p.requires_grad_(False)
        metadata = {"architecture": arch, "format": "pt", "producer": f"pytorch {torch.__version__}",
                    "seed": str(SEED), "trained": f"1 epoch, Adam 1e-3, batch {TRAIN_BATCH}, first {TRAIN_IMAGES} training images"}
        save_file(net.state_dict(), os.path.join(args.out, f"exact-{arch}.pytorch.safetensors"), metadata)
        net64 = torch_models.create(arch).double().eval()
        net64.load_state_dict({k: v.double() for k, v in net.state_dict().items()})
        tensors = {"pixels": pixels, "labels": y.to(torch.uint8)}
        report, mean_zeros = [], []
        for name, alpha in ACTIVATIONS.items():
            with_activation(alpha)
            sign, tolerated_fgsm, zero = fgsm_sign(net, net64, x, y)
            tensors[f"{name}/fgsm.sign"] = sign.to(torch.int8)
            tensors[f"{name}/fgsm.near_zero"] = pack(tolerated_fgsm)
            tensors[f"{name}/zero_gradient"] = zero.to(torch.uint8)
            mean_zero = int((input_gradient(net, x, y, "mean")[0].flatten(1) == 0).all(1).sum())
            accuracies = []
            with torch.no_grad():
                clean = (net(x).argmax(1) == y).float().mean().item()
                for eps in FGSM_EPSILONS:
                    adv = torch.clamp(x + eps * sign, min=0, max=1)
                    accuracies.append((net(adv).argmax(1) == y).float().mean().item())
            mean_zeros.append(f"{name}={mean_zero}")
            adv, tolerated = pgd(net, net64, x[:PGD_IMAGES], y[:PGD_IMAGES])
            tensors[f"{name}/pgd.adversarial"] = adv
            tensors[f"{name}/pgd.near_zero"] = pack(tolerated)
            with torch.no_grad():
                pgd_accuracy = (net(adv).argmax(1) == y[:PGD_IMAGES]).float().mean().item()
            report.append(f"  {name}: clean {clean:.2f}, FGSM {accuracies}, PGD {pgd_accuracy:.2f}, "
                          f"zero-gradient examples {int(zero.sum())} (mean reduction: {mean_zero}), near-zero components {int(tolerated_fgsm.sum())}")
        metadata = {"architecture": arch, "producer": f"pytorch {torch.__version__}", "images": str(IMAGES),
                    "pgd_images": str(PGD_IMAGES), "fgsm_epsilons": ",".join(map(str, FGSM_EPSILONS)),
                    "pgd": f"eps={PGD_EPSILON},step={PGD_STEP},steps={PGD_STEPS}", "loss": "cross_entropy, reduction sum (per-example gradients)",
                    "activations": ",".join(ACTIVATIONS), "zero_gradient_mean_reduction": ",".join(mean_zeros)}
        save_file(tensors, os.path.join(args.out, f"exact-{arch}.attacks.safetensors"), metadata)
        print(arch)
        print("\n".join(report))
    with_activation(1.0)


if __name__ == "__main__":
    main()
