"""The same two calculations as main.swift in jax (jit) and torch, for ratios in one run.

Prints `name seconds` lines (best of several batches, per call). A peer that is not
installed is skipped with a `# skipped` line saying so. Both peers use float64.

1. The Hessian of Rosenbrock at (-1.2, 1): jax.jit(jax.hessian(f)) and
   torch.autograd.functional.hessian(f, x).
2. The critical points of Himmelblau in [-5, 5]^2: damped Newton on grad f = 0 from the
   same 12x12 grid of cell centres, pseudo-inverse step from eigh (eigenvalues below
   1e-12 max|lambda| dropped), step halving on |grad f|^2 over 10 candidate lengths,
   60 iterations, then in-box filter, deduplication (1e-6 * diameter) and classification.
"""

import numpy as np
from timing import seconds_per_call

STARTS = np.array([[-5 + (i + 0.5) * 10 / 12, -5 + (j + 0.5) * 10 / 12] for i in range(12) for j in range(12)])
HALVINGS = 0.5 ** np.arange(10)


def finish(points, hessians):
    """In-box filter, deduplication and classification (numpy, shared by both peers)."""
    kept = []
    for p, h in zip(points, hessians):
        if not np.all(np.isfinite(p)) or np.any(np.abs(p) > 5 + 1e-9):
            continue
        if any(np.linalg.norm(p - q) <= 1e-6 * np.sqrt(200) for q, _ in kept):
            continue
        w = np.linalg.eigvalsh(h)
        tol = 1e-8 * max(1.0, np.abs(w).max())
        kind = "degenerate" if np.any(np.abs(w) <= tol) else "min" if w.min() > 0 else "max" if w.max() < 0 else "saddle"
        kept.append((p, kind))
    return kept


def bench_jax():
    try:
        import jax
        import jax.numpy as jnp
    except ImportError:
        print("# skipped jax: not installed (pip install jax)")
        return
    jax.config.update("jax_enable_x64", True)

    def rosenbrock(p):
        return (1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2

    def himmelblau(p):
        return (p[0] ** 2 + p[1] - 11) ** 2 + (p[0] + p[1] ** 2 - 7) ** 2

    hess = jax.jit(jax.hessian(rosenbrock))
    x = jnp.array([-1.2, 1.0])
    hess(x).block_until_ready()
    print("jax_hessian_rosenbrock", seconds_per_call(lambda: hess(x).block_until_ready(), 7, batch=2000))

    grad = jax.grad(himmelblau)
    hessian = jax.hessian(himmelblau)
    halvings = jnp.array(HALVINGS)

    def newton(x0):
        def body(_, x):
            g, h = grad(x), hessian(x)
            w, v = jnp.linalg.eigh(h)
            proj = v.T @ g
            keep = jnp.abs(w) > 1e-12 * jnp.abs(w).max()
            step = -(v @ jnp.where(keep, proj / jnp.where(keep, w, 1.0), 0.0))
            trials = x[None, :] + halvings[:, None] * step[None, :]
            merits = jax.vmap(lambda t: jnp.sum(grad(t) ** 2))(trials)
            better = merits < jnp.sum(g**2)
            first = jnp.argmax(better)
            return jnp.where(better.any(), trials[first], x)

        x = jax.lax.fori_loop(0, 60, body, x0)
        return x, hessian(x)

    search = jax.jit(jax.vmap(newton))
    starts = jnp.array(STARTS)

    def run():
        points, hessians = search(starts)
        return finish(np.asarray(points), np.asarray(hessians))

    found = run()
    print("jax_critical_points_himmelblau", seconds_per_call(run, 5, batch=5))
    print("jax_critical_points_found", len(found))


def bench_torch():
    try:
        import torch
    except ImportError:
        print("# skipped torch: not installed (pip install torch)")
        return
    torch.set_default_dtype(torch.float64)

    def rosenbrock(p):
        return (1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2

    def himmelblau(p):
        return (p[0] ** 2 + p[1] - 11) ** 2 + (p[0] + p[1] ** 2 - 7) ** 2

    x = torch.tensor([-1.2, 1.0])
    torch.autograd.functional.hessian(rosenbrock, x)
    print("torch_hessian_rosenbrock", seconds_per_call(lambda: torch.autograd.functional.hessian(rosenbrock, x), 7, batch=500))

    from torch.func import grad, hessian, vmap

    batched_grad = vmap(grad(himmelblau))
    batched_hessian = vmap(hessian(himmelblau))
    halvings = torch.tensor(HALVINGS)

    def run():
        x = torch.tensor(STARTS)
        for _ in range(60):
            g, h = batched_grad(x), batched_hessian(x)
            w, v = torch.linalg.eigh(h)
            proj = torch.einsum("nij,ni->nj", v, g)
            keep = w.abs() > 1e-12 * w.abs().amax(dim=1, keepdim=True)
            coef = torch.where(keep, proj / torch.where(keep, w, torch.ones_like(w)), torch.zeros_like(w))
            step = -torch.einsum("nij,nj->ni", v, coef)
            trials = x[:, None, :] + halvings[None, :, None] * step[:, None, :]
            merits = (batched_grad(trials.reshape(-1, 2)) ** 2).sum(dim=1).reshape(len(x), -1)
            better = merits < (g**2).sum(dim=1, keepdim=True)
            first = better.int().argmax(dim=1)
            chosen = trials[torch.arange(len(x)), first]
            x = torch.where(better.any(dim=1, keepdim=True), chosen, x)
        return finish(x.numpy(), batched_hessian(x).numpy())

    found = run()
    print("torch_critical_points_himmelblau", seconds_per_call(run, 3, batch=2))
    print("torch_critical_points_found", len(found))


if __name__ == "__main__":
    bench_jax()
    bench_torch()
