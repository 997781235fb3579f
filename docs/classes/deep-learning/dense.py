"""The dense (fully connected) layer, in numpy, with PyTorch's conventions (nn.Linear, F.linear).

Every output is a weighted sum of every input, plus a bias. W holds one row of weights
per output: W is (out, in), as in PyTorch (other texts, and Keras, store its transpose,
(in, out), and write y = x W + b).

    one sample  x (in,)      y = W x + b                    y[j] = sum_k W[j, k] x[k] + b[j]
    a batch     X (N, in)    Y = X Wᵀ + b   (N, out)        Y[n, j] = sum_k X[n, k] W[j, k] + b[j]

    backward    dL/dX = dL/dY W          (each sample: dL/dx = Wᵀ dL/dy)     (N, in)
                dL/dW = dL/dYᵀ X         (the outer products dL/dy xᵀ, summed over the batch)   (out, in)
                dL/db = dL/dY summed over the batch (its rows added up)      (out,)

A weight is used once per sample: its gradients from the samples of a batch add up (+=).

Shapes: X (N, in), W (out, in), b (out,), Y and dL/dY (N, out), dL/dX (N, in).

Run it (`python dense.py`) to print the worked example: numpy is all it needs.
"""

import numpy as np

# The worked example of the lesson. This is the one place where it is written: the page
# computes every number it shows from these values (any sizes: W has one row per output
# and one column per feature of X; b one entry per output; dL/dY one row per sample of X
# and one column per output). The page's one-sample example is the first row of X.
EXAMPLE_X = [[1, -2, 3],
             [0.5, 4, -1]]
EXAMPLE_W = [[2, 0, -1],
             [1, -3, 0.5]]
EXAMPLE_B = [1, -2]
EXAMPLE_DL_DY = [[1, -1],
                 [2, 0.5]]


class InputError(ValueError):
    """A ValueError about one argument, which `argument` names (the page's number editor
    shows the message next to that argument's field)."""

    def __init__(self, argument, message):
        super().__init__(message)
        self.argument = argument


def check_shapes(X, W, b):
    """W must have one column per feature of X, and b one entry per row of W."""
    if X.ndim != 2:
        raise InputError("X", f"X must be a batch, one sample per row (N, in), but it has shape {X.shape}")
    if W.ndim != 2 or W.shape[1] != X.shape[1]:
        raise InputError("W", f"W must have one row per output and one column per feature of X ({X.shape[1]}), "
                              f"but it has shape {W.shape}")
    if b.shape != (W.shape[0],):
        raise InputError("b", f"b must have one entry per output, {W.shape[0]} (the rows of W), "
                              f"but it has shape {b.shape}")


def check_upstream(dL_dY, shape):
    """dL/dY has one entry per output of each sample: the shape of Y."""
    if dL_dY.shape != shape:
        raise InputError("dL_dY", f"dL/dY must have the shape of the output Y, {shape} (samples × outputs), "
                                  f"but it has shape {dL_dY.shape}")


def dense_forward(X, W, b):
    """Y[n, j] = sum_k X[n, k] W[j, k] + b[j]: Y = X Wᵀ + b.

    X (N, in), W (out, in), b (out,) -> Y (N, out)."""
    X, W, b = (np.asarray(v, dtype=float) for v in (X, W, b))
    check_shapes(X, W, b)
    N, out = X.shape[0], W.shape[0]
    Y = np.zeros((N, out))
    for n in range(N):
        for j in range(out):
            Y[n, j] = b[j]
            for k in range(X.shape[1]):
                Y[n, j] += W[j, k] * X[n, k]
    return Y


def dense_backward(dL_dY, X, W):
    """dL/dX = dL/dY W, dL/dW = dL/dYᵀ X, dL/db = the rows of dL/dY added up.

    dL_dY (N, out), X (N, in), W (out, in) -> dL/dX (N, in), dL/dW (out, in), dL/db (out,)."""
    dL_dY, X, W = (np.asarray(v, dtype=float) for v in (dL_dY, X, W))
    check_shapes(X, W, np.zeros(W.shape[0]) if W.ndim == 2 else np.zeros(0))
    check_upstream(dL_dY, (X.shape[0], W.shape[0]))
    dL_dX, dL_dW, dL_db = np.zeros_like(X), np.zeros_like(W), np.zeros(W.shape[0])
    for n in range(X.shape[0]):
        for j in range(W.shape[0]):
            dL_db[j] += dL_dY[n, j]  # += : every sample adds to the same bias
            for k in range(X.shape[1]):
                dL_dX[n, k] += dL_dY[n, j] * W[j, k]  # x[k] feeds every output j
                dL_dW[j, k] += dL_dY[n, j] * X[n, k]  # += : every sample adds to the same weight
    return dL_dX, dL_dW, dL_db


def worked_example():
    """The lesson's example as arrays: X (N, in), W (out, in), b (out,), dL/dY (N, out)."""
    return tuple(np.array(v, dtype=float) for v in (EXAMPLE_X, EXAMPLE_W, EXAMPLE_B, EXAMPLE_DL_DY))


if __name__ == "__main__":
    X, W, b, dL_dY = worked_example()
    dL_dX, dL_dW, dL_db = dense_backward(dL_dY, X, W)
    print("One sample, x = the first row of X:\n")
    for label, value in [("x", X[0]), ("y = W x + b", dense_forward(X[:1], W, b)[0])]:
        print(f"{label} =\n{value}\n")
    print(f"A batch of {X.shape[0]} samples:\n")
    for label, value in [("X", X), ("W", W), ("b", b), ("Y = X Wᵀ + b", dense_forward(X, W, b)),
                         ("dL/dY", dL_dY), ("dL/dX = dL/dY W", dL_dX), ("dL/dW = dL/dYᵀ X", dL_dW),
                         ("dL/db", dL_db)]:
        print(f"{label} =\n{value}\n")
