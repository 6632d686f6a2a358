"""The same 10,000-step gd and momentum loops on (1 - w1*w2)^2 in numpy (hand-written
gradient, Python loop), torch (autograd, Python loop) and jax (jax.grad inside a jitted
lax.fori_loop), float64 everywhere; and one optimizer step (momentum, Adam) on 100,000 float32
parameters with numpy's in-place array operations, as a network's training step would take it.
Prints `name seconds` lines (fastest of several runs); a peer that is not installed prints a
`#` line saying so."""
from timing import seconds_per_call

STEPS, LR, LAM, W0 = 10_000, 0.05, 0.9, (0.5, -0.3)


def numpy_peer():
    import numpy as np

    def grad(w):
        r = 1.0 - w[0] * w[1]
        return np.array([-2.0 * r * w[1], -2.0 * r * w[0]])

    def gd():
        w = np.array(W0)
        for _ in range(STEPS):
            w = w - LR * grad(w)
        return w

    def momentum():
        w, m = np.array(W0), np.zeros(2)
        for _ in range(STEPS):
            m = LAM * m - LR * grad(w)
            w = w + m
        return w

    for name, fn in (("gd", gd), ("momentum", momentum)):
        print(f"numpy_{name} {seconds_per_call(fn, 3)}")
        print(f"# numpy {name} endpoint {list(fn())}")


def torch_peer():
    import torch

    def loss(w):
        return (1 - w[0] * w[1]) ** 2

    def gd():
        w = torch.tensor(W0, dtype=torch.float64, requires_grad=True)
        for _ in range(STEPS):
            (g,) = torch.autograd.grad(loss(w), w)
            with torch.no_grad():
                w = (w - LR * g).requires_grad_(True)
        return w.detach()

    def momentum():
        w = torch.tensor(W0, dtype=torch.float64, requires_grad=True)
        m = torch.zeros(2, dtype=torch.float64)
        for _ in range(STEPS):
            (g,) = torch.autograd.grad(loss(w), w)
            with torch.no_grad():
                m = LAM * m - LR * g
                w = (w + m).requires_grad_(True)
        return w.detach()

    for name, fn in (("gd", gd), ("momentum", momentum)):
        print(f"torch_{name} {seconds_per_call(fn, 2)}")
        print(f"# torch {name} endpoint {fn().tolist()}")


def jax_peer():
    import jax

    jax.config.update("jax_enable_x64", True)
    import jax.numpy as jnp

    grad = jax.grad(lambda w: (1 - w[0] * w[1]) ** 2)

    @jax.jit
    def gd(w):
        return jax.lax.fori_loop(0, STEPS, lambda i, w: w - LR * grad(w), w)

    @jax.jit
    def momentum(w):
        def body(i, state):
            w, m = state
            m = LAM * m - LR * grad(w)
            return w + m, m

        return jax.lax.fori_loop(0, STEPS, body, (w, jnp.zeros(2)))[0]

    loss = lambda w: (1 - w[0] * w[1]) ** 2

    @jax.jit
    def gd_trajectory(w):
        """Like saddle's run: every iterate and its loss kept (lax.scan with stacked outputs)."""
        def body(w, _):
            w = w - LR * grad(w)
            return w, (w, loss(w))

        return jax.lax.scan(body, w, None, length=STEPS)[1]

    @jax.jit
    def momentum_trajectory(w):
        def body(state, _):
            w, m = state
            m = LAM * m - LR * grad(w)
            w = w + m
            return (w, m), (w, m, loss(w))

        return jax.lax.scan(body, (w, jnp.zeros(2)), None, length=STEPS)[1]

    w0 = jnp.array(W0, dtype=jnp.float64)
    for name, fn in (("gd", gd_trajectory), ("momentum", momentum_trajectory)):
        jax.block_until_ready(fn(w0))
        print(f"jaxscan_{name} {seconds_per_call(lambda: jax.block_until_ready(fn(w0)), 20)}")
    for name, fn in (("gd", gd), ("momentum", momentum)):
        fn(w0).block_until_ready()  # compile outside the timing
        print(f"jax_{name} {seconds_per_call(lambda: fn(w0).block_until_ready(), 20)}")
        print(f"# jax {name} endpoint {fn(w0).tolist()}")


def numpy_step_peer():
    """One update of 100,000 float32 parameters, in place (out=, no temporaries kept)."""
    import numpy as np

    p_count, lr, lam, b1, b2, eps = 100_000, 0.01, 0.9, 0.9, 0.999, 1e-8
    rng = np.random.default_rng(0)
    g = rng.standard_normal(p_count).astype(np.float32)
    p, m, v, tmp = (np.zeros(p_count, np.float32) for _ in range(4))

    def momentum():
        np.multiply(m, np.float32(lam), out=m)
        np.multiply(g, np.float32(lr), out=tmp)
        np.subtract(m, tmp, out=m)
        np.add(p, m, out=p)

    t = [0]

    def adam():
        t[0] += 1
        c1, c2 = 1 - b1 ** t[0], 1 - b2 ** t[0]
        np.multiply(m, np.float32(b1), out=m)
        np.multiply(g, np.float32(1 - b1), out=tmp)
        np.add(m, tmp, out=m)
        np.multiply(v, np.float32(b2), out=v)
        np.multiply(g, g, out=tmp)
        np.multiply(tmp, np.float32(1 - b2), out=tmp)
        np.add(v, tmp, out=v)
        np.divide(v, np.float32(c2), out=tmp)
        np.sqrt(tmp, out=tmp)
        np.add(tmp, np.float32(eps), out=tmp)
        np.divide(m, tmp, out=tmp)
        np.multiply(tmp, np.float32(lr / c1), out=tmp)
        np.subtract(p, tmp, out=p)

    for name, fn in (("momentum", momentum), ("adam", adam)):
        print(f"numpy_step_{name} {seconds_per_call(fn, 5, batch=100)}")


for peer in (numpy_peer, numpy_step_peer, torch_peer, jax_peer):
    try:
        peer()
    except ImportError as e:
        print(f"# {peer.__name__} skipped: {e}")
