"""The convolution lesson's exercises: the questions a reader answers by hand, the tests
their own code must pass, and the misconceptions behind the usual wrong answers, each as
the function a reader holding it would have written. The page declares each exercise
(convolutional.md, ```exercise fences) and names these objects; coursekit.page.questions and
coursekit.page.code_tests check the reader's answers with them.

The sizes and ranges a reader's numbers are drawn from are the `draw_*` functions'
defaults; a page may change them (the fence's `settings`).
"""

import numpy as np

import convolutional as conv
from convolutional_site import layer
from coursekit.page.code_tests import CodeTests
from coursekit.page.finite_differences import Gradient
from coursekit.page.questions import Either, NumberQuestion
from coursekit.page.words import Words

say = Words(__package__)


def small_matrix(rng, rows, cols, values):
    """A rows×cols matrix of whole numbers from values[0] to values[1]."""
    return rng.integers(values[0], values[1] + 1, size=(rows, cols)).astype(float)


def draw_layer(rng, size=(3, 5), kernel=(2, 3), values=(-3, 3)):
    """X, K, b and dL/dY of a random small layer (sides from `size`, `kernel`), and one
    output position (i, j), input position (p, q) and kernel position (m, n)."""
    H, W = (int(v) for v in rng.integers(size[0], size[1] + 1, size=2))
    kH, kW = (int(v) for v in rng.integers(kernel[0], min(kernel[1], H, W) + 1, size=2))
    X, K, b, dL_dY = random_layer(rng, (H, W), (kH, kW), values)
    return {"X": X, "K": K, "b": b, "dL_dY": dL_dY,
            "i": int(rng.integers(dL_dY.shape[0])), "j": int(rng.integers(dL_dY.shape[1])),
            "p": int(rng.integers(H)), "q": int(rng.integers(W)),
            "m": int(rng.integers(kH)), "n": int(rng.integers(kW))}


def random_layer(rng, shape, kernel, values=(-3, 3)):
    """X of `shape`, K of shape `kernel`, b, and dL/dY of Y's shape: whole numbers in `values`."""
    X, K = small_matrix(rng, *shape, values), small_matrix(rng, *kernel, values)
    b = float(rng.integers(values[0], values[1] + 1))
    return X, K, b, small_matrix(rng, *conv.output_shape(X.shape, K.shape), values)


# ---- Misconceptions, each as the computation it leads to -------------------------------

def true_convolution(X, K, b):
    """The kernel flipped in the forward pass: a true convolution, not the layer's cross-correlation."""
    return conv.conv_forward(X, conv.rotate_180(K), b)


def kernel_not_rotated(dL_dY, K):
    """dL/dX as the padded dL/dY cross-correlated with K as it is, not rotated by 180°."""
    kH, kW = K.shape
    return conv.cross_correlate(conv.pad_with_zeros(dL_dY, kH - 1, kW - 1), K)


def last_contribution_input(dL_dY, K, shape):
    """dL/dX with `=` where `+=` belongs: each entry keeps only the last output it fed."""
    dL_dX = np.zeros(shape)
    kH, kW = K.shape
    for i, j in np.ndindex(dL_dY.shape):
        for m, n in np.ndindex(kH, kW):
            dL_dX[i + m, j + n] = dL_dY[i, j] * K[m, n]
    return dL_dX


def last_contribution_kernel(X, dL_dY, shape):
    """dL/dK with `=` where `+=` belongs: only the last output's product."""
    dL_dK = np.zeros(shape)
    for i, j in np.ndindex(dL_dY.shape):
        for m, n in np.ndindex(shape):
            dL_dK[m, n] = X[i + m, j + n] * dL_dY[i, j]
    return dL_dK


def window_shifted(X, K, b, i, j):
    """Y[i, j] from the window one row and one column off, either way (an index counted
    from 1 where it counts from 0, or the other way round), where such a window fits."""
    rows, cols = conv.output_shape(X.shape, K.shape)
    return Either(*(float(np.sum(conv.window_at(X, i + d, j + d, K.shape) * K) + b)
                    for d in (1, -1) if 0 <= i + d < rows and 0 <= j + d < cols))


def one_term(terms):
    """A sum of which only one term was kept (`=` where `+=` belongs keeps the last; a
    reader who stops after one, any): each single term."""
    return Either(*(value for _, value in terms)) if len(terms) > 1 else None


# ---- Numbers by hand ------------------------------------------------------------------

output_entry = NumberQuestion(
    draw=draw_layer, ask="Y[{i}, {j}]", shown={"X": "X", "K": "K", "b": "b"},
    answer=lambda X, K, b, i, j, **_: conv.conv_forward(X, K, b)[i, j],
    mistakes={
        "bias-forgotten": lambda X, K, b, i, j, **_: conv.conv_forward(X, K, 0)[i, j],
        "true-convolution": lambda X, K, b, i, j, **_: true_convolution(X, K, b)[i, j],
        "window-off-by-one": lambda X, K, b, i, j, **_: window_shifted(X, K, b, i, j),
    },
    terms=lambda X, K, b, i, j, **_: [
        (f"X[{i + m}, {j + n}] · K[{m}, {n}]", X[i + m, j + n] * K[m, n]) for m, n in np.ndindex(K.shape)
    ] + [("b", b)],
)

def input_terms(dL_dY, K, p, q, **_):
    """The terms of dL/dX[p, q]: one per output whose window covers X[p, q]."""
    return [(f"∂L/∂Y[{i}, {j}] · K[{p - i}, {q - j}]", dL_dY[i, j] * K[p - i, q - j])
            for i, j in np.ndindex(dL_dY.shape) if 0 <= p - i < K.shape[0] and 0 <= q - j < K.shape[1]]


def kernel_terms(X, dL_dY, m, n, **_):
    """The terms of dL/dK[m, n]: one per output, each of which used K[m, n]."""
    return [(f"X[{i + m}, {j + n}] · ∂L/∂Y[{i}, {j}]", X[i + m, j + n] * dL_dY[i, j])
            for i, j in np.ndindex(dL_dY.shape)]


input_gradient_entry = NumberQuestion(
    draw=draw_layer, ask="∂L/∂X[{p}, {q}]", shown={"X": "X", "K": "K", "b": "b", "dL/dY": "dL_dY"},
    answer=lambda dL_dY, K, p, q, **_: conv.grad_input(dL_dY, K)[p, q],
    mistakes={
        "kernel-not-rotated": lambda dL_dY, K, p, q, **_: kernel_not_rotated(dL_dY, K)[p, q],
        "overlap-not-summed": lambda **inputs: one_term(input_terms(**inputs)),
        "bias-in-gradient": lambda dL_dY, K, b, p, q, **_: conv.grad_input(dL_dY, K)[p, q] + b,
    },
    terms=lambda **inputs: input_terms(**inputs),
)

kernel_gradient_entry = NumberQuestion(
    draw=draw_layer, ask="∂L/∂K[{m}, {n}]", shown={"X": "X", "K": "K", "b": "b", "dL/dY": "dL_dY"},
    answer=lambda X, dL_dY, m, n, **_: conv.grad_kernel(X, dL_dY)[m, n],
    mistakes={
        "overlap-not-summed": lambda **inputs: one_term(kernel_terms(**inputs)),
        "bias-in-gradient": lambda X, b, dL_dY, m, n, **_: conv.grad_kernel(X, dL_dY)[m, n] + b,
        "kernel-value-not-input": lambda K, dL_dY, m, n, **_: K[m, n] * np.sum(dL_dY),
    },
    terms=lambda **inputs: kernel_terms(**inputs),
)

bias_gradient = NumberQuestion(
    draw=draw_layer, ask="∂L/∂b", shown={"X": "X", "K": "K", "b": "b", "dL/dY": "dL_dY"},
    answer=lambda dL_dY, **_: conv.grad_bias(dL_dY),
    mistakes={
        "bias-gradient-mean": lambda dL_dY, **_: float(np.mean(dL_dY)),
        "bias-gradient-one": lambda **_: 1.0,
        "bias-in-gradient": lambda dL_dY, b, **_: conv.grad_bias(dL_dY) + b,
    },
    terms=lambda dL_dY, **_: [(f"∂L/∂Y[{i}, {j}]", dL_dY[i, j]) for i, j in np.ndindex(dL_dY.shape)],
)


def draw_sizes(rng, size=(5, 12), kernel=(1, 5), stride=(1, 3), padding=(0, 2), dilation=(1, 2)):
    """An input's height and width, a kernel's, a stride, a padding and a dilation: the
    kernel, dilated, inside the padded input."""
    while True:
        H, W = (int(v) for v in rng.integers(size[0], size[1] + 1, size=2))
        kH, kW = (int(v) for v in rng.integers(kernel[0], kernel[1] + 1, size=2))
        s, p, d = (int(rng.integers(low, high + 1)) for low, high in (stride, padding, dilation))
        if d * (max(kH, kW) - 1) + 1 <= min(H, W) + 2 * p:
            return {"H": H, "W": W, "kH": kH, "kW": kW, "stride": s, "padding": p, "dilation": d}


def sizes_with(H, W, kH, kW, stride, padding, dilation):
    """(H_out, W_out) by the layer's formula, for the given hyperparameters."""
    return (layer.output_size(H, kH, stride, padding, dilation), layer.output_size(W, kW, stride, padding, dilation))


output_shape = NumberQuestion(
    draw=draw_sizes, kind="shape", ask=say.later("ask.output-shape"),
    shown={"H": "H", "W": "W", "kH": "kH", "kW": "kW", say.later("given.stride"): "stride",
           say.later("given.padding"): "padding", say.later("given.dilation"): "dilation"},
    answer=lambda **s: sizes_with(**s),
    mistakes={
        "stride-ignored": lambda **s: sizes_with(**{**s, "stride": 1}) if s["stride"] > 1 else None,
        "padding-ignored": lambda **s: sizes_with(**{**s, "padding": 0}) if s["padding"] else None,
        "padding-one-side": lambda H, W, padding, **s: (
            sizes_with(H - padding, W - padding, padding=padding, **s) if padding else None),
        "dilation-ignored": lambda **s: sizes_with(**{**s, "dilation": 1}) if s["dilation"] > 1 else None,
        "plus-one-forgotten": lambda **s: tuple(n - 1 for n in sizes_with(**s)),
    },
)


# ---- Code: the tests a reader's functions must pass ------------------------------------

SHAPES = [((4, 5), (2, 3)), ((5, 3), (3, 2)), ((6, 6), (3, 3))]
"""The random cases' input and kernel shapes (non-square among them), after the worked example."""


def layer_cases(rng, arguments):
    """The worked example, then a random layer of each of SHAPES: each case gives the named
    `arguments` (of X, K, b, dL_dY), in that order."""
    def case(X, K, b, dL_dY):
        layer = {"X": X, "K": K, "b": b, "dL_dY": dL_dY}
        return {name: layer[name] for name in arguments}

    cases = [(say("case.worked-example"), case(*conv.worked_example()))]
    for shape, kernel in SHAPES:
        cases.append((say("case.random-layer", rows=shape[0], columns=shape[1], kernel_rows=kernel[0],
                          kernel_columns=kernel[1]),
                      case(*random_layer(rng, shape, kernel))))
    return cases


def cases_forward(rng):
    return layer_cases(rng, ("X", "K", "b"))


def cases_backward(rng):
    return layer_cases(rng, ("dL_dY", "X", "K"))


def forward_off_by_one(X, K, b):
    """The loops one position short: range(H - kH) where H - kH + 1 positions fit."""
    return conv.conv_forward(X, K, b)[:-1, :-1]


def backward_kernel_not_rotated(dL_dY, X, K):
    _, dL_dK, dL_db = conv.conv_backward(dL_dY, X, K)
    return kernel_not_rotated(dL_dY, K), dL_dK, dL_db


def backward_assigned(dL_dY, X, K):
    """Every `+=` of the backward loops written `=`."""
    return (last_contribution_input(dL_dY, K, X.shape), last_contribution_kernel(X, dL_dY, K.shape),
            float(dL_dY[-1, -1]))


def conv_loss(dL_dY, X, K, b=0.0, stride=1, padding=0):
    """L = sum(Y * dL/dY): a loss whose gradient with respect to Y is dL/dY."""
    return float(np.sum(conv.conv_forward(X, K, b, stride, padding) * dL_dY))


forward_tests = CodeTests(
    function="conv_forward", reference=conv.conv_forward, cases=cases_forward, outputs=("Y",),
    mistakes={"bias-forgotten": lambda X, K, b: conv.conv_forward(X, K, 0), "true-convolution": true_convolution,
              "window-off-by-one": forward_off_by_one},
)

backward_tests = CodeTests(
    function="conv_backward", reference=conv.conv_backward, cases=cases_backward,
    outputs=("dL/dX", "dL/dK", "dL/db"),
    mistakes={"kernel-not-rotated": backward_kernel_not_rotated, "overlap-not-summed": backward_assigned},
    gradient=Gradient(conv_loss, {"dL/dX": "X", "dL/dK": "K", "dL/db": "b"}),
)


def backward_with_stride(dL_dY, X, K, stride, padding):
    """dL/dX, dL/dK, dL/db of Y = X (padded with p zeros) cross-correlated with K, s places
    at a time, plus b: the full layer's (layer.py) for one image, one channel, one filter."""
    dL_dX, dL_dW, dL_db = layer.conv2d_backward(np.asarray(dL_dY, float)[None, None], np.asarray(X, float)[None, None],
                                       np.asarray(K, float)[None, None], stride=int(stride), padding=int(padding))
    return dL_dX[0, 0], dL_dW[0, 0], float(dL_db[0])


def backward_stride_ignored(dL_dY, X, K, stride, padding):
    """The window of output (i, j) taken at (i, j), not at (s·i, s·j)."""
    Xp = conv.pad_with_zeros(X, padding, padding)
    dL_dXp, dL_dK = np.zeros_like(Xp), np.zeros_like(K)
    kH, kW = K.shape
    for i, j in np.ndindex(dL_dY.shape):
        dL_dXp[i:i + kH, j:j + kW] += dL_dY[i, j] * K
        dL_dK += Xp[i:i + kH, j:j + kW] * dL_dY[i, j]
    return dL_dXp[padding:Xp.shape[0] - padding, padding:Xp.shape[1] - padding], dL_dK, float(np.sum(dL_dY))


def backward_padding_kept(dL_dY, X, K, stride, padding):
    """dL/dX of the padded input, the padding's rows and columns not cut away."""
    Xp = conv.pad_with_zeros(X, padding, padding)
    dL_dXp, dL_dK, dL_db = backward_with_stride(dL_dY, Xp, K, stride, 0)
    return dL_dXp, dL_dK, dL_db


def cases_strided(rng):
    X, K, b, dL_dY = conv.worked_example()
    cases = [(say("case.worked-example-strided", stride=1, padding=0),
              {"dL_dY": dL_dY, "X": X, "K": K, "stride": 1, "padding": 0})]
    for (H, W), (kH, kW), stride, padding in [((5, 5), (3, 3), 2, 0), ((4, 6), (2, 3), 2, 1), ((6, 5), (3, 2), 3, 1)]:
        X, K = small_matrix(rng, H, W, (-3, 3)), small_matrix(rng, kH, kW, (-3, 3))
        shape = sizes_with(H, W, kH, kW, stride, padding, 1)
        cases.append((say("case.random-strided", rows=H, columns=W, stride=stride, padding=padding),
                      {"dL_dY": small_matrix(rng, *shape, (-3, 3)), "X": X, "K": K, "stride": stride,
                       "padding": padding}))
    return cases


strided_tests = CodeTests(
    function="conv_backward_strided", reference=backward_with_stride, cases=cases_strided,
    outputs=("dL/dX", "dL/dK", "dL/db"),
    mistakes={"stride-ignored-backward": backward_stride_ignored, "padding-kept": backward_padding_kept},
    gradient=Gradient(conv_loss, {"dL/dX": "X", "dL/dK": "K", "dL/db": "b"}),
)
