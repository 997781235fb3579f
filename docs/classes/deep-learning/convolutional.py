"""A convolutional layer with one input channel and one kernel, in numpy.

Deep-learning "convolution" is cross-correlation: the kernel slides over the
input as it is, without being flipped. Stride 1 and no padding, as on the page
(the forward pass also takes a stride s and a zero padding p, for the walkthrough).

    forward    Y[i, j]     = sum_{m,n} X[i+m, j+n] K[m, n] + b
               (with s, p: X padded with p zeros, Y[i, j] = sum X[s*i+m, s*j+n] K[m, n] + b)
    backward   dL/dX       = dL/dY padded with kH-1, kW-1 zeros, cross-correlated
                             with K rotated by 180 degrees
                             (the "full" true convolution of dL/dY with K)
               dL/dK[m, n] = sum_{i,j} X[i+m, j+n] dL/dY[i, j]
                             (X cross-correlated with dL/dY)
               dL/db       = sum_{i,j} dL/dY[i, j]

Shapes: X (H, W), K (kH, kW), b a number,
        Y and dL/dY (H - kH + 1, W - kW + 1), dL/dX (H, W), dL/dK (kH, kW);
        with s, p: Y ((H + 2p - kH) // s + 1, (W + 2p - kW) // s + 1).

Run it (`python convolutional.py`) to print the worked example of the lesson: numpy is
all it needs.
"""

import numpy as np

# The worked example of the lesson. This is the one place where it is written: the page
# computes every matrix, expansion and walkthrough it shows from these values (any sizes:
# K must fit inside X, dL/dY must have the shape of Y). Stride 1, no padding: the
# formulas of the page are written for that case; the full layer (convolutional_site/layer.py)
# does the rest.
EXAMPLE_X = [[1, 2, 3],
             [4, 5, 6],
             [7, 8, 9]]
EXAMPLE_K = [[1, 0],
             [-1, 1]]
EXAMPLE_B = 1
EXAMPLE_DL_DY = [[0.5, -0.5],
                 [1, 0]]

# The walkthrough of channels and filters (computed by convolutional_site/layer.py): an input of C channels,
# shape (C, H, W), and F filters of one kernel per channel, shape (F, C, kH, kW), with one
# bias each, shape (F,).
CHANNELS_X = [[[1, 0, 2],
               [3, 1, 0],
               [0, 2, 1]],
              [[2, 1, 0],
               [0, 1, 3],
               [1, 0, 2]]]
CHANNELS_W = [[[[1, 0], [0, -1]],
               [[0, 1], [1, 0]]],
              [[[1, 1], [0, 0]],
               [[-1, 0], [0, 2]]]]
CHANNELS_B = [1, -1]


class InputError(ValueError):
    """A ValueError about one argument, which `argument` names (the page's number editor
    shows the message next to that argument's field)."""

    def __init__(self, argument, message):
        super().__init__(message)
        self.argument = argument


def output_shape(input_shape, kernel_shape, stride=1):
    """((H - kH) // s + 1, (W - kW) // s + 1): the positions where the kernel fits inside
    the input, every s-th one (s = 1: H - kH + 1 by W - kW + 1)."""
    (H, W), (kH, kW) = input_shape, kernel_shape
    return (H - kH) // stride + 1, (W - kW) // stride + 1


def check_kernel_fits(X, K, padding=0):
    """A kernel larger than the input padded with `padding` zeros has nowhere to go."""
    padded = (X.shape[0] + 2 * padding, X.shape[1] + 2 * padding)
    if K.shape[0] > padded[0] or K.shape[1] > padded[1]:
        where = f"the input X padded with {padding} zeros, {padded}" if padding else f"the input X {X.shape}"
        raise InputError("K", f"the kernel K {K.shape} is larger than {where}: it must fit inside it")


def check_upstream(dL_dY, shape):
    """dL/dY has one entry per output: the shape of Y."""
    if dL_dY.shape != shape:
        raise InputError("dL_dY", f"dL/dY must have the shape of the output Y, {shape}, but it has shape {dL_dY.shape}")


def window_at(A, i, j, shape, stride=1):
    """The patch of A that makes output (i, j): the kernel of the given shape (kH, kW) with its
    top-left corner at (s*i, s*j), rows s*i to s*i + kH - 1, columns s*j to s*j + kW - 1."""
    kH, kW = shape
    return A[stride * i:stride * i + kH, stride * j:stride * j + kW]


def cross_correlate(A, B, stride=1):
    """C[i, j] = sum_{m,n} A[s*i+m, s*j+n] B[m, n]: B slides over A, unflipped, staying
    inside A, s places at a time.

    A (H, W), B (kH, kW) -> C ((H - kH) // s + 1, (W - kW) // s + 1).
    """
    C = np.zeros(output_shape(A.shape, B.shape, stride))
    for i in range(C.shape[0]):
        for j in range(C.shape[1]):
            C[i, j] = np.sum(window_at(A, i, j, B.shape, stride) * B)
    return C


def rotate_180(K):
    """K turned upside down and left to right: K[kH-1-m, kW-1-n]."""
    return K[::-1, ::-1]


def pad_with_zeros(A, rows, cols):
    """A with `rows` rows of zeros above and below, `cols` columns of zeros left and right."""
    return np.pad(A, ((rows, rows), (cols, cols)))


def conv_forward(X, K, b, stride=1, padding=0):
    """Y = X (padded with `padding` zeros) cross-correlated with K, `stride` places at a time, plus b.

    X (H, W), K (kH, kW), b a number -> Y ((H + 2p - kH) // s + 1, (W + 2p - kW) // s + 1).
    """
    X, K = np.asarray(X, dtype=float), np.asarray(K, dtype=float)
    check_kernel_fits(X, K, padding)
    return cross_correlate(pad_with_zeros(X, padding, padding), K, stride) + b


def grad_input(dL_dY, K):
    """dL/dX: dL/dY padded with kH-1, kW-1 zeros, cross-correlated with K rotated 180 degrees.

    dL_dY (H - kH + 1, W - kW + 1), K (kH, kW) -> dL/dX (H, W).
    """
    kH, kW = K.shape
    return cross_correlate(pad_with_zeros(dL_dY, kH - 1, kW - 1), rotate_180(K))


def grad_kernel(X, dL_dY):
    """dL/dK[m, n] = sum_{i,j} X[i+m, j+n] dL/dY[i, j]: X cross-correlated with dL/dY.

    X (H, W), dL_dY (H - kH + 1, W - kW + 1) -> dL/dK (kH, kW).
    """
    return cross_correlate(X, dL_dY)


def grad_bias(dL_dY):
    """dL/db = sum_{i,j} dL/dY[i, j]: b was added to every output."""
    return float(np.sum(dL_dY))


def conv_backward(dL_dY, X, K):
    """The gradients of the loss L with respect to the layer's input and parameters.

    dL_dY (H - kH + 1, W - kW + 1), X (H, W), K (kH, kW)
    -> dL/dX (H, W), dL/dK (kH, kW), dL/db a number.
    """
    X, K, dL_dY = (np.asarray(A, dtype=float) for A in (X, K, dL_dY))
    check_kernel_fits(X, K)
    check_upstream(dL_dY, output_shape(X.shape, K.shape))
    return grad_input(dL_dY, K), grad_kernel(X, dL_dY), grad_bias(dL_dY)


def worked_example():
    """The lesson's example as arrays: X, K, b, dL/dY."""
    return (np.array(EXAMPLE_X, dtype=float), np.array(EXAMPLE_K, dtype=float),
            float(EXAMPLE_B), np.array(EXAMPLE_DL_DY, dtype=float))


if __name__ == "__main__":
    X, K, b, dL_dY = worked_example()
    Y = conv_forward(X, K, b)
    dL_dX, dL_dK, dL_db = conv_backward(dL_dY, X, K)
    for name, value in [("X", X), ("K", K), ("b", b), ("Y", Y), ("dL/dY", dL_dY),
                        ("dL/dX", dL_dX), ("dL/dK", dL_dK), ("dL/db", dL_db)]:
        print(f"{name} =\n{value}\n")
