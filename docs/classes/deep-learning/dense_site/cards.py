"""What the dense page shows, rendered at build time from dense.py."""

import numpy as np

import dense as lesson
from coursekit import card_math, latex
from coursekit.widgets import Widgets
from dense_site import steps


class WorkedExample:
    """X, w, b and dL/dY, and all the lesson's code computes from them."""

    def __init__(self, X, w, b, dL_dY):
        self.X, self.w, self.b, self.dL_dY = X, w, b, dL_dY
        self.Y = lesson.forward(X, w, b)
        self.dL_dX, self.dL_dw, self.dL_db = lesson.backward(dL_dY, X, w)
        self.widgets = Widgets("dense", steps.widgets, {"X": X, "w": w, "b": b})

    def parameters(self):
        return card_math.matrix("X", self.X) + card_math.scalar("w", self.w) + card_math.scalar("b", self.b)

    def forward(self):
        """Every Y[i,j] expanded, then Y."""
        blocks = [card_math.expansion("Y", (i, j), "Y", [f"{latex.operand(self.w)} \\cdot {latex.operand(x)} + "
                                                     f"{latex.operand(self.b)}"], self.Y[i, j])
                  for (i, j), x in np.ndenumerate(self.X)]
        return card_math.expansions(blocks) + card_math.matrix("Y", self.Y)

    def backward(self):
        """dL/dY, then dL/dX, dL/dw and dL/db."""
        return (card_math.matrix("dL/dY", self.dL_dY, latex.partial("L", "Y"))
                + card_math.matrix("dL/dX", self.dL_dX, latex.partial("L", "X"))
                + card_math.scalar("dL/dw", self.dL_dw, latex.partial("L", "w"))
                + card_math.scalar("dL/db", self.dL_db, latex.partial("L", "b")))

    def editor(self):
        return self.widgets.editor(["X", "w", "b"])


example = WorkedExample(*lesson.worked_example())
