"""The readable sources of the lecture notebooks: "md:" cells are markdown, the rest Saddle code.

make_notebooks.py turns them into .ipynb files. Keep every cell fast: CI runs each
notebook twice (through the kernel and with `saddle run`).
"""

CRITICAL_POINTS = [
    """md:
# 1 · Critical points: when the gradient is zero

Training stalls when the loss stops going down. The usual suspect is a **critical point**:
a θ′ where the gradient g = ∇L(θ′) is the zero vector, so gradient descent θ ← θ − ηg no
longer moves. But a zero gradient only says the surface is *flat* at θ′ — it does not say
we are at the bottom. A critical point can be a **local minimum**, a **local maximum**, or
a **saddle point**, and only the first one is a reason to stop.

This notebook follows the first part of the lecture: the Taylor expansion around θ′, the
Hessian H, and how the signs of H's eigenvalues tell the three kinds apart.""",
    """md:
## Gradient zero is not the end

Three one-dimensional functions, all with derivative 0 at x = 0: a valley, a hill and a
flat step. Only the valley is a minimum; from the step, a small push still goes downhill.""",
    """valley(x) = x^2
hill(x) = -x^2
step(x) = x^3
(diff(valley)(0), diff(hill)(0), diff(step)(0))""",
    """grid_of((plot(valley, x: -1...1, title: "x²: minimum"),
         plot(hill, x: -1...1, title: "−x²: maximum"),
         plot(step, x: -1...1, title: "x³: neither")), columns: 3)""",
    """md:
## The Taylor approximation

Near any point θ′ the loss looks like a quadratic bowl, saddle or hill:

$$L(\\theta) \\approx L(\\theta') + (\\theta - \\theta')^T g + \\tfrac12 (\\theta - \\theta')^T H (\\theta - \\theta')$$

with the gradient $g_i = \\partial L(\\theta')/\\partial\\theta_i$ and the **Hessian**
$H_{ij} = \\partial^2 L(\\theta') / \\partial\\theta_i \\partial\\theta_j$. `taylor(L, at:)`
builds exactly this quadratic model (g and H come from automatic differentiation, not
finite differences). We use the lecture's loss $L = (1 - w_1 w_2)^2$ and a point θ′ that is
not critical.""",
    """L(w1, w2) = (1 - w1*w2)^2
θ′ = [0.5, -0.3]
T = taylor(L, at: θ′)
T""",
    """md:
Close to θ′ the model and the loss agree to second order; far away they part:""",
    """near = θ′ + [0.05, 0.05]
far = θ′ + [1, 1]
(L(near), T(near), L(far), T(far))""",
    """md:
Side by side on a square centred at θ′ = (0.5, −0.3): the contours agree in the middle and
bend apart towards the edges. The model's own critical point (×) is a saddle, because
the Hessian at θ′ has eigenvalues of both signs.""",
    """grid_of((surface(L, w1: -0.5...1.5, w2: -1.3...0.7, title: "L(w1, w2) = (1 − w1·w2)²"),
         surface(T, w1: -0.5...1.5, w2: -1.3...0.7, title: "its quadratic model around θ′")), columns: 2)""",
    """md:
The colour scales differ, so compare the two on one axis: along the line θ′ + t·(1, 1) for
t from −1 to 1 (41 samples, t = −1 + i/20), they touch at t = 0 and part further out.""",
    """ts = linspace(-1, 1, n: 41)
plot(loss: (L(0.5 + ts, -0.3 + ts), T(0.5 + ts, -0.3 + ts)), labels: ("L", "quadratic model T"),
     title: "L and its Taylor model along θ′ + t·(1, 1)", xlabel: "sample i  (t = −1 + i/20)", ylabel: "value")""",
    """md:
## The Hessian at a critical point

At a critical point the gradient term vanishes, so locally

$$L(\\theta) \\approx L(\\theta') + \\tfrac12 v^T H v, \\qquad v = \\theta - \\theta'.$$

Everything now depends on the sign of $v^T H v$:

* $v^T H v > 0$ for every $v \\ne 0$ → L goes up in every direction → **local minimum**
  (H is positive definite: all eigenvalues are positive);
* $v^T H v < 0$ for every $v$ → **local maximum** (all eigenvalues negative);
* sometimes positive, sometimes negative → **saddle point** (eigenvalues of both signs).

We do not have to try every v: the eigenvalues of H give the extreme values of
$v^T H v / \\|v\\|^2$.""",
    """bowl(x, y) = x^2 + y^2
cap(x, y) = 1 - x^2 - y^2
pass(x, y) = x^2 - y^2
H = hessian(pass, at: [0, 0])
H""",
    """v = [1, 0]
u = [0, 1]
(dot(v, H*v), dot(u, H*u))""",
    """md:
Along v the saddle curves up, along u it curves down. The eigenvalues say the same at once:""",
    """(eig(hessian(bowl, at: [0, 0])).values, eig(hessian(cap, at: [0, 0])).values, eig(H).values)""",
    """md:
## Minimum, maximum, saddle

`classify(L, at:)` does the whole test: is the gradient zero, and what are the signs of the
Hessian's eigenvalues?""",
    """classify(bowl, at: [0, 0])""",
    """(classify(bowl, at: [0, 0]).classification,
 classify(cap, at: [0, 0]).classification,
 classify(pass, at: [0, 0]).classification)""",
    """grid_of((surface(bowl, x: -1...1, y: -1...1, title: "local minimum: x² + y²"),
         surface(cap, x: -1...1, y: -1...1, title: "local maximum: 1 − x² − y²"),
         surface(pass, x: -1...1, y: -1...1, title: "saddle point: x² − y²")), columns: 3)""",
    """md:
## The lecture's example: $L = (\\hat y - w_1 w_2 x)^2 = (1 - w_1 w_2)^2$

A one-neuron network with two weights, one training example x = 1, ŷ = 1. The partial
derivatives, written as the slides write them:""",
    """diff(L, w1)""",
    """diff(L, w2)""",
    """grad(L)""",
    """md:
Both partials vanish at $w_1 = w_2 = 0$: the origin is a critical point. The second
derivatives form the Hessian:""",
    """hessian(L)""",
    """H0 = hessian(L, at: [0, 0])
H0""",
    """eig(H0)""",
    """md:
Eigenvalues 2 and −2: one direction up, one down — the origin is a **saddle point**, not a
minimum, although the gradient there is exactly zero.""",
    """classify(L, at: [0, 0])""",
    """md:
## All the critical points, and the error surface

The gradient $2(1 - w_1 w_2)(-w_2, -w_1)$ also vanishes wherever $w_1 w_2 = 1$: a whole
curve of critical points, the **valley of minima** with loss 0. There the Hessian has a
zero eigenvalue (flat along the valley), so the second-order test alone calls them
degenerate; their loss 0 — the least a square can be — makes them global minima.""",
    """cps = critical_points(L, in: [-2...2, -2...2])
cps""",
    """surface(L, w1: -2...2, w2: -2...2, log: true, title: "error surface of (1 − w1·w2)²")""",
]

ESCAPING = [
    """md:
# 2 · Escaping a saddle point

At a saddle point the gradient is zero, so gradient descent has nothing to follow. The
Hessian still knows a way down. Take an eigenvector **u** of H whose eigenvalue λ is
negative. Then

$$u^T H u = u^T (\\lambda u) = \\lambda \\|u\\|^2 < 0,$$

and with θ − θ′ = u the Taylor model gives

$$L(\\theta) \\approx L(\\theta') + \\tfrac12 \\lambda \\|u\\|^2 < L(\\theta').$$

So the step **θ = θ′ + u** lowers the loss. (The lecture notes that this is seldom used in
practice — computing H is expensive — but it shows that a saddle is not a dead end.)""",
    """L(w1, w2) = (1 - w1*w2)^2
θ′ = [0, 0]
H = hessian(L, at: θ′)
e = eig(H)
e""",
    """md:
The eigenvalues are 2 and −2 (largest first). The eigenvector of λ = −2 is the second
column, pointing along $[1, 1]$:""",
    """λ = e.values[1]
u = e.vectors[:, 1]
(λ, u)""",
    """(dot(u, H*u), λ * dot(u, u))""",
    """md:
Step along u and compare the loss with the prediction $L(\\theta') + \\tfrac12\\lambda\\|u\\|^2$
for a few step lengths η (the model is exact only for small η: L is quartic, not quadratic):""",
    """η = 0.5
(L(θ′), L(θ′ + η*u), L(θ′) + 0.5 * λ * η^2)""",
    """md:
The slide takes the eigenvector unnormalised, $u = [1, 1]^T$. Then θ = θ′ + u = (1, 1) lands
exactly in the valley $w_1 w_2 = 1$: the loss drops from 1 to 0.""",
    """u_slide = [1, 1]
(dot(u_slide, H*u_slide), L(θ′), L(θ′ + u_slide))""",
    """md:
`escape` does this in one call: it finds the most negative eigenvalue, steps along its
eigenvector (taking the sign with the lower loss) and reports the loss before and after.""",
    """esc = escape(L, from: θ′, step: 1)
esc""",
    """md:
Along the line θ′ + t·u the loss is a one-dimensional function with a hill top at t = 0:
going either way lowers it. Its quadratic model is $1 + \\tfrac12\\lambda t^2 = 1 - t^2$.""",
    """along(t) = L(t * u[0], t * u[1])
model(t) = 1 - t^2
ts = linspace(-1.5, 1.5, n: 61)
plot(loss: (along(ts), model(ts)), labels: ("L(θ′ + t·u)", "model 1 + ½λt² = 1 − t²"),
     title: "along the eigenvector u of λ = −2", xlabel: "sample i  (t = −1.5 + i/20)", ylabel: "value")""",
    """md:
## Plain gradient descent near the saddle

Start gradient descent a tiny distance from the saddle. The gradient there is tiny too,
so the steps are tiny: the run **crawls**. Only the small component along u grows, by a
factor of about $1 + \\eta|\\lambda|$ per step, and for a long time the loss stays near 1.""",
    """start = [0.001, -0.0009]
slow = gd(L, from: start, lr: 0.05, steps: 300)
(slow.loss[0], slow.loss[50], slow.loss[100], slow.loss[150], slow.final)""",
    """md:
Versus one escape step first, then the same descent:""",
    """fast = gd(L, from: escape(L, from: [0, 0], step: 1).to, lr: 0.05, steps: 300)
(slow.loss[50], fast.loss[50])""",
    """plot(loss: (slow, fast), log: true, labels: ("gd from near the saddle", "escape step, then gd"), title: "loss per step")""",
    """plot(surface(L, w1: -1.5...1.5, w2: -1.5...1.5, log: true, title: "gd near the saddle vs escape + gd"), slow, fast,
     labels: ("gd from near the saddle", "escape step, then gd"))""",
    """md:
## A noisy gradient escapes too

Started *exactly* at the saddle, plain gradient descent never moves: the gradient is zero.
A noisy gradient — like the one a small batch gives (notebook 4) — kicks θ off the saddle,
and once it is off, the negative curvature does the rest.""",
    """stuck = gd(L, from: [0, 0], lr: 0.05, steps: 300)
noisy = gd(L, from: [0, 0], lr: 0.05, steps: 300, noise: 0.01, seed: 1)
(stuck.final, stuck.loss[-1], noisy.final, noisy.loss[-1])""",
    """plot(loss: (stuck, noisy), labels: ("exact gradient", "noisy gradient, σ = 0.01"), title: "started exactly at the saddle")""",
    """plot(surface(L, w1: -1.5...1.5, w2: -1.5...1.5, log: true, title: "the noisy run leaves the saddle"), noisy,
     labels: ("noisy gradient, σ = 0.01",))""",
]

MOMENTUM = [
    """md:
# 5 · Momentum

Plain gradient descent moves by the gradient alone: $\\theta^{i+1} = \\theta^i - \\eta g^i$.
Where the gradient is zero — a saddle, or a small local minimum — it stops.

The lecture's picture: a ball rolling down a hill does not stop at the first dip; its
speed carries it over a small bump into a deeper valley. **Gradient descent with
momentum** keeps a movement $m$ and adds the new gradient to the old movement:

$$m^0 = 0,\\qquad m^{i+1} = \\lambda m^i - \\eta g^i,\\qquad \\theta^{i+1} = \\theta^i + m^{i+1}.$$

The movement is not just the gradient at present, but also the movement of the last step.""",
    """md:
## A ball rolling through a local minimum

A one-dimensional landscape with a shallow local minimum on the right and a deeper one on
the left. Both runs start on the right slope.""",
    """f(x) = x^4 - 3*x^2 + x
critical_points(f, in: -2...2)""",
    """plain = gd(f, from: [2], lr: 0.01, steps: 300)
rolling = momentum(f, from: [2], lr: 0.01, lambda: 0.9, steps: 300)
(plain.final, f(plain.final), rolling.final, f(rolling.final))""",
    """md:
Gradient descent settles in the shallow minimum near x ≈ 1.13, where the gradient is zero.
Momentum arrives there with speed, rolls over the bump near x ≈ 0.17 and ends in the
deeper minimum near x ≈ −1.30.""",
    """md:
The landscape, and where each ball went: every iterate $(x^i, f(x^i))$ joined in order, so
the line covers exactly the stretch of the curve the run travelled (momentum overshoots the
deep minimum and swings back, which draws that part more than once).""",
    """grid_of((plot(f, x: -2...2.2, title: "f(x) = x⁴ − 3x² + x"),
         plot(plain.points[:, 0], plain.loss, title: "gd: stops at x ≈ 1.13", xlabel: "x", ylabel: "f(x)"),
         plot(rolling.points[:, 0], rolling.loss, title: "momentum: rolls on to x ≈ −1.30", xlabel: "x", ylabel: "f(x)")),
        columns: 3)""",
    """plot(loss: (plain, rolling), labels: ("gd", "momentum λ = 0.9"), title: "loss per step")""",
    """md:
## Gradient descent vs momentum on a surface

The same comparison on the lecture's loss $(1 - w_1 w_2)^2$, started on the far side of
the saddle at the origin, with a small learning rate.""",
    """L(w1, w2) = (1 - w1*w2)^2
a = gd(L, from: [-1.5, 1.2], lr: 0.01, steps: 200)
b = momentum(L, from: [-1.5, 1.2], lr: 0.01, lambda: 0.9, steps: 200)
(a.final, a.loss[-1], b.final, b.loss[-1])""",
    """md:
A run shows itself as a short summary — how it ended, the optimizer, where it started and
where it stopped — with its loss curve. Its other members (`b.points`, `b.loss`,
`b.moves`, …) hold the whole run.""",
    """b""",
    """plot(surface(L, w1: -2...2, w2: -2.5...2, log: true, title: "gd and momentum from (−1.5, 1.2)"), a, b,
     labels: ("gd", "momentum λ = 0.9"))""",
    """plot(loss: (a, b), log: true, labels: ("gd", "momentum"))""",
    """md:
Gradient descent creeps through the flat region around the saddle, where the gradient is
small. Momentum builds up speed on the way down, crosses the flat region quickly and
reaches a low loss far sooner — it overshoots the narrow valley and swings back across
it (the dips and bumps of its loss curve), each swing smaller than the last because
λ < 1 lets old movement fade.""",
    """md:
## The movement is a weighted sum of past gradients

Unrolling the recursion:

$$m^1 = -\\eta g^0,\\qquad m^2 = -\\lambda\\eta g^0 - \\eta g^1,\\qquad
m^i = -\\eta \\sum_{j=0}^{i-1} \\lambda^{\\,i-1-j} g^j .$$

So $m^i$ is a weighted sum of *all* previous gradients $g^0, \\dots, g^{i-1}$, the recent
ones weighted most. We check this against the movements the run recorded. A short run on
$L$ with η = 0.05, λ = 0.9:""",
    """η = 0.05
λ = 0.9
r = momentum(L, from: [0.5, -0.3], lr: η, lambda: λ, steps: 12)
r.moves[0:4]""",
    """md:
The gradients at the iterates, computed from the symbolic partial derivatives (they
evaluate elementwise on vectors of points):""",
    """P = r.points
G1 = diff(L, w1)(P[:, 0], P[:, 1])
G2 = diff(L, w2)(P[:, 0], P[:, 1])
[G1[0:4], G2[0:4]]""",
    """md:
The first movements written out as on the slide:""",
    """g0 = [G1[0], G2[0]]
g1 = [G1[1], G2[1]]
g2 = [G1[2], G2[2]]
m1 = -η*g0
m2 = -λ*η*g0 - η*g1
m3 = -λ^2*η*g0 - λ*η*g1 - η*g2
[m1, m2, m3]""",
    """norm([m1, m2, m3] - r.moves[0:3])""",
    """md:
And the general formula for the tenth movement, with the weights $\\lambda^{9}, \\lambda^{8}, \\dots, \\lambda^0$
on $g^0, \\dots, g^9$ as one vector:""",
    """w = λ ^ linspace(9, 0, n: 10)
m10 = -η * [dot(w, G1[0:10]), dot(w, G2[0:10])]
(m10, r.moves[9], norm(m10 - r.moves[9]))""",
    """bar(w, labels: ("g⁰", "g¹", "g²", "g³", "g⁴", "g⁵", "g⁶", "g⁷", "g⁸", "g⁹"), title: "weight of each past gradient in m¹⁰ (λ = 0.9)")""",
]

SADDLE_VS_MINIMA = [
    """md:
# 3 · Saddle point vs local minima

The lecture asks: when training stalls at a critical point, is it more often a **local
minimum** (no way down) or a **saddle point** (a way down exists, we just have to find it)?
Its answer is a story — the magician Diorena, sealed in three dimensions but not in higher
ones — and a measurement: *when you have lots of parameters, perhaps local minima are rare*.
This notebook reproduces both on this machine: first why more dimensions leave more ways
out, then the empirical study of critical points of trained networks.""",
    """md:
## Sealed in one dimension, not in two

A point can look like a minimum from every direction you happen to check and still be a
saddle. $F(x, y) = x^2 + 3xy + y^2$ has a minimum at the origin along the x-axis and along
the y-axis — but the two parameters together have a way down.""",
    """F(x, y) = x^2 + 3*x*y + y^2
Fx(x) = F(x, 0)
Fy(y) = F(0, y)
Fd(t) = F(t, -t)
grid_of((plot(Fx, x: -1...1, title: "along the x-axis: F(x, 0) = x²"),
         plot(Fy, x: -1...1, title: "along the y-axis: F(0, y) = y²", xlabel: "y"),
         surface(F, x: -1...1, y: -1...1, title: "both at once: x² + 3xy + y²")), columns: 3)""",
    """md:
The Hessian sees all directions at once: its eigenvalues have both signs, so the origin is
a saddle, and the eigenvector of the negative eigenvalue, (1, −1)/√2, is the way out that
neither axis shows.""",
    """c = classify(F, at: [0, 0])
(c.classification, c.eigenvalues, c.escape_direction)""",
    """plot(Fd, x: -1...1, xlabel: "t", title: "along the eigenvector (1, −1): F(t, −t) = −t²")""",
    """md:
## More dimensions, fewer minima

At a critical point, a minimum needs **every** eigenvalue of the Hessian to be positive; one
negative eigenvalue is enough for a saddle. Take random symmetric matrices as stand-ins for
Hessians (entries Gaussian, $S = (A + A^T)/2$) and count how often all n eigenvalues are
positive. If each sign were an independent fair coin, the fraction would be $2^{-n}$; it
falls faster than that, because the eigenvalues of a random matrix repel each other.""",
    """func positive_definite_fraction(n, trials) {
  count = 0
  for t in 1...trials {
    A = randn(n, n)
    S = (A + transpose(A)) / 2
    if min(eig(S).values) > 0 { count = count + 1 }
  }
  return count / trials
}
seed(0)
trials = 4000
ns = [1, 2, 3, 4, 5, 6]
fractions = ns.map { n in positive_definite_fraction(n, trials) }
table(n: ns, positive_definite: fractions, fair_coin: 0.5 ^ ns)""",
    """plot(ns, fractions, 0.5 ^ ns, labels: ("measured: all eigenvalues > 0", "independent fair coins: 2⁻ⁿ"),
     title: "how often is a random symmetric matrix positive definite?", xlabel: "dimension n",
     ylabel: "fraction of the matrices")""",
    """md:
With six parameters, only a handful of the matrices are positive definite; a network has
thousands. Random matrices are not Hessians of trained networks, though — so the lecture
measures real ones.""",
]

BATCH_SIZE = [
    """md:
# 4 · Batch size

In practice the loss L is a sum over N training examples, and we do not compute its
gradient on all of them before each update. We split the data into **batches**, compute the
gradient $g = \\nabla L^b(\\theta)$ of one batch's loss, update $\\theta \\leftarrow \\theta - \\eta g$,
and move on to the next batch. **One epoch** is one pass over all the batches; the examples
are **shuffled** after each epoch, so the batches differ from one epoch to the next.

This notebook follows the lecture's "small batch vs large batch": first on 20 examples with
two parameters, where both paths can be drawn; then on Fashion-MNIST with real networks,
measuring time, accuracy and the sharpness of the minima reached on this machine.""",
    """md:
## Twenty examples, two parameters

A line $\\hat y = w x + b$ fitted to N = 20 points by mean squared error. Its loss is a
quadratic in (w, b) whose coefficients are averages over the data, so we can write it as a
formula and draw it.""",
    """X = linspace(-1, 1, n: 20)
Y = 2*X + 0.5 + 0.3*sin(7*X)
N = len(X)
Sxx = dot(X, X)/N; Sx = sum(X)/N; Sxy = dot(X, Y)/N; Sy = sum(Y)/N; Syy = dot(Y, Y)/N
L(w, b) = Sxx*w^2 + 2*Sx*w*b + b^2 - 2*Sxy*w - 2*Sy*b + Syy
L""",
    """md:
**Batch size N (full batch):** each update sees all 20 examples, so five epochs are five
updates — exactly gradient descent on L.""",
    """η = 0.1
epochs = 5
full_batch = gd(L, from: [-0.5, 2], lr: η, steps: epochs)
full_batch.final""",
    """md:
**Batch size 1:** each update sees one example $(x_i, y_i)$, whose loss is
$(w x_i + b - y_i)^2$ with gradient $2(w x_i + b - y_i)\\,(x_i, 1)$. An epoch visits the 20
examples in a new random order: 20 updates an epoch, 100 in five epochs.""",
    """seed(0)
θ = [-0.5, 2]
path = [θ]
for epoch in 1...epochs {
  for i in permutation(N) {
    e = θ[0]*X[i] + θ[1] - Y[i]
    θ = θ - η * 2 * e * [X[i], 1]
    path = append(path, θ)
  }
}
(len(path) - 1, θ, L(θ[0], θ[1]), full_batch.final_loss)""",
    """plot(surface(L, w: -1...3, b: -0.5...2.5, title: "5 epochs on 20 examples, from the same start"),
     full_batch, path, labels: ("batch size N = 20: 5 updates", "batch size 1: 100 updates"))""",
    """md:
The slide's picture: the full batch takes a long "cooldown" per step but each step is
powerful and follows the contours; batch size 1 steps after every example, its path is
noisy, and in the same five epochs it gets much further. Which one wins in *time* depends on
how long an update takes — the next question.""",
]

NOTEBOOKS = {
    "01-critical-points": CRITICAL_POINTS,
    "02-escaping-saddle-points": ESCAPING,
    "03-saddle-vs-minima": SADDLE_VS_MINIMA,
    "04-batch-size": BATCH_SIZE,
    "05-momentum": MOMENTUM,
}
