"""What the pooling page shows, rendered at build time from the lesson's own code (pooling.py:
its examples, its forward and backward functions, `window_at` and `max_position`).

    ```python exec="1" html="1"
    from pooling_site.cards import example
    print(example.forward())
    ```
"""

from html import escape

import numpy as np

from coursekit import card_math, latex
from coursekit.page.numbers import text
import pooling as pool
from coursekit.page.words import Words
from coursekit.widgets import Widgets
from pooling_site import steps

say = Words(__package__)

DL_DY = latex.partial("L", "Y")
DL_DX = latex.partial("L", "X")
DL_DX_SLASHED, DL_DY_SLASHED = latex.partial("L", "X", slashed=True), latex.partial("L", "Y", slashed=True)


class PoolingExample:
    """X, the window, the stride and dL/dY of one example, and all pooling.py computes from them.

    `prefix` sets this example's results apart from another's on the same page
    (data-result="overlap Y")."""

    def __init__(self, X, window, stride, dL_dY, prefix="", group="pooling"):
        self.X, self.window, self.stride, self.dL_dY, self.prefix = X, window, stride, dL_dY, prefix
        self.Y = pool.max_pool_forward(X, window, stride)
        self.dL_dX = pool.max_pool_backward(dL_dY, X, window, stride)
        self.Y_average = pool.avg_pool_forward(X, window, stride)
        self.dL_dX_average = pool.avg_pool_backward(dL_dY, X, window, stride)
        self.maxima = {(i, j): pool.max_position(X, i, j, window, stride) for i, j in np.ndindex(self.Y.shape)}
        self.widgets = Widgets(group, steps.widgets, {"X": X, "window": window, "stride": stride, "dL_dY": dL_dY})

    def _name(self, name):
        return self.prefix + name

    def _window(self, i, j):
        return pool.window_at(self.X, i, j, self.window, self.stride)

    def parameters(self):
        """X, the window and the stride."""
        return (card_math.matrix(self._name("X"), self.X, "X")
                + card_math.equation(self._name("window and stride"), f"k = {self.window},\\quad s = {self.stride}"))

    def output_shape(self):
        """(H - k) // s + 1 by (W - k) // s + 1, with this example's numbers."""
        (H, W), k, s = self.X.shape, self.window, self.stride
        oH, oW = self.Y.shape
        return card_math.equation(self._name("output shape"),
                              f"\\left(\\left\\lfloor \\tfrac{{{H} - {k}}}{{{s}}} \\right\\rfloor + 1\\right) \\times "
                              f"\\left(\\left\\lfloor \\tfrac{{{W} - {k}}}{{{s}}} \\right\\rfloor + 1\\right) "
                              f"= {oH} \\times {oW}")

    def forward(self):
        """Every Y[i,j] as the max of its window, then Y."""
        blocks = [card_math.expansion(self._name("Y"), (i, j), "Y", [latex.call("max", self._window(i, j))],
                                      self.Y[i, j])
                  for i, j in np.ndindex(self.Y.shape)]
        return card_math.expansions(blocks) + card_math.matrix(self._name("Y"), self.Y, "Y")

    def upstream(self):
        """dL/dY, given by the layers after this one."""
        return card_math.matrix(self._name("dL/dY"), self.dL_dY, DL_DY)

    def routes(self):
        """Every entry of dL/dX that receives something, as the sum of the dL/dY[i,j] whose
        window has its maximum there; then dL/dX."""
        received = {}
        for index, position in self.maxima.items():
            received.setdefault(position, []).append(index)
        blocks = []
        for (p, q), windows in sorted(received.items()):
            symbols = latex.total(f"{DL_DY_SLASHED}{latex.index(i, j)}" for i, j in windows)
            values = latex.total(latex.operand(self.dL_dY[i, j]) for i, j in windows)
            blocks.append(card_math.expansion(self._name("dL/dX"), (p, q), DL_DX_SLASHED, [symbols, values],
                                              self.dL_dX[p, q]))
        return card_math.expansions(blocks) + card_math.matrix(self._name("dL/dX"), self.dL_dX, DL_DX)

    def ties(self):
        """A sentence on each window of this example whose maximum is tied, and which entry gets its gradient."""
        sentences = []
        for (i, j), (p, q) in self.maxima.items():
            if steps.ties(self.X, i, j, self.window, self.stride) > 1:
                patch = self._window(i, j)
                tied = np.argwhere(patch == patch.max()) + [self.stride * i, self.stride * j]
                places = ", ".join(f"X[{r},{c}]" for r, c in tied)  # positions, not numbers: a comma in every language
                sentence = say("card.tie", i=i, j=j, maximum=escape(text(patch.max())), count=len(tied),
                               places=places, p=p, q=q, gradient=escape(text(self.dL_dY[i, j])))
                sentences.append(f'<li data-tie="{i},{j}" data-position="{p},{q}">{sentence}</li>')
        if not sentences:
            return f"<p>{say('card.no-tie')}</p>"
        return "<ul>" + "".join(sentences) + "</ul>"

    def average_forward(self):
        """Every Y[i,j] of average pooling as the mean of its window, then Y."""
        blocks = [card_math.expansion(self._name("Y (average)"), (i, j), "Y", [latex.mean(self._window(i, j))],
                                      self.Y_average[i, j]) for i, j in np.ndindex(self.Y.shape)]
        return card_math.expansions(blocks) + card_math.matrix(self._name("Y (average)"), self.Y_average, "Y")

    def average_backward(self):
        """Every dL/dX[p,q] of average pooling: the dL/dY[i,j] of each window it is in, over k²."""
        k2 = self.window ** 2
        blocks = []
        for p, q in np.ndindex(self.X.shape):
            windows = [(i, j) for i, j in np.ndindex(self.Y.shape)
                       if 0 <= p - self.stride * i < self.window and 0 <= q - self.stride * j < self.window]
            if windows:
                values = latex.total(latex.operand(self.dL_dY[i, j]) for i, j in windows)
                blocks.append(card_math.expansion(self._name("dL/dX (average)"), (p, q), DL_DX_SLASHED,
                                                  [f"\\frac{{{values}}}{{{k2}}}"], self.dL_dX_average[p, q]))
        return card_math.expansions(blocks) + card_math.matrix(self._name("dL/dX (average)"), self.dL_dX_average, DL_DX)

    def editor(self):
        """The form where the reader changes X, the window, the stride and dL/dY."""
        labels = {"window": say("label.window"), "stride": say("label.stride")}
        return self.widgets.editor(["X", "window", "stride", "dL_dY"], labels=labels)


example = PoolingExample(*pool.worked_example())
overlap = PoolingExample(*pool.overlap_example(), prefix="overlap ", group="pooling-overlap")
