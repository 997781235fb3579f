"""What the dense page shows, rendered at build time from the lesson's own code (dense.py:
its example, dense_forward and dense_backward): one sample first (the first row of the
example's X), then the batch, then the same layer as a 1×1 convolution.

    ```python exec="1" html="1"
    from dense_site.cards import example
    print(example.forward())
    ```
"""

import numpy as np

import dense as lesson
from coursekit import card_math, latex
from coursekit.page.words import Words
from coursekit.widgets import Widgets
from dense_site import steps

say = Words(__package__)

DL_DY, DL_DX = latex.partial("L", "Y"), latex.partial("L", "X")
DL_DW, DL_DB = latex.partial("L", "W"), latex.partial("L", "b")
DL_DY_SLASHED, DL_DX_SLASHED = latex.partial("L", "Y", slashed=True), latex.partial("L", "X", slashed=True)
DL_DW_SLASHED, DL_DB_SLASHED = latex.partial("L", "W", slashed=True), latex.partial("L", "b", slashed=True)


def sums(name, lhs, entries, value):
    """Expansions of sums of products: entries {index: ([(a, b), ...], extra terms)}."""
    return card_math.expansions([
        card_math.expansion(name, index, lhs, [card_math.product_lines(lines(pairs), extra)], value[index])
        for index, (pairs, extra) in entries.items()])


def lines(pairs, per_line=2):
    """The products of a sum, a few to a line, so that a long sum fits a card (and a phone)."""
    return [pairs[start:start + per_line] for start in range(0, len(pairs), per_line)] or [[]]


def conv1x1(X, W, b):
    """The 1×1 convolution of X seen as N images of `in` channels, 1×1 pixel each, with
    `out` kernels of shape (in, 1, 1), kernel j being row j of W: (N, out)."""
    images = X[:, :, None, None]  # (N, C_in, 1, 1)
    kernels = W[:, :, None, None]  # (C_out, C_in, 1, 1)
    maps = np.zeros((X.shape[0], W.shape[0], 1, 1))
    for n, j in np.ndindex(maps.shape[:2]):
        maps[n, j] = np.sum(kernels[j] * images[n], axis=0) + b[j]  # a sum over channels, at the one pixel
    return maps[:, :, 0, 0]


def column(v):
    """A vector (n,) as the column the formulas write, (n, 1)."""
    return np.asarray(v)[:, None]


class DenseExample:
    """X, W, b and dL/dY of the example, and all dense.py computes from them (the batch,
    and its first sample on its own)."""

    def __init__(self, X, W, b, dL_dY):
        self.X, self.W, self.b, self.dL_dY = X, W, b, dL_dY
        self.Y = lesson.dense_forward(X, W, b)
        self.dL_dX, self.dL_dW, self.dL_db = lesson.dense_backward(dL_dY, X, W)
        self.x, self.dL_dy = X[0], dL_dY[0]
        self.y = lesson.dense_forward(X[:1], W, b)[0]
        dx, self.dL_dW_sample, self.dL_db_sample = lesson.dense_backward(dL_dY[:1], X[:1], W)
        self.dL_dx = dx[0]
        self.widgets = Widgets("dense", steps.widgets, {"X": X, "W": W, "b": b[None], "dL_dY": dL_dY})

    def shapes(self):
        (N, n_in), n_out = self.X.shape, self.W.shape[0]
        return card_math.equation("shapes", f"N = {N},\\quad \\text{{in}} = {n_in},\\quad \\text{{out}} = {n_out}")

    def parameters(self):
        """W, b and the batch X."""
        return (card_math.matrix("W", self.W) + card_math.matrix("b", column(self.b))
                + card_math.matrix("X", self.X) + self.shapes())

    def sample_forward(self):
        """y = W x + b for the first sample, each entry term by term."""
        entries = {(j,): ([(self.W[j, k], self.x[k]) for k in range(self.x.size)], [self.b[j]])
                   for j in range(self.y.size)}
        return (card_math.matrix("x", column(self.x))
                + sums("y", "y", entries, self.y) + card_math.matrix("y", column(self.y)))

    def forward(self):
        """Y = X Wᵀ + b, each entry term by term."""
        entries = {(n, j): ([(self.X[n, k], self.W[j, k]) for k in range(self.X.shape[1])], [self.b[j]])
                   for n, j in np.ndindex(self.Y.shape)}
        return sums("Y", "Y", entries, self.Y) + card_math.matrix("Y", self.Y)

    def sample_backward(self):
        """For the first sample: dL/dx = Wᵀ dL/dy, dL/dW = dL/dy xᵀ, dL/db = dL/dy."""
        dx = {(k,): ([(self.W[j, k], self.dL_dy[j]) for j in range(self.dL_dy.size)], [])
              for k in range(self.x.size)}
        dW = {(j, k): ([(self.dL_dy[j], self.x[k])], []) for j, k in np.ndindex(self.W.shape)}
        dy, dx_lhs = latex.partial("L", "y"), latex.partial("L", "x", slashed=True)
        return (card_math.matrix("dL/dy", column(self.dL_dy), dy)
                + sums("dL/dx", dx_lhs, dx, self.dL_dx) + card_math.matrix("dL/dx", column(self.dL_dx), latex.partial("L", "x"))
                + sums("dL/dW (one sample)", DL_DW_SLASHED, dW, self.dL_dW_sample)
                + card_math.matrix("dL/dW (one sample)", self.dL_dW_sample, DL_DW)
                + card_math.matrix("dL/db (one sample)", column(self.dL_db_sample), DL_DB))

    def upstream(self):
        return card_math.matrix("dL/dY", self.dL_dY, DL_DY)

    def backward_input(self):
        """dL/dX = dL/dY W, each entry term by term."""
        entries = {(n, k): ([(self.dL_dY[n, j], self.W[j, k]) for j in range(self.W.shape[0])], [])
                   for n, k in np.ndindex(self.X.shape)}
        return sums("dL/dX", DL_DX_SLASHED, entries, self.dL_dX) + card_math.matrix("dL/dX", self.dL_dX, DL_DX)

    def backward_weights(self):
        """dL/dW = dL/dYᵀ X and dL/db, summed over the batch, each entry term by term."""
        N = self.X.shape[0]
        dW = {(j, k): ([(self.dL_dY[n, j], self.X[n, k]) for n in range(N)], [])
              for j, k in np.ndindex(self.W.shape)}
        db = {(j,): ([], [self.dL_dY[n, j] for n in range(N)]) for j in range(self.b.size)}
        return (sums("dL/dW", DL_DW_SLASHED, dW, self.dL_dW) + card_math.matrix("dL/dW", self.dL_dW, DL_DW)
                + sums("dL/db", DL_DB_SLASHED, db, self.dL_db) + card_math.matrix("dL/db", column(self.dL_db), DL_DB))

    def convolution(self):
        """The same Y from a 1×1 convolution whose kernels are the rows of W."""
        Y = conv1x1(self.X, self.W, self.b)
        same = bool(np.allclose(Y, self.Y, rtol=1e-12, atol=1e-12))
        if not same:
            raise AssertionError("the 1×1 convolution differs from dense_forward")  # cannot happen; checked anyway
        return (card_math.matrix("Y (1×1 convolution)", Y, "Y_{\\text{conv } 1 \\times 1}")
                + card_math.equation("same as the dense layer", "Y_{\\text{conv } 1 \\times 1} = X W^\\top + b"))

    def editor(self):
        """The form where the reader changes X, W, b and dL/dY."""
        return self.widgets.editor(["X", "W", "b", "dL_dY"], labels={"b": say("label.b")})


example = DenseExample(*lesson.worked_example())
