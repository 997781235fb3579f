"""The pooling lesson's exercises: the questions a reader answers by hand, the tests their
own max-pooling backward pass must pass, and the misconceptions behind the usual wrong
answers, each as the computation a reader holding it would have made. The page declares
each exercise (pooling.md, ```exercise fences) and names these objects.

The sizes and ranges a reader's numbers are drawn from are the `draw_*` functions'
defaults; a page may change them (the fence's `settings`). What a question asks, its
labels and the cases' names are the catalogs' (messages/<language>.json), worded in the
page's language each time they are shown.
"""

import numpy as np

import pooling as pool
from coursekit.page.code_tests import CodeTests
from coursekit.page.questions import NumberQuestion
from coursekit.page.words import Words

say = Words(__package__)


def draw_pooling(rng, size=(4, 6), window=(2, 3), stride=(1, 2), values=(0, 4)):
    """X (few distinct values, so windows tie), a window and stride that fit, dL/dY, and one output position."""
    while True:
        H, W = (int(v) for v in rng.integers(size[0], size[1] + 1, size=2))
        k = int(rng.integers(window[0], min(window[1], H, W) + 1))
        s = int(rng.integers(stride[0], stride[1] + 1))
        shape = pool.output_shape((H, W), k, s)
        if min(shape) >= 1:
            break
    X = rng.integers(values[0], values[1] + 1, size=(H, W)).astype(float)
    dL_dY = rng.integers(-3, 4, size=shape).astype(float)
    return {"X": X, "window": k, "stride": s, "dL_dY": dL_dY, "i": int(rng.integers(shape[0])),
            "j": int(rng.integers(shape[1]))}


def draw_pooled(rng, size=(5, 7), window=(2, 3), stride=(2, 2), values=(0, 9)):
    """X with a stride larger than 1 (so that taking it as 1 shows), values from 0 to 9."""
    return draw_pooling(rng, size=size, window=window, stride=stride, values=values)


def draw_gradient(rng, size=(3, 4), values=(0, 3)):
    """A small X whose 2×2 windows, one place apart, overlap and often tie."""
    return draw_pooling(rng, size=size, window=(2, 2), stride=(1, 1), values=values)


# ---- Misconceptions, each as the computation it leads to -------------------------------

def every_tied_maximum(dL_dY, X, window, stride):
    """dL/dY[i, j] given to every entry that equals its window's maximum, not only the first."""
    dL_dX = np.zeros_like(X)
    for i, j in np.ndindex(dL_dY.shape):
        patch = pool.window_at(X, i, j, window, stride)
        pool.window_at(dL_dX, i, j, window, stride)[...] += dL_dY[i, j] * (patch == patch.max())
    return dL_dX


def spread_over_window(dL_dY, X, window, stride):
    """dL/dY[i, j] shared out over the whole window, as average pooling would."""
    return pool.avg_pool_backward(dL_dY, X, window, stride)


def last_window_only(dL_dY, X, window, stride):
    """`=` where `+=` belongs: a maximum shared by two windows keeps only the later one's gradient."""
    dL_dX = np.zeros_like(X)
    for i, j in np.ndindex(dL_dY.shape):
        p, q = pool.max_position(X, i, j, window, stride)
        dL_dX[p, q] = dL_dY[i, j]
    return dL_dX


def windows_not_strided(dL_dY, X, window, stride):
    """Window (i, j) taken at (i, j), not at (s·i, s·j)."""
    dL_dX = np.zeros_like(X)
    for i, j in np.ndindex(dL_dY.shape):
        p, q = pool.max_position(X, i, j, window, 1)
        dL_dX[p, q] += dL_dY[i, j]
    return dL_dX


def window_one_larger(X, window, stride, i, j):
    """Y[i, j] from a window one row and one column larger than the one asked for."""
    patch = X[stride * i:stride * i + window + 1, stride * j:stride * j + window + 1]
    return float(patch.max()) if patch.shape == (window + 1, window + 1) else None


# ---- Numbers by hand ------------------------------------------------------------------

pooled_entry = NumberQuestion(
    draw=draw_pooled, ask=say.later("ask.pooled-entry"),
    shown={"X": "X", say.later("given.window"): "window", say.later("given.stride"): "stride"},
    answer=lambda X, window, stride, i, j, **_: pool.max_pool_forward(X, window, stride)[i, j],
    mistakes={
        "stride-ignored": lambda X, window, stride, i, j, **_: (
            float(pool.window_at(X, i, j, window, 1).max()) if stride > 1 else None),
        "average-not-max": lambda X, window, stride, i, j, **_: pool.avg_pool_forward(X, window, stride)[i, j],
        "window-one-larger": lambda X, window, stride, i, j, **_: window_one_larger(X, window, stride, i, j),
    },
)

gradient_routing = NumberQuestion(
    draw=draw_gradient, kind="matrix", ask=say.later("ask.gradient-routing"),
    shown={"X": "X", say.later("given.window"): "window", say.later("given.stride"): "stride", "dL/dY": "dL_dY"},
    answer=lambda dL_dY, X, window, stride, **_: pool.max_pool_backward(dL_dY, X, window, stride),
    mistakes={
        "gradient-to-every-tie": lambda dL_dY, X, window, stride, **_: every_tied_maximum(dL_dY, X, window, stride),
        "gradient-spread": lambda dL_dY, X, window, stride, **_: spread_over_window(dL_dY, X, window, stride),
        "overlap-not-summed": lambda dL_dY, X, window, stride, **_: last_window_only(dL_dY, X, window, stride),
    },
)


# ---- Code: the tests a reader's max-pooling backward pass must pass ---------------------

def cases_backward(rng):
    """The worked example, the overlapping one, then random cases full of ties (values 0 to 2),
    with overlapping windows, strides larger than 1 and non-square inputs."""
    cases = [(say("case.worked-example"), dict(zip(("X", "window", "stride", "dL_dY"), pool.worked_example()))),
             (say("case.overlap"), dict(zip(("X", "window", "stride", "dL_dY"), pool.overlap_example())))]
    for (H, W), window, stride in [((4, 5), 2, 1), ((5, 4), 2, 2), ((6, 7), 3, 2)]:
        X = rng.integers(0, 3, size=(H, W)).astype(float)
        dL_dY = rng.integers(-3, 4, size=pool.output_shape((H, W), window, stride)).astype(float)
        cases.append((say("case.random", H=H, W=W, window=window, stride=stride),
                      {"X": X, "window": window, "stride": stride, "dL_dY": dL_dY}))
    return [(label, {"dL_dY": c["dL_dY"], "X": c["X"], "window": c["window"], "stride": c["stride"]})
            for label, c in cases]


max_backward_tests = CodeTests(
    function="max_pool_backward", reference=pool.max_pool_backward, cases=cases_backward, outputs=("dL/dX",),
    mistakes={"gradient-to-every-tie": every_tied_maximum, "gradient-spread": spread_over_window,
              "overlap-not-summed": last_window_only, "stride-ignored": windows_not_strided},
)
