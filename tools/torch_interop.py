"""End-to-end check that weights move between PyTorch and RobustLab in safetensors and give the same logits.

Run with the Debian interpreter that has torch (1.13): /usr/bin/python3 (the python3 first on PATH has no torch).
From the repository root:

    /usr/bin/python3 tools/torch_interop.py e2e
        Both directions, all five architectures, in a temp dir:
        (a) PyTorch → RobustLab: builds each architecture (torch.manual_seed), saves <arch>.pytorch.safetensors
            (state_dict, metadata architecture/format) and <arch>.pytorch-logits.safetensors (tensors "inputs"
            [4,C,H,W] in [0,1] and "logits" [4,10], eval mode); then runs
            `dotnet test RobustLab.Tests --filter FullyQualifiedName~PyTorchInterop` with ROBUSTLAB_INTEROP_DIR set
            to the temp dir: RobustLab loads those files and asserts its logits match within 1e-4;
        (b) RobustLab → PyTorch: the same test run writes <arch>.robustlab.safetensors (ModelFile.Save) and
            <arch>.robustlab-logits.safetensors (RobustLab's inputs and logits); this script loads them into the
            PyTorch modules of torch_models.py and asserts max |PyTorch − RobustLab| < 1e-4.

    /usr/bin/python3 tools/torch_interop.py fixtures
        Regenerates the committed fixtures RobustLab.Tests/Fixtures/<arch>.pytorch[-logits].safetensors for
        lenet-like, borji-mnist and borji-cifar-cnn1 (checked in CI by PyTorchInteropTests, no Python needed).

    /usr/bin/python3 tools/torch_interop.py export DIR [--arch NAME ...] [--seed S]   # direction (a) files only
    /usr/bin/python3 tools/torch_interop.py check MODEL.safetensors LOGITS.safetensors  # direction (b), one pair
    /usr/bin/python3 tools/torch_interop.py check-dir DIR                          # (b) for every *.robustlab.safetensors

Exit status 0 when every comparison is within the tolerance.
"""

import argparse
import glob
import os
import subprocess
import sys
import tempfile

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import torch_models  # noqa: E402
from safetensors_io import load_file, save_file  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "RobustLab.Tests", "Fixtures")
FIXTURE_ARCHITECTURES = ["lenet-like", "borji-mnist", "borji-cifar-cnn1"]
TOLERANCE = 1e-4
BATCH = 4
INPUT_SEED = 1234


def export(directory, architectures, seed=0):
    """Direction (a): PyTorch weights and PyTorch logits for fixed inputs in [0,1]."""
    os.makedirs(directory, exist_ok=True)
    for arch in architectures:
        net = torch_models.create(arch, seed).eval()
        generator = torch.Generator().manual_seed(INPUT_SEED)
        inputs = torch.rand((BATCH,) + torch_models.input_shape(arch), generator=generator)
        with torch.no_grad():
            logits = net(inputs)
        metadata = {"architecture": arch, "format": "pt", "producer": f"pytorch {torch.__version__}", "seed": str(seed)}
        save_file(net.state_dict(), os.path.join(directory, f"{arch}.pytorch.safetensors"), metadata)
        save_file({"inputs": inputs, "logits": logits}, os.path.join(directory, f"{arch}.pytorch-logits.safetensors"),
                  {"architecture": arch, "producer": f"pytorch {torch.__version__}"})
        print(f"exported {arch}: {sum(p.numel() for p in net.parameters())} parameters, logits {list(logits.shape)}")


def check(model_path, logits_path):
    """Direction (b): a RobustLab model file in PyTorch; returns max |PyTorch − RobustLab| over the logits."""
    state, metadata = load_file(model_path)
    if metadata.get("format", "pt") != "pt":
        raise ValueError(f"{model_path}: format {metadata['format']!r}, expected 'pt'")
    arch = metadata.get("architecture")
    if arch is None:
        raise ValueError(f"{model_path}: no 'architecture' metadata")
    net = torch_models.create(arch)
    net.load_state_dict(state, strict=True)
    net.eval()
    reference, _ = load_file(logits_path)
    with torch.no_grad():
        logits = net(reference["inputs"])
    return arch, (logits - reference["logits"]).abs().max().item()


def check_dir(directory):
    models = sorted(glob.glob(os.path.join(directory, "*.robustlab.safetensors")))
    if not models:
        print(f"no *.robustlab.safetensors in {directory}")
        return False
    ok = True
    for model in models:
        arch, diff = check(model, model.replace(".robustlab.safetensors", ".robustlab-logits.safetensors"))
        passed = diff < TOLERANCE
        ok &= passed
        print(f"RobustLab → PyTorch  {arch:18s} max |Δlogit| = {diff:.3e}  {'OK' if passed else 'FAIL'}")
    return ok


def e2e():
    with tempfile.TemporaryDirectory(prefix="robustlab-interop-") as directory:
        print(f"== (a) PyTorch → RobustLab, files in {directory}")
        export(directory, list(torch_models.ARCHITECTURES))
        env = dict(os.environ, ROBUSTLAB_INTEROP_DIR=directory)
        command = ["dotnet", "test", "RobustLab.Tests", "--filter", "FullyQualifiedName~PyTorchInterop",
                   "--logger", "console;verbosity=detailed"]
        print("$ ROBUSTLAB_INTEROP_DIR=" + directory + " " + " ".join(command), flush=True)
        result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
        for line in result.stdout.splitlines():
            if "→" in line or line.strip().startswith(("Test Run", "Total tests", "Passed:", "Failed")) or "error" in line.lower():
                print("  " + line.strip())
        if result.returncode != 0:
            print(result.stdout[-4000:], result.stderr[-2000:], sep="\n")
            print("FAIL: dotnet test failed")
            return False
        print("== (b) RobustLab → PyTorch")
        return check_dir(directory)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="mode", required=True)
    p = sub.add_parser("export")
    p.add_argument("directory")
    p.add_argument("--arch", action="append", choices=list(torch_models.ARCHITECTURES))
    p.add_argument("--seed", type=int, default=0)
    sub.add_parser("fixtures")
    p = sub.add_parser("check")
    p.add_argument("model")
    p.add_argument("logits")
    p = sub.add_parser("check-dir")
    p.add_argument("directory")
    sub.add_parser("e2e")
    args = parser.parse_args()

    if args.mode == "export":
        export(args.directory, args.arch or list(torch_models.ARCHITECTURES), args.seed)
        ok = True
    elif args.mode == "fixtures":
        export(FIXTURES, FIXTURE_ARCHITECTURES)
        ok = True
    elif args.mode == "check":
        arch, diff = check(args.model, args.logits)
        ok = diff < TOLERANCE
        print(f"RobustLab → PyTorch  {arch} max |Δlogit| = {diff:.3e}  {'OK' if ok else 'FAIL'}")
    elif args.mode == "check-dir":
        ok = check_dir(args.directory)
    else:
        ok = e2e()
    print("PASS" if ok else "FAIL")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
