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
    """md:
The same movement by running the update rule itself, $m \\leftarrow \\lambda m - \\eta g$, over the
ten recorded gradients in a loop:""",
    """m = [0, 0]
for j in 0...9 {
  m = λ*m - η*[G1[j], G2[j]]
}
(m, norm(m - r.moves[9]))""",
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
    """md:
## The empirical study

The lecture's experiment: train a network until it converges to a critical point, compute
the Hessian's eigenvalues there, and record the **minimum ratio**

$$\\text{minimum ratio} = \\frac{\\text{number of positive eigenvalues}}{\\text{number of eigenvalues}}.$$

A ratio of 1 is a local minimum; below 1 some direction still goes down. The slide plots the
training loss against this ratio for many networks. We do the same with small networks
whose Hessians we can compute exactly: a 1-10-10-1 network with tanh activations (P = 141
parameters; a smooth activation, because a ReLU network's Hessian cannot see its kinks)
fitted to 64 samples of $\\sin x + \\cos(x^2/10)$.

First the lecture's own example as a network: one input, one hidden unit, one output, no
biases, linear, trained on the single example x = 1, ŷ = 1. Its loss is $(1 - w_1 w_2)^2$,
and the network's exact Hessian at the origin agrees with the formula's.""",
    """L(w1, w2) = (1 - w1*w2)^2
one = dataset([[1]], [1], kind: "regression")
origin = with_parameters(mlp(1, 1, 1, activation: "linear", bias: false, loss: "mse"), [0, 0])
(hessian(origin, one), hessian(L, at: [0, 0]), min_ratio(origin, one).ratio)""",
    """md:
Now the study. `critical_study` trains `nets` networks from different seeds by full-batch
gradient descent, then tries to drive each one's gradient norm ‖∇L‖ below `tol` (Newton-type
steps on the exact Hessian), and counts the Hessian's positive, negative and zero eigenvalues
there. It also reports ‖H∇L‖/‖∇L‖: a small value while ‖∇L‖ is not small marks a
*gradient-flat* region, where a critical-point search stalls without reaching a critical
point (Frye et al. 2021) — those nets are listed as "not reached", not counted as saddles.""",
    """measured:target(x) = sin(x) + cos(x^2 / 10)
data = curve(target, x: -3...3, n: 64, seed: 0)
study = critical_study(mlp(1, 10, 10, 1, activation: "tanh", loss: "mse"), data, nets: 100, seed: 0)""",
    """measured:study""",
    """md:
The counts behind the figure, one row per net (the ten lowest losses first):""",
    """t = sort(study.table, by: "loss")
t[0:10]""",
    """md:
**What we find differs from the slide.** Almost none of the nets reaches ‖∇L‖ < 10⁻⁶ —
the count of nets that did, and the smallest and largest ‖∇L‖ at the points where the
search stopped:""",
    """reached = study.table.filter { r in r.kind != "not reached" }
(reached.count, min(study.grad_norm), max(study.grad_norm))""",
    """md:
Training plus a second-order search brings ‖∇L‖ down by orders of magnitude and then
stalls, with ‖H∇L‖/‖∇L‖ (the `flatness` column) far below the Hessian's largest
eigenvalue: what is left of the gradient lies along almost-flat directions. These are the
*gradient-flat* regions Frye et al. (2021) found in exactly this kind of study — a
search for critical points slows down there and a study can mistake them for critical
points. Most eigenvalues are within the zero tolerance (the network has more parameters,
141, than examples, 64, so the Hessian is nearly singular), so the honest minimum ratio at
these points is small. What the lecture's question needs is what we do see: at the points
where training stalls, some directions still go down (the `negative` column) for part of
the nets, and none is certified a minimum — the share with a negative eigenvalue:""",
    """study.table.filter { r in r.negative > 0 }.count / study.nets""",
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
    """md:
## Real data: Fashion-MNIST

The lecture measured MNIST on a Tesla V100 GPU. We use Fashion-MNIST (28×28 grey images of
ten kinds of clothing; the Debian package `dataset-fashion-mnist`) on this machine's two CPU
cores, with a 784-128-10 ReLU network and the lecture's momentum (η = 0.05, λ = 0.9).
To keep the notebook to about a minute we train on a subset; the sizes are the first cell's.""",
    """f = fashion_mnist(train: 10000, test: 2000)
f.train""",
    """measured:study = batch_study(mlp(784, 128, 10, seed: 0), f.train, batches: [16, 64, 256, 1024, 4096],
                    epochs: 10, seeds: 2, test: f.test)""",
    """measured:study""",
    """md:
**Time for one update.** On the lecture's GPU the time per update hardly changed from batch 1
to 1000: the examples of a batch are computed in parallel. On two CPU cores there is little
to parallelise, and the time per update grows with the batch (the measurements are the
table's `time/update`):""",
    """measured:t = study.table
table(batch: t.batch, ms_per_update: 1000 * t.time_per_update, ms_per_example: 1000 * t.time_per_update / t.batch)""",
    """md:
**Time for one epoch.** Per example, large batches are still cheaper (one matrix product
instead of many small ones), so an epoch takes far less time at batch 4096 than at 16 —
as on the slide.

**Accuracy.** The slide: smaller batches give better accuracy, on training data too — the
noisy updates of small batches help optimisation, and large batches "fail" within the same
number of epochs.""",
    """(t.batch, t.train_accuracy, t.test_accuracy)""",
    """plot(t, x: "batch", y: "test_accuracy", title: "test accuracy against batch size")""",
    """md:
From batch 64 upwards the slide's trend holds: the larger the batch, the lower both training
and test accuracy after the same 10 epochs. Batch 16 breaks it here: with this optimizer
(η = 0.05 and momentum 0.9) its updates are too noisy to do well in 10 epochs, so the best
batch on this problem lies between the extremes — batch size is a hyperparameter, as the
lecture concludes.""",
    """md:
**Sharpness.** Small batches also end at flatter points: λmax, the largest eigenvalue of the
loss's Hessian at the end of training, grows with the batch size.""",
    """(t.batch, t.lambda_max)""",
    """md:
## Small batch vs large batch (Keskar et al.)

The slide's table is from Keskar et al. (2017): SB = 256 and LB = 10 % of the data, trained
several times; they found LB worse on the test data at similar training accuracy, and at
sharper minima. `sb_lb` measures the same comparison, with both λmax and Keskar's
ε-sharpness (the largest relative loss increase within a small box around the minimum).""",
    """measured:sblb = sb_lb(mlp(784, 128, 10, seed: 0), f.train, sb: 256, lb: 0.1, epochs: 10, seeds: 2, test: f.test)""",
    """measured:sblb""",
    """md:
## The lecture's summary, measured here

The slide's table compares small and large batches. Here it is with this notebook's
measurements beside each claim (small = batch 16, large = batch 4096; the slide's "with
parallel" row needs a GPU, so it is left out).""",
    """measured:small = 0
large = len(t.batch) - 1
table(aspect: ["time per update (ms)", "time per epoch (s)", "train accuracy", "test accuracy", "λmax at the end"],
      small: [1000 * t.time_per_update[small], t.time_per_epoch[small], t.train_accuracy[small], t.test_accuracy[small], t.lambda_max[small]],
      large: [1000 * t.time_per_update[large], t.time_per_epoch[large], t.train_accuracy[large], t.test_accuracy[large], t.lambda_max[large]],
      slide_says: ["small faster (no parallel)", "large faster", "small better", "small better", "small flatter"])""",
]

EDGE_OF_STABILITY = [
    """md:
# 6 · The edge of stability

Notebook 05 ended with a rule from the quadratic model: gradient descent with learning
rate η is stable along a direction of curvature λ only if $\\lambda < 2/\\eta$. Cohen et al.
(2021) asked what happens to a *network* trained by full-batch gradient descent, where the
curvature is not fixed but changes as the parameters move. Their finding: the sharpness
$\\lambda_{max}$ of the Hessian first **rises** during training (progressive sharpening) until
it reaches $2/\\eta$, and then **hovers there** — training goes on, the loss keeps falling
(not monotonically), and $\\lambda_{max}$ stays at the edge. With heavy-ball momentum λ the
edge is $2(1+\\lambda)/\\eta$.

`fit(…, sharpness_every: k)` measures $\\lambda_{max}$ (Lanczos on exact Hessian-vector
products) every k updates, and the training figure draws it beside the line $2/\\eta$.""",
    """md:
## Full-batch gradient descent on Fashion-MNIST

A small network — 7×7 images (`size: 7` averages 4×4 pixel blocks), 49-32-10 with tanh
activations and squared error, as in Cohen et al.'s experiments — trained by full-batch
gradient descent on 1,000 images for 800 epochs, with λmax measured every 40 updates, at
η = 1 (edge 2/η = 2) and η = 2 (edge 1). The network starts with λmax ≈ 1.4, below the first
edge and above the second.""",
    """small = fashion_mnist(train: 1000, test: 100, size: 7)
net = mlp(49, 32, 10, activation: "tanh", loss: "mse", seed: 0)
net""",
    """measured:runs = [1, 2].map { η in fit(net, small.train, optimizer: gd(lr: η), batch: "full", epochs: 800, sharpness_every: 40) }""",
    """runs[0]""",
    """md:
For each learning rate: λmax at the start, its largest value, its mean over the last 200
updates (the readings from update 600 on) and the edge 2/η it should settle at.""",
    """table(lr: [1, 2],
      start: runs.map { h in h.sharpness[0] },
      largest: runs.map { h in max(h.sharpness) },
      last_200_updates: runs.map { h in mean(h.sharpness[15:]) },
      edge: runs.map { h in h.stability_threshold })""",
    """md:
## With momentum the edge moves to 2(1 + λ)/η

Heavy-ball momentum with λ = 0.5 is stable up to a curvature of 2(1 + λ)/η = 3/η: with the
same η = 1, momentum's edge is 3 instead of 2. λmax climbs past 2 and on towards 3; when it
crosses the edge the loss jumps for a few updates and λmax is pushed back below it — the
largest reading, the mean over the last 200 updates and the edge:""",
    """measured:heavy = fit(net, small.train, optimizer: momentum(lr: 1, lambda: 0.5), batch: "full", epochs: 800, sharpness_every: 40)""",
    """heavy""",
    """(max(heavy.sharpness), mean(heavy.sharpness[15:]), heavy.stability_threshold)""",
]

NOTEBOOKS = {
    "01-critical-points": CRITICAL_POINTS,
    "02-escaping-saddle-points": ESCAPING,
    "03-saddle-vs-minima": SADDLE_VS_MINIMA,
    "04-batch-size": BATCH_SIZE,
    "05-momentum": MOMENTUM,
    "06-edge-of-stability": EDGE_OF_STABILITY,
}
