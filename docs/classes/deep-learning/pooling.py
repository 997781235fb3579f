"""Max pooling and average pooling of one channel, in numpy.

A window of k×k entries slides over the input X, s places at a time; each output is the
largest entry of its window (max pooling) or their mean (average pooling). Pooling learns
nothing: it has no weights and no bias.

    forward    max      Y[i, j] = max_{m,n < k} X[s*i+m, s*j+n]
               average  Y[i, j] = (1 / k²) sum_{m,n < k} X[s*i+m, s*j+n]
    backward   max      dL/dY[i, j] goes, all of it, to the position of its window's
                        maximum; the other entries of the window get nothing from it.
                        Ties: the first maximum in reading order gets it, as in PyTorch.
               average  dL/dY[i, j] / k² goes to every entry of its window.
               Where windows overlap (s < k), what a position receives adds up.

Shapes: X (H, W), Y and dL/dY ((H - k) // s + 1, (W - k) // s + 1), dL/dX (H, W).

Run it (`python pooling.py`) to print the lesson's examples: numpy is all it needs.
"""

import numpy as np

# The worked example of the lesson. This is the one place where it is written: the page
# computes every matrix, expansion and walkthrough it shows from these values (any sizes:
# the window must fit inside X; dL/dY must have the shape of Y).
EXAMPLE_X = [[1, 3, 2, 1],
             [6, 2, 0, 4],
             [5, 7, 8, 8],
             [1, 0, 3, 2]]
EXAMPLE_WINDOW = 2
EXAMPLE_STRIDE = 2
EXAMPLE_DL_DY = [[0.5, -1],
                 [2, 1.5]]

# Overlapping windows (a stride smaller than the window): one position can be the
# maximum of several windows, and what it receives from them adds up.
OVERLAP_X = [[1, 2, 0],
             [3, 5, 1],
             [0, 4, 6]]
OVERLAP_WINDOW = 2
OVERLAP_STRIDE = 1
OVERLAP_DL_DY = [[1, -2],
                 [0.5, 3]]


class InputError(ValueError):
    """A ValueError about one argument, which `argument` names (the page's number editor
    shows the message next to that argument's field)."""

    def __init__(self, argument, message):
        super().__init__(message)
        self.argument = argument


def output_shape(input_shape, window, stride):
    """((H - k) // s + 1, (W - k) // s + 1): the positions where the window fits, every s-th one."""
    (H, W) = input_shape
    return (H - window) // stride + 1, (W - window) // stride + 1


def check_window_fits(X, window):
    """A window larger than the input has nowhere to go."""
    if window > min(X.shape):
        raise InputError("window", f"the window {window}×{window} is larger than the input X {X.shape}: "
                                   f"it must fit inside it")


def check_upstream(dL_dY, shape):
    """dL/dY has one entry per output: the shape of Y."""
    if dL_dY.shape != shape:
        raise InputError("dL_dY", f"dL/dY must have the shape of the output Y, {shape}, but it has shape {dL_dY.shape}")


def window_at(A, i, j, window, stride):
    """The patch of A that makes output (i, j), a k×k window (k = `window`): rows s*i to
    s*i + k - 1, columns s*j to s*j + k - 1."""
    return A[stride * i:stride * i + window, stride * j:stride * j + window]


def max_position(X, i, j, window, stride):
    """Where window (i, j) has its maximum, as (row, column) of X. If several entries tie,
    the first in reading order (np.argmax takes the first, as PyTorch does)."""
    m, n = divmod(int(np.argmax(window_at(X, i, j, window, stride))), window)
    return stride * i + m, stride * j + n


def max_pool_forward(X, window, stride):
    """Y[i, j] = the largest entry of window (i, j).

    X (H, W) -> Y ((H - k) // s + 1, (W - k) // s + 1)."""
    X = np.asarray(X, dtype=float)
    check_window_fits(X, window)
    Y = np.zeros(output_shape(X.shape, window, stride))
    for i, j in np.ndindex(Y.shape):
        Y[i, j] = np.max(window_at(X, i, j, window, stride))
    return Y


def max_pool_backward(dL_dY, X, window, stride):
    """dL/dX: each dL/dY[i, j] goes to the position of window (i, j)'s maximum.

    dL_dY ((H - k) // s + 1, (W - k) // s + 1), X (H, W) -> dL/dX (H, W)."""
    X, dL_dY = np.asarray(X, dtype=float), np.asarray(dL_dY, dtype=float)
    check_window_fits(X, window)
    check_upstream(dL_dY, output_shape(X.shape, window, stride))
    dL_dX = np.zeros_like(X)
    for i, j in np.ndindex(dL_dY.shape):
        p, q = max_position(X, i, j, window, stride)
        dL_dX[p, q] += dL_dY[i, j]  # += : overlapping windows may share their maximum
    return dL_dX


def avg_pool_forward(X, window, stride):
    """Y[i, j] = the mean of window (i, j).

    X (H, W) -> Y ((H - k) // s + 1, (W - k) // s + 1)."""
    X = np.asarray(X, dtype=float)
    check_window_fits(X, window)
    Y = np.zeros(output_shape(X.shape, window, stride))
    for i, j in np.ndindex(Y.shape):
        Y[i, j] = np.mean(window_at(X, i, j, window, stride))
    return Y


def avg_pool_backward(dL_dY, X, window, stride):
    """dL/dX: each dL/dY[i, j], divided by k², goes to every entry of window (i, j).

    dL_dY ((H - k) // s + 1, (W - k) // s + 1), X (H, W) -> dL/dX (H, W)."""
    X, dL_dY = np.asarray(X, dtype=float), np.asarray(dL_dY, dtype=float)
    check_window_fits(X, window)
    check_upstream(dL_dY, output_shape(X.shape, window, stride))
    dL_dX = np.zeros_like(X)
    for i, j in np.ndindex(dL_dY.shape):
        window_at(dL_dX, i, j, window, stride)[...] += dL_dY[i, j] / window ** 2  # += : windows may overlap
    return dL_dX


def worked_example():
    """The lesson's example: X, window, stride, dL/dY."""
    return np.array(EXAMPLE_X, dtype=float), EXAMPLE_WINDOW, EXAMPLE_STRIDE, np.array(EXAMPLE_DL_DY, dtype=float)


def overlap_example():
    """The example of overlapping windows: X, window, stride, dL/dY."""
    return np.array(OVERLAP_X, dtype=float), OVERLAP_WINDOW, OVERLAP_STRIDE, np.array(OVERLAP_DL_DY, dtype=float)


if __name__ == "__main__":
    for title, (X, window, stride, dL_dY) in [("The worked example", worked_example()),
                                               ("Overlapping windows", overlap_example())]:
        print(f"{title}: window {window}×{window}, stride {stride}\n")
        for name, value in [("X", X), ("max pooling: Y", max_pool_forward(X, window, stride)),
                            ("dL/dY", dL_dY), ("max pooling: dL/dX", max_pool_backward(dL_dY, X, window, stride)),
                            ("average pooling: Y", avg_pool_forward(X, window, stride)),
                            ("average pooling: dL/dX", avg_pool_backward(dL_dY, X, window, stride))]:
            print(f"{name} =\n{value}\n")
