"""ReLU, the rectified linear unit, in numpy.

ReLU keeps each positive entry and replaces every other entry by 0. It has no weights and
no bias: it learns nothing, it only bends the line of the layer before it.

    forward    Y[i, j]     = max(0, X[i, j])
    backward   dL/dX[i, j] = dL/dY[i, j]   where X[i, j] > 0
                           = 0             where X[i, j] <= 0
               At X[i, j] = 0, ReLU has no derivative (its slope is 0 on the left, 1 on
               the right); any value from 0 to 1 is a subgradient. PyTorch takes 0, and so
               does this file.

Leaky ReLU keeps a small slope a (0.01 in PyTorch) where X <= 0, so the gradient never
stops altogether:

    forward    Y[i, j]     = X[i, j]                 where X[i, j] > 0, else a X[i, j]
    backward   dL/dX[i, j] = dL/dY[i, j]             where X[i, j] > 0, else a dL/dY[i, j]
               (at X[i, j] = 0, PyTorch takes the left slope a, as it takes 0 for ReLU)

Shapes: X, Y, dL/dY and dL/dX all have the same shape, any shape: (H, W), or a batch
(N, D) of N samples of D units each.

Run it (`python activation.py`) to print the lesson's examples: numpy is all it needs.
"""

import numpy as np

# The worked example of the lesson. This is the one place where it is written: the page
# computes every matrix, expansion and walkthrough it shows from these values (any sizes:
# dL/dY must have the shape of X).
EXAMPLE_X = [[1.5, -2, 0, 3],
             [-0.5, 2, -1, 0]]
EXAMPLE_DL_DY = [[0.5, -1, 2, 1],
                 [3, -2, 1.5, -0.5]]

# Leaky ReLU's slope where X <= 0: PyTorch's default is 0.01; 0.1 makes it show in the example.
LEAKY_SLOPE = 0.1

# Dead units: a batch of 4 samples through a layer of 3 units, before ReLU. BATCH_XW holds
# what each unit computes from each sample's input, BATCH_B each unit's bias. The third
# unit's bias has gone very negative (a large gradient step can do that): its input is
# negative for every sample, and ReLU gives it no gradient to learn from.
BATCH_XW = [[1, -0.5, 2],
            [-1.5, 2, 0.5],
            [0.5, 1, -1],
            [2, -2, 1.5]]
BATCH_B = [0.5, -1, -6]
BATCH_DL_DY = [[1, -2, 0.5],
               [-0.5, 1, 2],
               [2, 0.5, -1],
               [-1, 1.5, 1]]


class InputError(ValueError):
    """A ValueError about one argument, which `argument` names (the page's number editor
    shows the message next to that argument's field)."""

    def __init__(self, argument, message):
        super().__init__(message)
        self.argument = argument


def check_upstream(dL_dY, X):
    """dL/dY has one entry per output, and Y has the shape of X."""
    if dL_dY.shape != X.shape:
        raise InputError("dL_dY", f"dL/dY must have the shape of X (and of Y), {X.shape}, "
                                  f"but it has shape {dL_dY.shape}")


def relu_forward(X):
    """Y = max(0, X), entry by entry. X (any shape) -> Y (the same shape)."""
    X = np.asarray(X, dtype=float)
    Y = np.zeros_like(X)
    for index in np.ndindex(X.shape):
        Y[index] = X[index] if X[index] > 0 else 0.0
    return Y


def relu_backward(dL_dY, X):
    """dL/dX: dL/dY where X > 0, else 0 (at X = 0 too, as PyTorch).

    dL_dY (the shape of X), X (any shape) -> dL/dX (the shape of X)."""
    X, dL_dY = np.asarray(X, dtype=float), np.asarray(dL_dY, dtype=float)
    check_upstream(dL_dY, X)
    dL_dX = np.zeros_like(X)
    for index in np.ndindex(X.shape):
        # ReLU's slope is 1 where X > 0, 0 where X < 0; at X = 0 it has none, and we take 0.
        dL_dX[index] = dL_dY[index] if X[index] > 0 else 0.0
    return dL_dX


def leaky_relu_forward(X, slope):
    """Y = X where X > 0, else slope * X. X (any shape), slope a number -> Y (the same shape)."""
    X = np.asarray(X, dtype=float)
    Y = np.zeros_like(X)
    for index in np.ndindex(X.shape):
        Y[index] = X[index] if X[index] > 0 else slope * X[index]
    return Y


def leaky_relu_backward(dL_dY, X, slope):
    """dL/dX: dL/dY where X > 0, else slope * dL/dY (at X = 0 too, as PyTorch).

    dL_dY (the shape of X), X (any shape), slope a number -> dL/dX (the shape of X)."""
    X, dL_dY = np.asarray(X, dtype=float), np.asarray(dL_dY, dtype=float)
    check_upstream(dL_dY, X)
    dL_dX = np.zeros_like(X)
    for index in np.ndindex(X.shape):
        dL_dX[index] = dL_dY[index] if X[index] > 0 else slope * dL_dY[index]
    return dL_dX


def dead_units(Z):
    """The units (columns of a batch Z, shape (N, D)) whose input is <= 0 for every sample:
    ReLU gives them a zero gradient from every sample of the batch."""
    Z = np.asarray(Z, dtype=float)
    return [d for d in range(Z.shape[1]) if np.all(Z[:, d] <= 0)]


def worked_example():
    """The lesson's example: X, dL/dY."""
    return np.array(EXAMPLE_X, dtype=float), np.array(EXAMPLE_DL_DY, dtype=float)


def batch_example():
    """The dead-unit example: Z = XW + b (N, D), one row per sample, and dL/dY (N, D)."""
    Z = np.array(BATCH_XW, dtype=float) + np.array(BATCH_B, dtype=float)
    return Z, np.array(BATCH_DL_DY, dtype=float)


if __name__ == "__main__":
    X, dL_dY = worked_example()
    print("The worked example\n")
    for name, value in [("X", X), ("Y = max(0, X)", relu_forward(X)), ("dL/dY", dL_dY),
                        ("dL/dX", relu_backward(dL_dY, X)),
                        (f"leaky ReLU, slope {LEAKY_SLOPE}: Y", leaky_relu_forward(X, LEAKY_SLOPE)),
                        (f"leaky ReLU, slope {LEAKY_SLOPE}: dL/dX", leaky_relu_backward(dL_dY, X, LEAKY_SLOPE))]:
        print(f"{name} =\n{value}\n")
    Z, dL_dY = batch_example()
    dL_dZ = relu_backward(dL_dY, Z)
    print(f"Dead units: a batch of {Z.shape[0]} samples, {Z.shape[1]} units\n")
    for name, value in [("Z = XW + b", Z), ("dL/dY", dL_dY), ("dL/dZ", dL_dZ),
                        ("dL/db = the sum of dL/dZ over the batch", dL_dZ.sum(axis=0))]:
        print(f"{name} =\n{value}\n")
    print("units whose input is <= 0 for every sample (no gradient, nothing learned):", dead_units(Z))
