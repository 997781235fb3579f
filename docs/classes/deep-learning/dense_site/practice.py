"""The dense lesson's exercises: the questions a reader answers by hand, the tests their
own forward and backward passes must pass, and the misconceptions behind the usual wrong
answers, each as the computation a reader holding it would make. The page declares each
exercise (dense.md, ```exercise fences) and names these objects.

The sizes and ranges a reader's numbers are drawn from are the `draw_*` functions'
defaults; a page may change them (the fence's `settings`).
"""

import numpy as np

import dense as lesson
from coursekit.page.code_tests import CodeTests
from coursekit.page.questions import Either, NumberQuestion
from coursekit.page.words import Words

say = Words(__package__)


def draw_layer(rng, batch=(2, 3), features=(2, 4), outputs=(2, 4), values=(-3, 3), square=False):
    """A batch X, W, b and dL/dY of small whole numbers, and one sample n, output j and feature k."""
    N = int(rng.integers(batch[0], batch[1] + 1))
    n_in = int(rng.integers(features[0], features[1] + 1))
    n_out = n_in if square else int(rng.integers(outputs[0], outputs[1] + 1))
    whole = lambda *shape: rng.integers(values[0], values[1] + 1, size=shape).astype(float)  # noqa: E731
    return {"X": whole(N, n_in), "W": whole(n_out, n_in), "b": whole(n_out), "dL_dY": whole(N, n_out),
            "n": int(rng.integers(N)), "j": int(rng.integers(n_out)), "k": int(rng.integers(n_in))}


def draw_square(rng, **settings):
    """As draw_layer, with as many outputs as features: W not transposed still fits."""
    return draw_layer(rng, square=True, **settings)


def draw_shapes(rng, batch=(2, 4), features=(2, 5), outputs=(2, 5)):
    """Sizes only, with in ≠ out (else the outer product's two ways look alike)."""
    while True:
        inputs = draw_layer(rng, batch, features, outputs)
        if inputs["W"].shape[0] != inputs["W"].shape[1]:
            return inputs


# ---- Misconceptions, each as the computation it leads to -------------------------------

def w_not_transposed(dL_dY, X, W):
    """dL/dx = W dL/dy, not Wᵀ dL/dy (batch: dL/dY Wᵀ): fits only when W is square."""
    if W.shape[0] != W.shape[1]:
        raise ValueError("W is not square: this idea gives no answer of the right shape")
    _, dL_dW, dL_db = lesson.dense_backward(dL_dY, X, W)
    return dL_dY @ W.T, dL_dW, dL_db


def outer_product_reversed(dL_dY, X, W):
    """dL/dW = x dL/dyᵀ (batch: Xᵀ dL/dY), shape (in, out): W's shape only when it is square."""
    dL_dX, _, dL_db = lesson.dense_backward(dL_dY, X, W)
    return dL_dX, X.T @ dL_dY, dL_db


def bias_not_summed(dL_dY, X, W):
    """dL/db = dL/dY of one sample (the last one a loop over the batch left in it)."""
    dL_dX, dL_dW, _ = lesson.dense_backward(dL_dY, X, W)
    return dL_dX, dL_dW, dL_dY[-1].copy()


def batch_averaged(dL_dY, X, W):
    """dL/dW and dL/db averaged over the batch, where they are summed."""
    dL_dX, dL_dW, dL_db = lesson.dense_backward(dL_dY, X, W)
    return dL_dX, dL_dW / X.shape[0], dL_db / X.shape[0]


# ---- Numbers by hand ------------------------------------------------------------------

output_entry = NumberQuestion(
    draw=draw_layer, ask="Y[{n}, {j}]", shown={"X": "X", "W": "W", "b": "b"},
    answer=lambda X, W, b, n, j, **_: lesson.dense_forward(X, W, b)[n, j],
    mistakes={"bias-forgotten": lambda X, W, b, n, j, **_: float(X[n] @ W[j]) if b[j] != 0 else None},
    terms=lambda X, W, b, n, j, **_: [(f"X[{n},{k}]·W[{j},{k}]", X[n, k] * W[j, k]) for k in range(X.shape[1])]
    + [(f"b[{j}]", b[j])],
)

input_gradient = NumberQuestion(
    draw=draw_square, ask="∂L/∂X[{n}, {k}]", shown={"X": "X", "W": "W", "∂L/∂Y": "dL_dY"},
    answer=lambda dL_dY, X, W, n, k, **_: lesson.dense_backward(dL_dY, X, W)[0][n, k],
    mistakes={"w-not-transposed": lambda dL_dY, X, W, n, k, **_: w_not_transposed(dL_dY, X, W)[0][n, k]},
    terms=lambda dL_dY, W, n, k, **_: [(f"∂L/∂Y[{n},{j}]·W[{j},{k}]", dL_dY[n, j] * W[j, k])
                                       for j in range(W.shape[0])],
)

weight_gradient = NumberQuestion(
    draw=draw_square, kind="matrix", ask=say.later("ask.weight-gradient"),
    shown={"X": "X", "W": "W", "∂L/∂Y": "dL_dY"},
    answer=lambda dL_dY, X, W, **_: lesson.dense_backward(dL_dY, X, W)[1],
    mistakes={"outer-product-reversed": lambda dL_dY, X, W, **_: outer_product_reversed(dL_dY, X, W)[1],
              "batch-gradients-averaged": lambda dL_dY, X, W, **_: batch_averaged(dL_dY, X, W)[1]},
)

bias_gradient = NumberQuestion(
    draw=draw_layer, ask="∂L/∂b[{j}]", shown={"∂L/∂Y": "dL_dY"},
    answer=lambda dL_dY, X, W, j, **_: lesson.dense_backward(dL_dY, X, W)[2][j],
    mistakes={"bias-gradient-not-summed": lambda dL_dY, j, **_: Either(*dL_dY[:, j]),
              "batch-gradients-averaged": lambda dL_dY, j, **_: float(np.mean(dL_dY[:, j]))},
)

weight_gradient_shape = NumberQuestion(
    draw=draw_shapes, kind="shape", ask=say.later("ask.weight-gradient-shape"), shown={"X": "X", "∂L/∂Y": "dL_dY"},
    answer=lambda W, **_: W.shape,
    mistakes={"outer-product-reversed": lambda W, **_: W.shape[::-1]},
)


# ---- Code: the tests a reader's forward and backward passes must pass --------------------

def random_batch(rng, N, n_in, n_out):
    """A random batch of small whole numbers: (label, {X, W, b, dL_dY})."""
    whole = lambda *shape: rng.integers(-4, 5, size=shape).astype(float)  # noqa: E731
    return (say("case.random-batch", samples=N, inputs=n_in, outputs=n_out),
            {"X": whole(N, n_in), "W": whole(n_out, n_in), "b": whole(n_out), "dL_dY": whole(N, n_out)})


def random_cases(rng, sizes=((1, 3, 2), (3, 2, 4), (4, 3, 3), (2, 5, 1))):
    """A square layer first, then the worked example, then random batches (one sample,
    square and non-square W, one output). The square one comes first because W and Wᵀ
    both fit it: a reader who forgot to transpose W gets numbers, and is told why they
    are wrong, before a non-square W stops their code with numpy's shape error."""
    X, W, b, dL_dY = lesson.worked_example()
    return ([random_batch(rng, 2, 3, 3), (say("case.worked-example"), {"X": X, "W": W, "b": b, "dL_dY": dL_dY})]
            + [random_batch(rng, *size) for size in sizes])


def forward_cases(rng):
    return [(label, {"X": c["X"], "W": c["W"], "b": c["b"]}) for label, c in random_cases(rng)]


def backward_cases(rng):
    return [(label, {"dL_dY": c["dL_dY"], "X": c["X"], "W": c["W"]}) for label, c in random_cases(rng)]


forward_tests = CodeTests(
    function="dense_forward", reference=lesson.dense_forward, cases=forward_cases, outputs=("Y",),
    mistakes={"bias-forgotten": lambda X, W, b: X @ W.T},
)

backward_tests = CodeTests(
    function="dense_backward", reference=lesson.dense_backward, cases=backward_cases,
    outputs=("dL/dX", "dL/dW", "dL/db"),
    mistakes={"w-not-transposed": w_not_transposed, "outer-product-reversed": outer_product_reversed,
              "bias-gradient-not-summed": bias_not_summed, "batch-gradients-averaged": batch_averaged},
)
