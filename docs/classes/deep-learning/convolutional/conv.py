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

Run it (`python conv.py`) to print the worked example of the lesson.
"""

import numpy as np

# The worked example of the lesson. This is the one place where it is written: the page
# computes every matrix, expansion and walkthrough it shows from these values (any sizes:
# K must fit inside X, dL/dY must have the shape of Y). Stride 1, no padding: the
# formulas of the page are written for that case; the full layer (layer.py) does the rest.
EXAMPLE_X = [[1, 2, 3],
             [4, 5, 6],
             [7, 8, 9]]
EXAMPLE_K = [[1, 0],
             [-1, 1]]
EXAMPLE_B = 1
EXAMPLE_DL_DY = [[0.5, -0.5],
                 [1, 0]]

# The walkthrough of channels and filters (computed by layer.py): an input of C channels,
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


LARGEST_NUMBER = 1e150
"""The largest size of a number these functions take: the product of two stays finite in
float64 (which ends near 1.8e308), and so do the sums the page shows."""
LARGEST_PADDING = 100
"""More zeros around X than any example needs: beyond the kernel's size they only add
outputs equal to b, and a padding of 10**5 would fill the memory with zeros."""


class InputError(ValueError):
    """A ValueError about one argument, which `argument` names (the page's number editor
    shows the message next to that argument's field)."""

    def __init__(self, argument, message):
        super().__init__(message)
        self.argument = argument


def as_matrix(argument, A, name=None):
    """A as a 2-D float64 array, or an InputError that names the problem (`name`: how the
    message calls the argument, by default by its name)."""
    name = name or argument
    try:
        A = np.array(A, dtype=np.float64)
    except OverflowError:  # a whole number too large for float64
        raise InputError(argument, f"{name} must contain numbers at most {LARGEST_NUMBER:g} in size") from None
    except (TypeError, ValueError):
        raise InputError(argument, f"{name} must be a matrix of numbers, with the same number "
                                   f"of entries in every row") from None
    if A.ndim != 2:
        raise InputError(argument, f"{name} must be a 2-D array (a matrix), but it has "
                                   f"{A.ndim} dimension(s), shape {A.shape}")
    if A.size == 0:
        raise InputError(argument, f"{name} must not be empty, but its shape is {A.shape}")
    if not np.all(np.isfinite(A)):
        raise InputError(argument, f"{name} must contain only finite numbers (no NaN or infinity)")
    if np.max(np.abs(A)) > LARGEST_NUMBER:
        raise InputError(argument, f"{name} must contain numbers at most {LARGEST_NUMBER:g} in size")
    return A


def as_number(argument, b):
    """b as a float, or an InputError: one kernel has one bias."""
    try:
        shape = np.shape(b)
    except ValueError:  # lists of unequal lengths
        shape = "of lists of unequal lengths"
    if shape != ():
        raise InputError(argument, f"{argument} must be a single number (one kernel has one bias), "
                                   f"but it has shape {shape}")
    if isinstance(b, (bool, np.bool_)):
        raise InputError(argument, f"{argument} must be a number, not {b!r}")
    try:
        number = float(b)
    except OverflowError:  # a whole number beyond float64
        raise InputError(argument, f"{argument} must be a number at most {LARGEST_NUMBER:g} in size") from None
    except (TypeError, ValueError):
        raise InputError(argument, f"{argument} must be a number, not {b!r}") from None
    if not np.isfinite(number):
        raise InputError(argument, f"{argument} must be a finite number, not {number}")
    if abs(number) > LARGEST_NUMBER:
        raise InputError(argument, f"{argument} must be a number at most {LARGEST_NUMBER:g} in size, not {number:g}")
    return number


def as_count(argument, value, smallest, largest=None):
    """A whole number from `smallest` to `largest` (a stride, a padding), or an InputError."""
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        number = None
    if isinstance(value, (bool, np.bool_)) or number is None or not number.is_integer() or number < smallest:
        raise InputError(argument, f"the {argument} must be a whole number, at least {smallest}, not {value!r}")
    if largest is not None and number > largest:
        raise InputError(argument, f"the {argument} must be at most {largest}, not {value!r}")
    return int(number)


def output_shape(input_shape, kernel_shape, stride=1):
    """((H - kH) // s + 1, (W - kW) // s + 1): the positions where the kernel fits inside
    the input, every s-th one (s = 1: H - kH + 1 by W - kW + 1)."""
    (H, W), (kH, kW), stride = input_shape, kernel_shape, as_count("stride", stride, 1)
    return (H - kH) // stride + 1, (W - kW) // stride + 1


def check_kernel_fits(X, K, padding=0):
    """A kernel larger than the input padded with `padding` zeros has nowhere to go."""
    padded = (X.shape[0] + 2 * padding, X.shape[1] + 2 * padding)
    if K.shape[0] > padded[0] or K.shape[1] > padded[1]:
        where = f"the input X padded with {padding} zeros, {padded}" if padding else f"the input X {X.shape}"
        raise InputError("K", f"the kernel K {K.shape} is larger than {where}: it must fit inside it")


def window(A, i, j, shape):
    """The patch of A under a kernel of the given shape whose top-left corner is at (i, j)."""
    kH, kW = shape
    return A[i:i + kH, j:j + kW]


def cross_correlate(A, B, stride=1):
    """C[i, j] = sum_{m,n} A[s*i+m, s*j+n] B[m, n]: B slides over A, unflipped, staying
    inside A, s places at a time.

    A (H, W), B (kH, kW) -> C ((H - kH) // s + 1, (W - kW) // s + 1).
    """
    C = np.zeros(output_shape(A.shape, B.shape, stride))
    for i in range(C.shape[0]):
        for j in range(C.shape[1]):
            C[i, j] = np.sum(window(A, i * stride, j * stride, B.shape) * B)
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
    X, K, b = as_matrix("X", X), as_matrix("K", K), as_number("b", b)
    stride, padding = as_count("stride", stride, 1), as_count("padding", padding, 0, LARGEST_PADDING)
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
    X, K = as_matrix("X", X), as_matrix("K", K)
    dL_dY = as_matrix("dL_dY", dL_dY, "dL/dY")
    check_kernel_fits(X, K)
    if dL_dY.shape != output_shape(X.shape, K.shape):
        raise InputError("dL_dY", f"dL/dY must have the shape of the output Y, "
                                  f"{output_shape(X.shape, K.shape)}, but it has shape {dL_dY.shape}")
    return grad_input(dL_dY, K), grad_kernel(X, dL_dY), grad_bias(dL_dY)


def worked_example():
    """The lesson's example as arrays: X, K, b, dL/dY."""
    return (as_matrix("X", EXAMPLE_X), as_matrix("K", EXAMPLE_K),
            as_number("b", EXAMPLE_B), as_matrix("dL_dY", EXAMPLE_DL_DY, "dL/dY"))


if __name__ == "__main__":
    X, K, b, dL_dY = worked_example()
    Y = conv_forward(X, K, b)
    dL_dX, dL_dK, dL_db = conv_backward(dL_dY, X, K)
    for name, value in [("X", X), ("K", K), ("b", b), ("Y", Y), ("dL/dY", dL_dY),
                        ("dL/dX", dL_dX), ("dL/dK", dL_dK), ("dL/db", dL_db)]:
        print(f"{name} =\n{value}\n")
