"""What the ReLU page shows, rendered at build time from the lesson's own code (activation.py:
its examples, relu_forward, relu_backward, dead_units), its words from the lesson's templates
(messages/<language>.json), in the language being written.

    ```python exec="1" html="1" session="activation"
    from activation_site.cards import example
    print(example.forward())
    ```
"""

from html import escape

import numpy as np

import activation as lesson
from coursekit import card_math, latex
from coursekit.page.numbers import text
from coursekit.page.words import Words
from coursekit.widgets import Widgets
from activation_site import steps

say = Words(__package__)

DL_DY, DL_DX = latex.partial("L", "Y"), latex.partial("L", "X")
DL_DX_SLASHED = latex.partial("L", "X", slashed=True)


def _step_function(x, dy):
    """`1[x > 0] · dy`: the slope ReLU passes the gradient with, as LaTeX."""
    return f"\\mathbb{{1}}[{latex.number(x)} > 0] \\cdot {latex.operand(dy)}"


class ReluExample:
    """X and dL/dY of the worked example, and all activation.py computes from them."""

    def __init__(self, X, dL_dY):
        self.X, self.dL_dY = X, dL_dY
        self.Y = lesson.relu_forward(X)
        self.dL_dX = lesson.relu_backward(dL_dY, X)
        self.widgets = Widgets("activation", steps.widgets, {"X": X, "dL_dY": dL_dY})

    def parameters(self):
        """X."""
        return card_math.matrix("X", self.X)

    def forward(self):
        """Every Y[i,j] as max(0, X[i,j]), then Y."""
        blocks = [card_math.expansion("Y", (i, j), "Y", [latex.call("max", [0, x])], self.Y[i, j])
                  for (i, j), x in np.ndenumerate(self.X)]
        return card_math.expansions(blocks) + card_math.matrix("Y", self.Y)

    def upstream(self):
        """dL/dY, given by the layers after this one."""
        return card_math.matrix("dL/dY", self.dL_dY, DL_DY)

    def backward(self):
        """Every dL/dX[i,j] as 1[X[i,j] > 0] · dL/dY[i,j], then dL/dX."""
        blocks = [card_math.expansion("dL/dX", (i, j), DL_DX_SLASHED,
                                      [_step_function(x, self.dL_dY[i, j]),
                                       latex.product(int(x > 0), self.dL_dY[i, j])], self.dL_dX[i, j])
                  for (i, j), x in np.ndenumerate(self.X)]
        return card_math.expansions(blocks) + card_math.matrix("dL/dX", self.dL_dX, DL_DX)

    def zeros(self):
        """A sentence on each entry of X that is exactly 0, and what its gradient is."""
        sentences = []
        for i, j in np.argwhere(self.X == 0):
            # Where dL/dY[i,j] is 0 too, both gradients are 0: the sentence tells how to see them differ.
            key = "card.zero.stopped" if self.dL_dY[i, j] != 0 else "card.zero.upstream-zero"
            sentence = say(key, i=i, j=j, dx=text(self.dL_dX[i, j]), dy=text(self.dL_dY[i, j]))
            sentences.append(f'<li data-zero="{i},{j}">{escape(sentence)}</li>')
        if not sentences:
            return f"<p>{escape(say('card.no-zero'))}</p>"
        return "<ul>" + "".join(sentences) + "</ul>"

    def leaky(self):
        """Leaky ReLU on the same example: its slope a, Y and dL/dX."""
        a = lesson.LEAKY_SLOPE
        return (card_math.scalar("leaky slope", a, "a")
                + card_math.matrix("leaky Y", lesson.leaky_relu_forward(self.X, a), "Y")
                + card_math.matrix("leaky dL/dX", lesson.leaky_relu_backward(self.dL_dY, self.X, a), DL_DX))

    def editor(self):
        """The form where the reader changes X and dL/dY."""
        return self.widgets.editor(["X", "dL_dY"])


class DeadUnits:
    """A batch Z (N samples, D units) before ReLU, dL/dY, and the gradient each unit gets."""

    def __init__(self, Z, dL_dY, b):
        self.Z, self.dL_dY, self.b = Z, dL_dY, np.asarray(b, dtype=float)
        self.dL_dZ = lesson.relu_backward(dL_dY, Z)
        self.dL_db = self.dL_dZ.sum(axis=0, keepdims=True)
        self.dead = lesson.dead_units(Z)

    def batch(self):
        """b, Z and dL/dY."""
        return (card_math.matrix("batch b", self.b[None], "b")
                + card_math.matrix("batch Z", self.Z, "Z")
                + card_math.matrix("batch dL/dY", self.dL_dY, DL_DY))

    def gradients(self):
        """dL/dZ, and dL/db, its sum over the batch."""
        return (card_math.matrix("batch dL/dZ", self.dL_dZ, latex.partial("L", "Z"))
                + card_math.matrix("batch dL/db", self.dL_db, latex.partial("L", "b")))

    def verdict(self):
        """Which units got no gradient from any sample of the batch."""
        N, D = self.Z.shape
        if not self.dead:
            return f'<p data-dead="">{escape(say("card.none-dead", units=D, samples=N))}</p>'
        names = ", ".join(say("card.dead-unit", unit=d) for d in self.dead)
        return (f'<p data-dead="{",".join(str(d) for d in self.dead)}">'
                f'{escape(say("card.dead", names=names, samples=N))}</p>')


example = ReluExample(*lesson.worked_example())
dead = DeadUnits(*lesson.batch_example(), b=lesson.BATCH_B)
