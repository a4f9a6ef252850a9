"""PyTorch side of the RobustLab speed benchmark (RobustLab.Bench runs it and prints the ratios).

Times, for one architecture of torch_models.py (default lenet-like), batch size B (default 128) and each
thread count given (torch.set_num_threads):
  train      one epoch of training: shuffle, forward (train mode, dropout on), mean cross-entropy,
             backward, Adam step (lr 1e-3), over the first --train-images images of MNIST train;
  inference  logits of the first --test-images MNIST test images, eval mode, torch.inference_mode();
  input_grad ∂L/∂x of the mean cross-entropy for the same test images, eval mode, with
             torch.autograd.grad(loss, x) (what attack code such as torchattacks does: no weight gradients).
Each measurement runs once untimed (warm-up) on a few batches first, then --repeat timed runs (the fastest is
reported; RobustLab.Bench runs one per round). Prints one JSON object on stdout.

Run with the Debian interpreter that has torch (1.13): /usr/bin/python3 (the python3 first on PATH has no torch).

    /usr/bin/python3 tools/bench_torch.py --data-dir data --threads 1 2 [--train-images 60000] [--test-images 10000]
"""

import argparse
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import torch_models  # noqa: E402

WARMUP_BATCHES = 20


def read_idx_images(path):
    with open(path, "rb") as f:
        magic, n, rows, cols = np.frombuffer(f.read(16), dtype=">i4")
        if magic != 2051:
            raise ValueError(f"{path}: not an IDX image file (magic {magic})")
        pixels = np.frombuffer(f.read(), dtype=np.uint8)
    if pixels.size != n * rows * cols:
        raise ValueError(f"{path}: {pixels.size} pixels, expected {n}×{rows}×{cols}")
    return torch.from_numpy(pixels.reshape(n, 1, rows, cols).astype(np.float32) / 255.0)


def read_idx_labels(path):
    with open(path, "rb") as f:
        magic, n = np.frombuffer(f.read(8), dtype=">i4")
        if magic != 2049:
            raise ValueError(f"{path}: not an IDX label file (magic {magic})")
        labels = np.frombuffer(f.read(), dtype=np.uint8)
    if labels.size != n:
        raise ValueError(f"{path}: {labels.size} labels, expected {n}")
    return torch.from_numpy(labels.astype(np.int64))


def load_mnist(data_dir, split):
    prefix = "train" if split == "train" else "t10k"
    folder = os.path.join(data_dir, "mnist")
    images = read_idx_images(os.path.join(folder, f"{prefix}-images-idx3-ubyte"))
    labels = read_idx_labels(os.path.join(folder, f"{prefix}-labels-idx1-ubyte"))
    return images, labels


def train_epoch(net, images, labels, batch, seed):
    """One epoch as RobustLab's Trainer does it: shuffled mini-batches, Adam, mean cross-entropy."""
    net.train()
    optimizer = torch.optim.Adam(net.parameters(), lr=1e-3)
    generator = torch.Generator().manual_seed(seed)
    order = torch.randperm(images.shape[0], generator=generator)
    for start in range(0, images.shape[0], batch):
        idx = order[start:start + batch]
        x, y = images[idx], labels[idx]
        optimizer.zero_grad()
        loss = F.cross_entropy(net(x), y)
        loss.backward()
        optimizer.step()


def inference(net, images, batch):
    net.eval()
    with torch.inference_mode():  # PyTorch's fastest no-autograd mode
        for start in range(0, images.shape[0], batch):
            net(images[start:start + batch]).argmax(1)


def input_gradient(net, images, labels, batch):
    net.eval()
    for start in range(0, images.shape[0], batch):
        x = images[start:start + batch].clone().requires_grad_(True)
        loss = F.cross_entropy(net(x), labels[start:start + batch])
        (grad,) = torch.autograd.grad(loss, x)
        del grad


def timed(fn):
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def run(args, threads):
    torch.set_num_threads(threads)
    train_x, train_y = args.train
    test_x, test_y = args.test
    net = torch_models.create(args.arch, seed=0)
    warm = WARMUP_BATCHES * args.batch
    # Warm-up: oneDNN primitive caches, allocator, thread pool.
    train_epoch(net, train_x[:warm], train_y[:warm], args.batch, seed=1)
    inference(net, test_x[:warm], args.batch)
    input_gradient(net, test_x[:warm], test_y[:warm], args.batch)
    net = torch_models.create(args.arch, seed=0)
    result = {"threads": threads}
    result["train"] = min(timed(lambda: train_epoch(net, train_x, train_y, args.batch, seed=0)) for _ in range(args.repeat))
    result["inference"] = min(timed(lambda: inference(net, test_x, args.batch)) for _ in range(args.repeat))
    result["input_grad"] = min(timed(lambda: input_gradient(net, test_x, test_y, args.batch)) for _ in range(args.repeat))
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", required=True, help="RobustLab data directory (holds mnist/)")
    parser.add_argument("--arch", default="lenet-like", choices=sorted(torch_models.ARCHITECTURES))
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--train-images", type=int, default=60000)
    parser.add_argument("--test-images", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=1, help="timed runs per measurement; the fastest is reported")
    args = parser.parse_args()
    if args.arch not in ("lenet-like", "borji-mnist"):
        parser.error("the benchmark reads MNIST, so --arch must be an MNIST architecture")
    train_x, train_y = load_mnist(args.data_dir, "train")
    test_x, test_y = load_mnist(args.data_dir, "test")
    args.train = (train_x[:args.train_images].contiguous(), train_y[:args.train_images].contiguous())
    args.test = (test_x[:args.test_images].contiguous(), test_y[:args.test_images].contiguous())
    results = [run(args, t) for t in args.threads]
    print(json.dumps({
        "torch": torch.__version__,
        "arch": args.arch,
        "batch": args.batch,
        "train_images": args.train[0].shape[0],
        "test_images": args.test[0].shape[0],
        "results": results,
    }))


if __name__ == "__main__":
    main()
