"""DeepFool as its authors' code runs it — an independent PyTorch reference for RobustLab's DeepFool.

Moosavi-Dezfooli, Fawzi, Frossard, "DeepFool: a simple and accurate method to fool deep neural networks", CVPR 2016
(arXiv:1511.04599), following github.com/LTS4/DeepFool (python/deepfool.py), one example at a time:

    I = classes by clean logit, descending; label = I[0]; r_tot = 0; x̃ = x
    while argmax f(x̃) = label and i < max_iter (50):
        for k in I[1:]:  w_k = ∇f_k(x̃) − ∇f_label(x̃);  f_k = f_k(x̃) − f_label(x̃);  pert_k = |f_k| / ‖w_k‖_q
        l = argmin_k pert_k
        L2 (the authors' code):  r_i = (pert_l + 1e-4) · w_l / ‖w_l‖₂                  (q = 2)
        L∞ (the paper's §3.3 ℓp generalisation, p = ∞, q = 1):  r_i = (pert_l + 1e-4) · sign(w_l)
        r_tot = float32(r_tot + r_i);  x̃ = clamp(x + (1 + η)·r_tot, 0, 1)             (η = 0.02)

The clamp to the pixel box is the one departure from the authors' code (which does not clip): RobustLab's threat model
keeps x̃ in [0,1]. Gradients come from one backward pass per logit, as the authors take them. Nothing here is ported
from RobustLab (tools/bench_torch_attacks.py imports this reference for its DeepFool).

    /usr/bin/python3 tools/deepfool_reference.py measure --model models/lenet-like.safetensors --images 1000 \
        [--activation relu|jumprelu:0.5] [--norm l2|linf]      # mean ‖δ‖ and ρ over the turned examples, JSON
    /usr/bin/python3 tools/deepfool_reference.py fixtures      # RobustLab.Tests/Fixtures/deepfool-reference.safetensors
"""

import argparse
import json
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


class Retrofit:
    """Stands in for torch.nn.functional inside torch_models: relu → JumpReLU J(z) = z·H(z − κ) (Erichson et al. eq. 3)."""

    def __init__(self, kappa):
        self.kappa = kappa

    def __getattr__(self, name):
        return getattr(F, name)

    def relu(self, z):
        return z * (z > self.kappa).to(z.dtype)


def set_activation(spec):
    if spec == "relu":
        torch_models.F = F
    elif spec.startswith("jumprelu:"):
        torch_models.F = Retrofit(float(spec.split(":", 1)[1]))
    else:
        raise ValueError(f"unsupported activation {spec!r}: relu or jumprelu:<κ>")


def deepfool(net, image, num_classes=10, overshoot=0.02, max_iter=50, norm="l2"):
    """One image [C,H,W] → (x̃, iterations, label, final class), as LTS4/DeepFool's deepfool()."""
    with torch.no_grad():
        f_image = net(image[None]).flatten()
    order = torch.argsort(f_image, descending=True)[:num_classes]
    label = int(order[0])
    r_tot = torch.zeros_like(image)
    pert_image = image.clone()
    x = pert_image[None].clone().requires_grad_(True)
    fs = net(x)
    k_i, loop_i = label, 0
    while k_i == label and loop_i < max_iter:
        pert, w = float("inf"), None
        (grad_orig,) = torch.autograd.grad(fs[0, order[0]], x, retain_graph=True)
        for k in range(1, num_classes):
            (cur_grad,) = torch.autograd.grad(fs[0, order[k]], x, retain_graph=True)
            w_k = (cur_grad - grad_orig)[0]
            f_k = (fs[0, order[k]] - fs[0, order[0]]).detach()
            dual = w_k.abs().sum() if norm == "linf" else w_k.norm()
            pert_k = f_k.abs() / dual
            if dual > 0 and pert_k < pert:
                pert, w = pert_k, w_k
        if w is None:  # every w_k is zero (or every f_k/‖w_k‖ is NaN): no direction to move in; the authors' code would NaN
            break
        if norm == "linf":
            r_i = (pert + 1e-4) * w.sign()
        else:
            r_i = (pert + 1e-4) * w / w.norm()
        r_tot = (r_tot + r_i).float()
        pert_image = torch.clamp(image + (1 + overshoot) * r_tot, 0, 1)
        x = pert_image[None].clone().requires_grad_(True)
        fs = net(x)
        k_i = int(fs.detach().argmax())
        loop_i += 1
    return pert_image.detach(), loop_i, label, k_i


def run(net, images, labels, norm, overshoot=0.02, max_iter=50):
    """Per example: turned (correct before, wrong after) and ‖δ‖ in the attack's norm and in L2."""
    rows = []
    for image, y in zip(images, labels):
        adv, _, label, k_i = deepfool(net, image, overshoot=overshoot, max_iter=max_iter, norm=norm)
        delta = (adv - image).flatten()
        rows.append((label == int(y) and k_i != int(y), delta.norm().item(), delta.abs().max().item(),
                     image.flatten().norm().item(), image.flatten().abs().max().item()))
    return rows


def summary(rows, norm):
    turned = [r for r in rows if r[0]]
    size = (lambda r: r[1]) if norm == "l2" else (lambda r: r[2])
    scale = (lambda r: r[3]) if norm == "l2" else (lambda r: r[4])
    return {"turned": len(turned), "mean_delta": float(np.mean([size(r) for r in turned])),
            "rho": float(np.mean([size(r) / scale(r) for r in turned if scale(r) > 0]))}


def measure(args):
    set_activation(args.activation)
    net = torch_models.load(args.model)
    images, labels = bench_torch.load_mnist(args.data_dir, "test")
    rows = run(net, images[:args.images], labels[:args.images], args.norm)
    print(json.dumps({"model": args.model, "activation": args.activation, "norm": args.norm, "images": args.images,
                      **summary(rows, args.norm)}))


FIXTURE_IMAGES = 100
FIXTURE_CASES = [("relu", "l2"), ("jumprelu:0.5", "l2"), ("relu", "linf")]


def fixtures(args):
    """Per-example DeepFool results on the PyTorch-trained lenet-like of exact_attack_fixtures.py (first 100 images)."""
    model = os.path.join(FIXTURES, "exact-lenet-like.pytorch.safetensors")
    images, labels = bench_torch.load_mnist(args.data_dir, "test")
    x, y = images[:FIXTURE_IMAGES], labels[:FIXTURE_IMAGES]
    tensors, report = {}, []
    for activation, norm in FIXTURE_CASES:
        set_activation(activation)
        net = torch_models.load(model)
        rows = run(net, x, y, norm)
        key = f"{activation}/{norm}"
        tensors[f"{key}/turned"] = torch.tensor([float(r[0]) for r in rows])
        tensors[f"{key}/delta_l2"] = torch.tensor([r[1] for r in rows])
        tensors[f"{key}/delta_linf"] = torch.tensor([r[2] for r in rows])
        report.append(f"{key}: {summary(rows, norm)}")
    set_activation("relu")
    metadata = {"model": os.path.basename(model), "images": str(FIXTURE_IMAGES), "overshoot": "0.02", "max_iter": "50",
                "producer": f"pytorch {torch.__version__}, tools/deepfool_reference.py"}
    save_file(tensors, os.path.join(args.out, "deepfool-reference.safetensors"), metadata)
    print("\n".join(report))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    m = sub.add_parser("measure")
    m.add_argument("--model", required=True)
    m.add_argument("--images", type=int, default=1000)
    m.add_argument("--activation", default="relu")
    m.add_argument("--norm", choices=["l2", "linf"], default="l2")
    f = sub.add_parser("fixtures")
    f.add_argument("--out", default=FIXTURES)
    for p in (m, f):
        p.add_argument("--data-dir", default=os.path.join(ROOT, "data"))
    args = parser.parse_args()
    torch.set_num_threads(1)
    measure(args) if args.command == "measure" else fixtures(args)


if __name__ == "__main__":
    main()
