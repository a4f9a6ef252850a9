"""Cross-checks RobustLab's AutoAttack components against the authors' own implementation (Croce & Hein's auto-attack package).

Loads a RobustLab safetensors model into its PyTorch twin (torch_models.py), runs APGD-CE, APGD-T, FAB-T, Square and the
standard AutoAttack ensemble of the authors' code on MNIST test images [offset, offset + images), and prints one JSON line per
attack with the robust accuracy — to compare with `robustlab eval --attack <name>` on the same images and settings.

The authors' code is not part of RobustLab: fetch it yourself, check it out OUTSIDE this repository, and pass its path:

    /usr/bin/python3 tools/cross_check_autoattack.py --autoattack-src /tmp/aa --data-dir data \
        --model models/lenet-like.safetensors --norm linf --eps 0.1 --images 200

Needs Debian's PyTorch (`apt-get install -y python3-torch`, run with /usr/bin/python3). Settings mirror RobustLab's catalog:
one restart, 9 target classes for the targeted attacks, Square with p_init 0.8 and no schedule rescaling (AutoAttack's own).
"""

import argparse
import json
import os
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_torch  # noqa: E402  (MNIST IDX reader)
import torch_models  # noqa: E402

ATTACKS = ["apgd-ce", "apgd-t", "fab-t", "square", "autoattack"]


def build(name, model, norm, eps, steps, queries, seed):
    from autoattack.autopgd_base import APGDAttack, APGDAttack_targeted
    from autoattack.fab_pt import FABAttack_PT
    from autoattack.square import SquareAttack
    from autoattack import AutoAttack

    def apgd():
        return APGDAttack(model, n_restarts=1, n_iter=steps, eps=eps, norm=norm, seed=seed, loss="ce", rho=.75, device="cpu")

    def apgd_t():
        return APGDAttack_targeted(model, n_restarts=1, n_iter=steps, eps=eps, norm=norm, seed=seed, n_target_classes=9,
                                   rho=.75, device="cpu")

    def fab_t():
        return FABAttack_PT(model, n_restarts=1, n_iter=steps, eps=eps, norm=norm, seed=seed, targeted=True,
                            n_target_classes=9, device="cpu")

    def square():
        return SquareAttack(model, p_init=.8, n_queries=queries, eps=eps, norm=norm, n_restarts=1, seed=seed,
                            resc_schedule=False, device="cpu")

    if name == "apgd-ce":
        return lambda x, y: apgd().perturb(x, y)
    if name == "apgd-t":
        return lambda x, y: apgd_t().perturb(x, y)
    if name == "fab-t":
        return lambda x, y: fab_t().perturb(x, y)
    if name == "square":
        return lambda x, y: square().perturb(x, y)

    def ensemble(x, y):
        aa = AutoAttack(model, norm=norm, eps=eps, seed=seed, version="standard", device="cpu", verbose=False)
        # the standard version with the same (possibly shortened) budgets as RobustLab's run
        aa.apgd, aa.apgd_targeted, aa.fab, aa.square = apgd(), apgd_t(), fab_t(), square()
        return aa.run_standard_evaluation(x, y, bs=x.shape[0])
    return ensemble


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--autoattack-src", required=True, help="a checkout of the authors' auto-attack repository (outside RobustLab)")
    parser.add_argument("--data-dir", required=True, help="RobustLab data directory (holds mnist/)")
    parser.add_argument("--model", required=True, help="RobustLab safetensors model")
    parser.add_argument("--norm", choices=["linf", "l2"], default="linf")
    parser.add_argument("--eps", type=float, default=0.1)
    parser.add_argument("--images", type=int, default=200)
    parser.add_argument("--offset", type=int, default=0)
    parser.add_argument("--steps", type=int, default=100, help="APGD / FAB iterations (per target class)")
    parser.add_argument("--queries", type=int, default=5000, help="Square's query budget")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--attacks", default=",".join(ATTACKS), help="comma-separated subset of " + ", ".join(ATTACKS))
    args = parser.parse_args()
    if not os.path.isfile(os.path.join(args.autoattack_src, "autoattack", "autopgd_base.py")):
        sys.exit(f"{args.autoattack_src}: not a checkout of the auto-attack repository (no autoattack/autopgd_base.py)")
    sys.path.insert(0, os.path.abspath(args.autoattack_src))
    attacks = [a for a in args.attacks.split(",") if a]
    unknown = [a for a in attacks if a not in ATTACKS]
    if unknown:
        sys.exit(f"unknown attack(s) {unknown}; known: {ATTACKS}")

    torch.set_num_threads(args.threads)
    net = torch_models.load(args.model)
    images, labels = bench_torch.load_mnist(args.data_dir, "test")
    x = images[args.offset:args.offset + args.images].contiguous()
    y = labels[args.offset:args.offset + args.images].contiguous()
    norm = "Linf" if args.norm == "linf" else "L2"
    with torch.no_grad():
        clean = (net(x).argmax(1) == y).float().mean().item()
    for name in attacks:
        start = time.perf_counter()
        adv = build(name, net, norm, args.eps, args.steps, args.queries, args.seed)(x.clone(), y.clone())
        with torch.no_grad():
            robust = (net(adv).argmax(1) == y).float().mean().item()
        delta = (adv - x).flatten(1)
        size = delta.abs().max(1)[0] if norm == "Linf" else delta.norm(dim=1)
        print(json.dumps({"attack": name, "norm": args.norm, "eps": args.eps, "images": x.shape[0], "clean_accuracy": clean,
                          "adversarial_accuracy": robust, "max_perturbation": size.max().item(),
                          "seconds": round(time.perf_counter() - start, 2)}), flush=True)


if __name__ == "__main__":
    main()
