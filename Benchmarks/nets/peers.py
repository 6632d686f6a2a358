"""Fashion-MNIST, MLP 784-128-10 ReLU, cross-entropy (mean), SGD momentum 0.9 lr 0.05,
float32, shuffled mini-batches, in numpy (vectorised forward/backward, hand-written) and
torch (nn.Sequential, 2 threads, the usual training loop over index batches). Prints
`name seconds` lines (seconds per epoch of 60,000 examples; batch 1 is timed on the first
6,000 examples and scaled by 10), and `#` notes; a peer that is not installed says so."""
import gzip
import os
import resource
import sys
import time

import numpy as np

DIR = "/usr/share/datasets/fashion-mnist"
LR, LAM = 0.05, 0.9
BATCHES = [int(b) for b in os.environ.get("NETS_BATCHES", "1 32 256 60000").split()]
BATCH1_EXAMPLES = int(os.environ.get("NETS_BATCH1_EXAMPLES", "6000"))


def load():
    with gzip.open(f"{DIR}/train-images-idx3-ubyte.gz") as f:
        x = np.frombuffer(f.read()[16:], dtype=np.uint8).reshape(60000, 784).astype(np.float32) / 255
    with gzip.open(f"{DIR}/train-labels-idx1-ubyte.gz") as f:
        y = np.frombuffer(f.read()[8:], dtype=np.uint8).astype(np.int64)
    return x, y


def examples_for(batch):
    return BATCH1_EXAMPLES if batch == 1 else 60000


def numpy_peer(x, y):
    rng = np.random.default_rng(0)
    b1 = 1 / np.sqrt(784)
    b2 = 1 / np.sqrt(128)
    params = [rng.uniform(-b1, b1, (128, 784)).astype(np.float32), rng.uniform(-b1, b1, 128).astype(np.float32),
              rng.uniform(-b2, b2, (10, 128)).astype(np.float32), rng.uniform(-b2, b2, 10).astype(np.float32)]
    moms = [np.zeros_like(p) for p in params]

    def step(xb, yb):
        w1, c1, w2, c2 = params
        z1 = xb @ w1.T + c1
        a1 = np.maximum(z1, 0)
        z2 = a1 @ w2.T + c2
        z2 = z2 - z2.max(axis=1, keepdims=True)
        e = np.exp(z2)
        p = e / e.sum(axis=1, keepdims=True)
        n = xb.shape[0]
        d2 = p
        d2[np.arange(n), yb] -= 1
        d2 /= n
        g = [None, None, d2.T @ a1, d2.sum(axis=0)]
        d1 = (d2 @ w2) * (z1 > 0)
        g[0] = d1.T @ xb
        g[1] = d1.sum(axis=0)
        for p_, m, gi in zip(params, moms, g):
            m *= LAM
            m += gi
            p_ -= LR * m

    for batch in BATCHES:
        n = examples_for(batch)
        start, cpu = time.perf_counter(), time.process_time()
        order = rng.permutation(n)
        for s in range(0, n, batch):
            idx = order[s:s + batch]
            step(x[idx], y[idx])
        print(f"numpy_{batch} {(time.perf_counter() - start) * 60000 / n}")
        print(f"cpu_numpy_{batch} {(time.process_time() - cpu) * 60000 / n}")


def torch_peer(x, y):
    try:
        import torch
    except ImportError:
        print("# torch is not installed in this venv: skipped")
        return
    torch.set_num_threads(2)
    torch.manual_seed(0)
    xt, yt = torch.from_numpy(x), torch.from_numpy(y)
    model = torch.nn.Sequential(torch.nn.Linear(784, 128), torch.nn.ReLU(), torch.nn.Linear(128, 10))
    opt = torch.optim.SGD(model.parameters(), lr=LR, momentum=LAM)
    loss_fn = torch.nn.CrossEntropyLoss()
    for batch in BATCHES:
        n = examples_for(batch)
        start, cpu = time.perf_counter(), time.process_time()
        order = torch.randperm(n)
        for s in range(0, n, batch):
            idx = order[s:s + batch]
            opt.zero_grad()
            loss = loss_fn(model(xt[idx]), yt[idx])
            loss.backward()
            opt.step()
        print(f"torch_{batch} {(time.perf_counter() - start) * 60000 / n}")
        print(f"cpu_torch_{batch} {(time.process_time() - cpu) * 60000 / n}")
    print(f"# torch {torch.__version__}, {torch.get_num_threads()} threads")


def torch_rss(x, y):
    """Peak RSS of a 10-epoch torch fit at batch 256 (run in a child process)."""
    import torch
    torch.set_num_threads(2)
    xt, yt = torch.from_numpy(x), torch.from_numpy(y)
    model = torch.nn.Sequential(torch.nn.Linear(784, 128), torch.nn.ReLU(), torch.nn.Linear(128, 10))
    opt = torch.optim.SGD(model.parameters(), lr=LR, momentum=LAM)
    loss_fn = torch.nn.CrossEntropyLoss()
    for _ in range(10):
        order = torch.randperm(60000)
        for s in range(0, 60000, 256):
            idx = order[s:s + 256]
            opt.zero_grad()
            loss_fn(model(xt[idx]), yt[idx]).backward()
            opt.step()
    print(f"torch_rss_mb {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}")


if __name__ == "__main__":
    x, y = load()
    if sys.argv[1:] == ["rss"]:
        torch_rss(x, y)
    else:
        which = sys.argv[1:] or ["numpy", "torch"]
        if "numpy" in which:
            numpy_peer(x, y)
        if "torch" in which:
            torch_peer(x, y)
