"""Peers of Benchmarks/curvature (main.swift), same problems:

- hessian: the full Hessian of an 8-32-20-1 tanh MLP (P = 969, mse, mean) on N = 1,000
  Gaussian examples in float64, by `torch.autograd.functional.hessian` (2 threads), by
  `jax.hessian` under `jax.jit` (compile excluded: one call before timing), and by a
  vectorised numpy closed form written here (the same block formulas as Saddle's
  HessianAssembly: the loss's curvature M_l on each layer's pre-activations, the Jacobians
  between layers, the Gauss-Newton part and the activations' second-derivative terms).
  The numpy form is checked against torch's Hessian (relative Frobenius error printed).
- lanczos: top-5 eigenvalues of the Hessian of a 784-128-10 tanh net (P = 101,770,
  cross-entropy, float64) on the first 2,000 Fashion-MNIST training images, by Lanczos with
  full reorthogonalisation on torch Hessian-vector products (double backward), with the
  step count given on the command line (Saddle's operator applications).

Prints `name seconds` lines and `#` notes; a peer that is not installed says so.
Usage: python peers.py hessian numpy|torch|jax  |  python peers.py lanczos STEPS
"""
import gzip
import os
import sys
import time

import numpy as np

SIZES = [8, 32, 20, 1]
N = 1000
REPEATS = 3


def problem():
    rng = np.random.default_rng(2)
    x = rng.standard_normal((N, SIZES[0]))
    y = rng.standard_normal(N)
    params = []
    for n_in, n_out in zip(SIZES[:-1], SIZES[1:]):
        bound = 1 / np.sqrt(n_in)
        params += [rng.uniform(-bound, bound, (n_out, n_in)), rng.uniform(-bound, bound, n_out)]
    return x, y, np.concatenate([p.ravel() for p in params])


def unflatten(theta):
    out, offset = [], 0
    for n_in, n_out in zip(SIZES[:-1], SIZES[1:]):
        out.append(theta[offset:offset + n_out * n_in].reshape(n_out, n_in))
        offset += n_out * n_in
        out.append(theta[offset:offset + n_out])
        offset += n_out
    return out


def numpy_hessian(theta, x, y):
    """H = Σ_n [blocks]: H_ll = M_l ⊗ ã ãᵀ, H_lm = (M_l T_lm) ⊗ ã + δ_l ⊗ D T_(l-1)m (m < l)."""
    ps = unflatten(theta)
    ws, bs = ps[0::2], ps[1::2]
    layers = len(ws)
    n = x.shape[0]
    acts, pre = [x], []
    for l in range(layers):
        z = acts[-1] @ ws[l].T + bs[l]
        pre.append(z)
        if l < layers - 1:
            acts.append(np.tanh(z))
    c = pre[-1].shape[1]
    norm = n * c
    slope = [1 - a * a for a in acts[1:]]
    bend = [-2 * a * s for a, s in zip(acts[1:], slope)]
    delta = [None] * layers
    back = [None] * layers
    delta[-1] = 2 * (pre[-1] - y[:, None]) / norm
    for l in range(layers - 1, 0, -1):
        back[l] = delta[l] @ ws[l]
        delta[l - 1] = back[l] * slope[l - 1]
    curv = [None] * layers
    curv[-1] = np.broadcast_to(2 / norm * np.eye(c), (n, c, c))
    for l in range(layers - 2, -1, -1):
        w = ws[l + 1]
        m = w.T @ curv[l + 1] @ w
        m *= slope[l][:, :, None] * slope[l][:, None, :]
        idx = np.arange(w.shape[1])
        m[:, idx, idx] += back[l + 1] * bend[l]
        curv[l] = m
    tilde = [np.hstack([a, np.ones((n, 1))]) for a in acts]
    sizes = [w.size + b.size for w, b in zip(ws, bs)]
    offsets = np.concatenate([[0], np.cumsum(sizes)])
    # Local order of layer l's parameters: (i, j) with j = n_in meaning b_i -> W row-major, then b.
    orders = []
    for w in ws:
        n_out, n_in = w.shape
        width = n_in + 1
        orders.append(np.array([i * width + j for i in range(n_out) for j in range(n_in)]
                               + [i * width + n_in for i in range(n_out)]))
    jac = {}
    for m in range(layers - 1):
        w = ws[m + 1]
        scaled = w[None, :, :] * slope[m][:, None, :]
        weights = (scaled[:, :, :, None] * acts[m][:, None, None, :]).reshape(n, w.shape[0], -1)
        jac[(m + 1, m)] = np.concatenate([weights, scaled], axis=2)
        for l in range(m + 1, layers - 1):
            inner = slope[l][:, :, None] * jac[(l, m)]
            jac[(l + 1, m)] = np.tensordot(inner, ws[l + 1], axes=([1], [1])).transpose(0, 2, 1)
    h = np.zeros((offsets[-1], offsets[-1]))
    for l in range(layers):
        n_out, n_in = ws[l].shape
        width = n_in + 1
        y_ = curv[l].reshape(n, n_out * n_out)
        z_ = (tilde[l][:, :, None] * tilde[l][:, None, :]).reshape(n, width * width)
        block = (y_.T @ z_).reshape(n_out, n_out, width, width).transpose(0, 2, 1, 3)
        block = block.reshape(n_out * width, n_out * width)[np.ix_(orders[l], orders[l])]
        h[offsets[l]:offsets[l + 1], offsets[l]:offsets[l + 1]] = block
        for m in range(l):
            pm = sizes[m]
            mixed = curv[l] @ jac[(l, m)]
            part = (tilde[l].T @ mixed.reshape(n, n_out * pm)).reshape(width, n_out, pm).transpose(1, 0, 2)
            if m == l - 1:
                eye = np.zeros((n, n_in, pm))
                local = np.arange(n_in * ws[m].shape[1]).reshape(n_in, -1)
                for j in range(n_in):
                    eye[:, j, local[j]] = tilde[m][:, :-1]
                    eye[:, j, n_in * ws[m].shape[1] + j] = 1
                inner = slope[l - 1][:, :, None] * eye
            else:
                inner = slope[l - 1][:, :, None] * jac[(l - 1, m)]
            part[:, :n_in, :] += (delta[l].T @ inner.reshape(n, n_in * pm)).reshape(n_out, n_in, pm)
            rows = part.reshape(n_out * width, pm)[orders[l]]
            h[offsets[l]:offsets[l + 1], offsets[m]:offsets[m + 1]] = rows
            h[offsets[m]:offsets[m + 1], offsets[l]:offsets[l + 1]] = rows.T
    return h


def mlp_loss(tanh, x, y):
    """The benchmark net's mean squared error as a function of the flat θ, for an array library
    whose arrays support slicing, reshape, @ and .T (torch, jax.numpy), given its tanh."""
    def loss(theta):
        out, offset = x, 0
        for k, (n_in, n_out) in enumerate(zip(SIZES[:-1], SIZES[1:])):
            w = theta[offset:offset + n_out * n_in].reshape(n_out, n_in)
            offset += n_out * n_in
            b = theta[offset:offset + n_out]
            offset += n_out
            out = out @ w.T + b
            if k < len(SIZES) - 2:
                out = tanh(out)
        return ((out[:, 0] - y) ** 2).mean()
    return loss


def best_of(fn):
    fn()
    best = float("inf")
    for _ in range(REPEATS):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def load_avg():
    return f"{os.getloadavg()[0]:.1f}"


def hessian_peer(which):
    x, y, theta = problem()
    if which == "numpy":
        print(f"numpy_hessian {best_of(lambda: numpy_hessian(theta, x, y))}")
        print(f"# numpy closed form: best of {REPEATS}, load average {load_avg()}")
        try:
            import torch
        except ImportError:
            return
        t = torch.autograd.functional.hessian(
            mlp_loss(torch.tanh, torch.from_numpy(x), torch.from_numpy(y)), torch.from_numpy(theta)).numpy()
        h = numpy_hessian(theta, x, y)
        print(f"# numpy closed form vs torch: relative Frobenius error {np.linalg.norm(h - t) / np.linalg.norm(t):.1e}")
    elif which == "torch":
        try:
            import torch
        except ImportError:
            print("# torch is not installed: skipped")
            return
        torch.set_num_threads(2)
        f = mlp_loss(torch.tanh, torch.from_numpy(x), torch.from_numpy(y))
        th = torch.from_numpy(theta)
        start = time.perf_counter()
        torch.autograd.functional.hessian(f, th)
        print(f"torch_hessian {time.perf_counter() - start}")
        print(f"# torch {torch.__version__} autograd.functional.hessian: one run (P backward passes; "
              f"minutes, so not repeated), load average {load_avg()}")
    elif which == "jax":
        try:
            import jax
        except ImportError:
            print("# jax is not installed: skipped")
            return
        jax.config.update("jax_enable_x64", True)
        import jax.numpy as jnp
        hess = jax.jit(jax.hessian(mlp_loss(jnp.tanh, jnp.asarray(x), jnp.asarray(y))))
        th = jnp.asarray(theta)
        seconds = best_of(lambda: hess(th).block_until_ready())
        print(f"jax_hessian {seconds}")
        print(f"# jax {jax.__version__} jit(hessian), compile excluded: best of {REPEATS}, load average {load_avg()}")


def lanczos_peer(steps):
    try:
        import torch
    except ImportError:
        print("# torch is not installed: skipped")
        return
    torch.set_num_threads(2)
    d = "/usr/share/datasets/fashion-mnist"
    with gzip.open(f"{d}/train-images-idx3-ubyte.gz") as f:
        x = np.frombuffer(f.read()[16:16 + 2000 * 784], dtype=np.uint8).reshape(2000, 784) / 255.0
    with gzip.open(f"{d}/train-labels-idx1-ubyte.gz") as f:
        y = np.frombuffer(f.read()[8:8 + 2000], dtype=np.uint8).astype(np.int64)
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(784, 128), torch.nn.Tanh(), torch.nn.Linear(128, 10)).double()
    params = list(model.parameters())
    xt, yt = torch.from_numpy(x), torch.from_numpy(y)

    def run():
        loss = torch.nn.functional.cross_entropy(model(xt), yt)
        grads = torch.autograd.grad(loss, params, create_graph=True)
        p = sum(g.numel() for g in grads)
        gen = torch.Generator().manual_seed(0)
        q = torch.randn(p, dtype=torch.float64, generator=gen)
        q /= q.norm()
        basis, alphas, betas = [q], [], []
        for k in range(steps):
            vs = torch.split(basis[-1], [g.numel() for g in grads])
            hv = torch.autograd.grad(grads, params, [v.view_as(g) for v, g in zip(vs, grads)], retain_graph=True)
            w = torch.cat([h.reshape(-1) for h in hv])
            alphas.append(torch.dot(w, basis[-1]).item())
            q_mat = torch.stack(basis, dim=1)
            for _ in range(2):
                w = w - q_mat @ (q_mat.T @ w)
            beta = w.norm().item()
            if k == steps - 1 or beta == 0:
                break
            betas.append(beta)
            basis.append(w / beta)
        t = np.diag(alphas) + np.diag(betas[:len(alphas) - 1], 1) + np.diag(betas[:len(alphas) - 1], -1)
        return np.sort(np.linalg.eigvalsh(t))[::-1][:5]

    start = time.perf_counter()
    top = run()
    print(f"torch_lanczos {time.perf_counter() - start}")
    print(f"# torch Lanczos, {steps} HVPs (full reorthogonalisation), load average {load_avg()}: top 5 "
          + " ".join(f"{v:.6g}" for v in top))


if __name__ == "__main__":
    if sys.argv[1] == "hessian":
        hessian_peer(sys.argv[2])
    else:
        lanczos_peer(int(sys.argv[2]))
