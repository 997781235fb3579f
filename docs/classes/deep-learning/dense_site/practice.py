"""The dense lesson's exercises: the questions a reader answers by hand, and the
misconceptions behind the usual wrong answers, each as the computation it leads to."""

import numpy as np

import dense as lesson
from coursekit.page.questions import NumberQuestion


def draw_entry(rng, size=(2, 4), values=(-4, 4)):
    """X of small whole numbers, w and b, and one entry to compute."""
    H, W = (int(v) for v in rng.integers(size[0], size[1] + 1, size=2))
    X = rng.integers(values[0], values[1] + 1, size=(H, W)).astype(float)
    w, b = (float(v) for v in rng.integers(values[0], values[1] + 1, size=2))
    return {"X": X, "w": w, "b": b, "i": int(rng.integers(H)), "j": int(rng.integers(W))}


output_entry = NumberQuestion(
    draw=draw_entry, ask="Y[{i}, {j}]", shown={"X": "X", "w": "w", "b": "b"},
    answer=lambda X, w, b, i, j: lesson.forward(X, w, b)[i, j],
    mistakes={"bias-forgotten": lambda X, w, b, i, j: (w * X[i, j]) if b != 0 else None},
)
