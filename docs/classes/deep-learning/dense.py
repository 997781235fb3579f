"""Dense layer, in numpy.

A skeleton from `python -m coursekit.new`: a scale and a shift, entry by entry, the
smallest layer with a forward and a backward pass. Replace it with the layer this lesson
teaches, keeping the shape of the file: the example at the top, numpy only, and it runs
alone.

    forward    Y[i, j]     = w X[i, j] + b
    backward   dL/dX[i, j] = w dL/dY[i, j]
               dL/dw       = sum_{i,j} X[i, j] dL/dY[i, j]
               dL/db       = sum_{i,j} dL/dY[i, j]

Shapes: X, Y, dL/dY and dL/dX (H, W); w and b numbers.

Run it (`python dense.py`) to print the worked example: numpy is all it needs.
"""

import numpy as np

# The worked example of the lesson. This is the one place where it is written: the page
# computes every number it shows from these values.
EXAMPLE_X = [[1, -2, 0],
             [0.5, 3, -1]]
EXAMPLE_W = 2
EXAMPLE_B = -1
EXAMPLE_DL_DY = [[1, 0, -1],
                 [0.5, 2, 1]]


class InputError(ValueError):
    """A ValueError about one argument, which `argument` names (the page's number editor
    shows the message next to that argument's field)."""

    def __init__(self, argument, message):
        super().__init__(message)
        self.argument = argument


def forward(X, w, b):
    """Y = w X + b, entry by entry. X (H, W), w and b numbers -> Y (H, W)."""
    return w * np.asarray(X, dtype=float) + b


def backward(dL_dY, X, w):
    """dL/dX, dL/dw and dL/db. dL_dY (H, W), X (H, W), w a number -> (H, W), a number, a number."""
    dL_dY, X = np.asarray(dL_dY, dtype=float), np.asarray(X, dtype=float)
    if dL_dY.shape != X.shape:
        raise InputError("dL_dY", f"dL/dY must have the shape of the output Y, {X.shape}, but it has shape "
                                  f"{dL_dY.shape}")
    return w * dL_dY, float(np.sum(X * dL_dY)), float(np.sum(dL_dY))


def worked_example():
    """The lesson's example as arrays: X, w, b, dL/dY."""
    return np.array(EXAMPLE_X, dtype=float), float(EXAMPLE_W), float(EXAMPLE_B), np.array(EXAMPLE_DL_DY, dtype=float)


if __name__ == "__main__":
    X, w, b, dL_dY = worked_example()
    dL_dX, dL_dw, dL_db = backward(dL_dY, X, w)
    for label, value in [("X", X), ("w", w), ("b", b), ("Y", forward(X, w, b)), ("dL/dY", dL_dY),
                         ("dL/dX", dL_dX), ("dL/dw", dL_dw), ("dL/db", dL_db)]:
        print(f"{label} =\n{value}\n")
