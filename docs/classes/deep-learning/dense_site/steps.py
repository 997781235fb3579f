"""The dense layer one step at a time: what the page's walkthrough shows, laid out from
dense.py's functions. It runs at build time and in the page's Python (numpy only)."""

import numpy as np

import dense as lesson
from coursekit.page.numbers import operand, text
from coursekit.page.steps import panel, walkthrough
from coursekit.page.values import Field, takes


def forward_walkthrough(X, w, b):
    """One step per output Y[i, j]."""
    Y = lesson.forward(X, w, b)
    done = np.zeros(Y.shape, dtype=bool)
    steps = []
    for i, j in np.ndindex(Y.shape):
        done[i, j] = True
        steps.append({"sentence": f"Y[{i},{j}] = {operand(w)}\u00b7{operand(X[i, j])} + {operand(b)} = "
                                   f"{text(Y[i, j])}",
                      "panels": [panel("X", X, current=[i, j]), panel("Y", Y, current=[i, j], filled=done.copy())]})
    return walkthrough("Forward pass, one entry at a time", steps)


@takes(X=Field("matrix", largest=8), w=Field("number"), b=Field("number"))
def widgets(X, w, b):
    """The walkthroughs of the worked example, for these numbers."""
    return {"walkthroughs": {"forward": forward_walkthrough(X, w, b)}}
