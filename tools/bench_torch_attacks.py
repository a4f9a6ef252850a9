"""PyTorch side of RobustLab.Bench's attack tasks: PGD-40 (L∞) and DeepFool (L2) on a trained model.

Mirrors RobustLab.Engine/Attacks/Pgd.cs batch by batch (--batch, default 128); DeepFool is the independent reference:
  pgd       Madry et al. 2018: x⁰ = x (no random start); xᵗ⁺¹ = clip₀₁(clip_{x±ε}(xᵗ + α·sign(∇ₓ Σₙ CE(f(xᵗₙ), yₙ))));
            ε = 0.3, α = 0.01, 40 steps; one forward + one torch.autograd.grad per step, eval mode.
  deepfool  Moosavi-Dezfooli et al. 2016 as the authors' code runs it (tools/deepfool_reference.py, from
            github.com/LTS4/DeepFool — written independently of RobustLab, so the comparison can catch a difference):
            L2, all classes, overshoot η = 0.02 on the accumulated r_tot, at most 50 iterations; timed batched (one
            forward and K−1 autograd.grad calls per iteration, per-example stopping), and --check-reference runs
            deepfool_reference.deepfool image by image on the same images and reports both mean L2s.
Each attack runs once untimed on one batch with few iterations (warm-up), then timed over --images test images.
Prints one JSON object: times, PGD adversarial accuracy, DeepFool success rate and mean L2 of the perturbations of
the examples it fooled (those classified correctly before the attack).

    /usr/bin/python3 tools/bench_torch_attacks.py --data-dir data --model models/lenet-like.safetensors --threads 1
"""

import argparse
import json
import os
import sys
import time

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_torch  # noqa: E402
import deepfool_reference  # noqa: E402
import torch_models  # noqa: E402


def pgd(net, x, y, eps, alpha, steps):
    current = x.clone()
    for _ in range(steps):
        current.requires_grad_(True)
        loss = F.cross_entropy(net(current), y, reduction="sum")
        (grad,) = torch.autograd.grad(loss, current)
        with torch.no_grad():
            current = current + alpha * grad.sign()
            current = torch.min(torch.max(current, x - eps), x + eps).clamp_(0.0, 1.0)
    return current.detach()


def deepfool(net, x, y, overshoot, max_iter):
    """deepfool_reference.deepfool batched for timing: the same steps, all examples still correct at once."""
    n = x.shape[0]
    current = x.clone()
    r_tot = torch.zeros_like(x)
    active = torch.arange(n)
    for iteration in range(max_iter + 1):
        xa = current[active].clone().requires_grad_(True)
        logits = net(xa)
        ya = y[active]
        still = logits.argmax(1) == ya
        if iteration == max_iter or not bool(still.any()):
            break
        keep = still.nonzero().squeeze(1)
        active, ya = active[keep], ya[keep]
        m, k = active.shape[0], logits.shape[1]
        # Candidates: every class but the label, in class order (RobustLab's NearestBoundary.Candidates with count null).
        others = torch.arange(k).repeat(m, 1)
        others = others[others != ya.unsqueeze(1)].view(m, k - 1)
        xs = xa.detach()[keep]
        best = torch.full((m,), float("inf"))
        f_best = torch.zeros(m)
        w_best = torch.zeros_like(xs)
        for slot in range(k - 1):
            cand = others[:, slot]
            grad_out = torch.zeros_like(logits)
            grad_out[keep, cand] += 1.0
            grad_out[keep, ya] -= 1.0
            (g,) = torch.autograd.grad(logits, xa, grad_outputs=grad_out, retain_graph=slot < k - 2)
            g = g[keep]
            dual = g.flatten(1).norm(dim=1)
            fk = (logits[keep, cand] - logits[keep, ya]).detach()
            dist = torch.where(dual > 0, fk.abs() / dual, torch.full_like(dual, float("inf")))
            better = dist < best
            best = torch.where(better, dist, best)
            f_best = torch.where(better, fk, f_best)
            w_best[better] = g[better]
        movable = torch.isfinite(best)
        with torch.no_grad():
            length = w_best.flatten(1).norm(dim=1).clamp_min(1e-30)
            scale = ((f_best.abs() / length + 1e-4) / length).view(-1, *([1] * (xs.dim() - 1)))
            moving = active[movable]
            r_tot[moving] = (r_tot[active] + scale * w_best)[movable]
            current[moving] = (x[moving] + (1.0 + overshoot) * r_tot[moving]).clamp_(0.0, 1.0)
        active = active[movable]
        if active.numel() == 0:
            break
    return current


def over_batches(fn, images, labels, batch):
    return torch.cat([fn(images[s:s + batch], labels[s:s + batch]) for s in range(0, images.shape[0], batch)])


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", required=True, help="RobustLab data directory (holds mnist/)")
    parser.add_argument("--model", required=True, help="safetensors model file with PyTorch names")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--images", type=int, default=1000)
    parser.add_argument("--eps", type=float, default=0.3)
    parser.add_argument("--alpha", type=float, default=0.01)
    parser.add_argument("--steps", type=int, default=40)
    parser.add_argument("--overshoot", type=float, default=0.02)
    parser.add_argument("--max-iter", type=int, default=50)
    parser.add_argument("--check-reference", action="store_true", help="also run the per-image reference DeepFool")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    net = torch_models.load(args.model)
    images, labels = bench_torch.load_mnist(args.data_dir, "test")
    x, y = images[:args.images].contiguous(), labels[:args.images].contiguous()
    b = args.batch
    # Warm-up: oneDNN primitive caches, allocator, thread pool.
    pgd(net, x[:b], y[:b], args.eps, args.alpha, 3)
    deepfool(net, x[:b], y[:b], args.overshoot, 3)
    t_pgd, adv = timed(lambda: over_batches(lambda xb, yb: pgd(net, xb, yb, args.eps, args.alpha, args.steps), x, y, b))
    t_df, df = timed(lambda: over_batches(lambda xb, yb: deepfool(net, xb, yb, args.overshoot, args.max_iter), x, y, b))
    with torch.no_grad():
        clean_pred = net(x).argmax(1)
        pgd_acc = (net(adv).argmax(1) == y).float().mean().item()
        df_pred = net(df).argmax(1)
    fooled = (clean_pred == y) & (df_pred != y)
    l2 = (df - x).flatten(1).norm(dim=1)
    reference_l2 = None
    if args.check_reference:
        ref = torch.stack([deepfool_reference.deepfool(net, xi, overshoot=args.overshoot, max_iter=args.max_iter)[0] for xi in x])
        with torch.no_grad():
            ref_fooled = (clean_pred == y) & (net(ref).argmax(1) != y)
        reference_l2 = (ref - x).flatten(1).norm(dim=1)[ref_fooled].mean().item()
    print(json.dumps({
        "torch": torch.__version__,
        "threads": args.threads,
        "images": x.shape[0],
        "clean_accuracy": (clean_pred == y).float().mean().item(),
        "pgd": {"seconds": t_pgd, "adversarial_accuracy": pgd_acc},
        "deepfool": {"seconds": t_df, "fooled": int(fooled.sum()), "correct": int((clean_pred == y).sum()),
                     "mean_l2": l2[fooled].mean().item() if bool(fooled.any()) else None, "reference_mean_l2": reference_l2},
    }))


if __name__ == "__main__":
    main()
