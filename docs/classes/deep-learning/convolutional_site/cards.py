"""What the convolution page shows, rendered at build time from the lesson's own code.

Every number comes from convolutional.py (its example, its forward and backward functions, its
`window_at`) and, for channels and filters, layer.py. The page prints each part from a
build-time block:

    ```python exec="1" html="1"
    from convolutional_site.cards import example
    print(example.forward())
    ```
"""

import numpy as np

import convolutional as conv
from convolutional_site import steps
from coursekit import card_math, latex
from coursekit.page.words import Words
from coursekit.widgets import Widgets

say = Words(__package__)

DL_DX, DL_DK, DL_DB, DL_DY = (latex.partial("L", name) for name in "XKbY")
# Written on one line, as an entry's name in an expansion: \partial L / \partial X.
DL_DX_SLASHED, DL_DK_SLASHED = (latex.partial("L", name, slashed=True) for name in "XK")


class WorkedExample:
    """X, K, b and dL/dY, and all the lesson's code computes from them."""

    def __init__(self, X, K, b, dL_dY):
        self.X, self.K, self.b, self.dL_dY = X, K, b, dL_dY
        self.Y = conv.conv_forward(X, K, b)
        self.dL_dX, self.dL_dK, self.dL_db = conv.conv_backward(dL_dY, X, K)
        kH, kW = K.shape
        self.K_rotated = conv.rotate_180(K)
        self.dL_dY_padded = conv.pad_with_zeros(dL_dY, kH - 1, kW - 1)
        self.widgets = Widgets("convolution", steps.widgets, {"X": X, "K": K, "b": b, "dL_dY": dL_dY,
                                                              "stride": 1, "padding": 0})

    def _expansions(self, name, lhs, A, B, result, bias=None):
        """result[i,j] = sum_{m,n} A[i+m, j+n] B[m,n] (+ bias), one line per row of B."""
        blocks = []
        for (i, j), value in np.ndenumerate(result):
            pairs = [list(zip(patch_row, kernel_row)) for patch_row, kernel_row in
                     zip(conv.window_at(A, i, j, B.shape), B)]
            lines = card_math.product_lines(pairs, extra=[bias] if bias is not None else [])
            blocks.append(card_math.expansion(name, (i, j), lhs, [lines], value))
        return card_math.expansions(blocks)

    def parameters(self):
        """X, K and b."""
        return card_math.matrix("X", self.X) + card_math.matrix("K", self.K) + card_math.scalar("b", self.b)

    def output_shape(self):
        """(H - kH + 1) x (W - kW + 1) with this example's numbers."""
        (H, W), (kH, kW) = self.X.shape, self.K.shape
        oH, oW = conv.output_shape(self.X.shape, self.K.shape)
        return card_math.equation("output shape", f"({H} - {kH} + 1) \\times ({W} - {kW} + 1) = {oH} \\times {oW}")

    def forward(self):
        """Every Y[i,j] expanded, then Y."""
        return self._expansions("Y", "Y", self.X, self.K, self.Y, bias=self.b) + card_math.matrix("Y", self.Y)

    def upstream(self):
        """dL/dY, given by the layers after this one."""
        return card_math.matrix("dL/dY", self.dL_dY, DL_DY)

    def grad_input(self):
        """The rotated kernel, the zero-padded dL/dY, every dL/dX[p,q] expanded, then dL/dX."""
        return (card_math.matrix("rot180(K)", self.K_rotated, "\\operatorname{rot}_{180}(K)")
                + card_math.matrix("padded dL/dY", self.dL_dY_padded, f"\\operatorname{{pad}}\\left({DL_DY}\\right)")
                + self._expansions("dL/dX", DL_DX_SLASHED, self.dL_dY_padded, self.K_rotated, self.dL_dX)
                + card_math.matrix("dL/dX", self.dL_dX, DL_DX))

    def grad_kernel(self):
        """Every dL/dK[m,n] expanded, then dL/dK."""
        return (self._expansions("dL/dK", DL_DK_SLASHED, self.X, self.dL_dY, self.dL_dK)
                + card_math.matrix("dL/dK", self.dL_dK, DL_DK))

    def grad_bias(self):
        """dL/db as the sum of every dL/dY[i,j]."""
        terms = latex.total(latex.operand(v) for v in self.dL_dY.flat)
        return card_math.equation("dL/db", f"{DL_DB} = {terms} = {latex.number(self.dL_db)}")

    def editor(self):
        """The form where the reader changes X, K, b, dL/dY, and the forward pass's stride and padding."""
        return self.widgets.editor(["X", "K", "b", "dL_dY", "stride", "padding"],
                                   labels={"stride": say("label.stride"), "padding": say("label.padding")})


class Channels:
    """The example of channels and filters: X (C, H, W), W (F, C, kH, kW), b (F,)."""

    def __init__(self, X, W, b):
        self.X, self.W, self.b = (np.asarray(v, dtype=float) for v in (X, W, b))
        self.widgets = Widgets("channels", steps.channel_widgets, {"X": self.X, "W": self.W, "b": self.b})

    def parameters(self):
        """Each channel of X, each filter's kernel for each channel, and the biases."""
        F, C = self.W.shape[:2]
        return ("".join(card_math.matrix(f"channels X[{c}]", self.X[c], f"X[{c}]") for c in range(C))
                + "".join(card_math.matrix(f"channels W[{f},{c}]", self.W[f, c], f"W[{f},{c}]")
                          for f in range(F) for c in range(C))
                + card_math.matrix("channels b", self.b[None], "b"))


example = WorkedExample(*conv.worked_example())
channels = Channels(conv.CHANNELS_X, conv.CHANNELS_W, conv.CHANNELS_B)
