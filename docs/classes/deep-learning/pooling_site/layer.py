"""The full pooling layer: a batch of multi-channel images, each channel pooled on its own,
with a window, a stride and padding; max and average pooling, forward and backward, in numpy.

    max      Y[n, c, i, j] = max_{m < KH, k < KW} Xp[n, c, s_h*i + m, s_w*j + k]
    average  Y[n, c, i, j] = (1 / (KH KW)) sum_{m, k} Xp[n, c, s_h*i + m, s_w*j + k]

where Xp is X padded with p entries around each image: −∞ for max pooling (padding is
never a maximum), 0 for average pooling (padding counts in the mean, as PyTorch counts it
by default). As in PyTorch, the stride is the window unless given, and the padding is at
most half the window. Shapes:
    X (N, C, H, W), Y (N, C, H_out, W_out), H_out = (H + 2 p_h - KH) // s_h + 1 (and W_out).

Backward: each dL/dY[n, c, i, j] goes to the first maximum of its window in reading order
(max; the choice PyTorch makes) or, divided by KH KW, to every entry of its window
(average); where windows overlap, what a position receives adds up.

Two versions with one interface: `max_pool2d_forward` and the others, vectorized (every
window at once, a view of X), and `..._naive`, loops that mirror the formulas. The tests
check each against the other and against PyTorch.
"""

import numpy as np

from coursekit.page.values import as_array, as_pair, as_whole, check_padded_size


def output_size(size, window, stride, padding):
    """(size + 2 padding - window) // stride + 1: window positions along one axis (0 or
    less: the window is larger than the padded input)."""
    size, window = as_whole("size", size, 1), as_whole("window", window, 1)
    stride, padding = as_whole("stride", stride, 1), as_whole("padding", padding, 0)
    return (size + 2 * padding - window) // stride + 1


def output_shape(X, window, stride, padding):
    """(H_out, W_out): output_size along each axis, for X (N, C, H, W) (window, stride, padding as pairs)."""
    return tuple(output_size(X.shape[2 + a], window[a], stride[a], padding[a]) for a in (0, 1))


def check_layer(X, window, stride, padding):
    """X as floating point, and (window, stride, padding) as pairs; or a ValueError naming the problem."""
    X = as_array("X", X)
    X = X.astype(np.result_type(X.dtype, np.float32), copy=False)  # floating point, as numpy promotes X's type
    if X.ndim != 4:
        raise ValueError(f"X must have 4 dimensions (N, C, H, W), but it has shape {X.shape}")
    if X.size == 0:
        raise ValueError(f"X must not be empty, but its shape is {X.shape}")
    if not np.all(np.isfinite(X)):  # an input of -inf could tie with the padding
        raise ValueError("X must contain only finite numbers (no NaN or infinity)")
    window = as_pair("window", window, 1)
    stride = window if stride is None else as_pair("stride", stride, 1)
    padding = as_pair("padding", padding, 0)
    for axis, name in enumerate(("height", "width")):
        if padding[axis] > window[axis] // 2:
            raise ValueError(f"the padding must be at most half the window, {window[axis] // 2} along its {name}, "
                             f"not {padding[axis]}")
        if window[axis] > X.shape[2 + axis] + 2 * padding[axis]:
            raise ValueError(f"the window's {name}, {window[axis]}, is larger than the padded input's, "
                             f"{X.shape[2 + axis] + 2 * padding[axis]}")
    check_padded_size(X, padding)
    return X, window, stride, padding


def check_upstream(dL_dY, X, window, stride, padding):
    """dL/dY as an array, which must have the shape of Y, (N, C, H_out, W_out); or a ValueError."""
    dL_dY = as_array("dL_dY", dL_dY)
    expected = (*X.shape[:2], *output_shape(X, window, stride, padding))
    if dL_dY.shape != expected:
        raise ValueError(f"dL_dY must have the shape of Y, {expected}, but it has shape {dL_dY.shape}")
    return dL_dY


def pad(X, padding, value):
    """X with padding[0] rows and padding[1] columns of `value` around each image."""
    (ph, pw) = padding
    return np.pad(X, ((0, 0), (0, 0), (ph, ph), (pw, pw)), constant_values=value)


def crop(Xp, padding):
    """The way back from `pad`."""
    (ph, pw) = padding
    return Xp[:, :, ph:Xp.shape[2] - ph, pw:Xp.shape[3] - pw]


def windows(Xp, window, stride, out):
    """Every window of the padded input, without a copy: shape (N, C, H_out, W_out, KH, KW)."""
    every = np.lib.stride_tricks.sliding_window_view(Xp, window, axis=(2, 3))
    return every[:, :, ::stride[0], ::stride[1]][:, :, :out[0], :out[1]]


def max_pool2d_forward(X, window, stride=None, padding=0):
    """Y = the largest entry of every window, all windows at once.

    X (N, C, H, W) -> Y (N, C, H_out, W_out)."""
    X, window, stride, padding = check_layer(X, window, stride, padding)
    return windows(pad(X, padding, -np.inf), window, stride, output_shape(X, window, stride, padding)).max(axis=(4, 5))


def max_pool2d_backward(dL_dY, X, window, stride=None, padding=0):
    """dL/dX: every dL_dY[n, c, i, j] added at its window's first maximum, all at once.

    dL_dY (N, C, H_out, W_out), X (N, C, H, W) -> dL_dX (N, C, H, W)."""
    X, window, stride, padding = check_layer(X, window, stride, padding)
    dL_dY = check_upstream(dL_dY, X, window, stride, padding)
    Xp, out = pad(X, padding, -np.inf), output_shape(X, window, stride, padding)
    N, C, Hp, Wp = Xp.shape
    first = windows(Xp, window, stride, out).reshape(N, C, *out, -1).argmax(axis=4)  # the first maximum
    m, k = np.divmod(first, window[1])
    rows = stride[0] * np.arange(out[0])[:, None] + m  # where it is in Xp, (N, C, H_out, W_out)
    cols = stride[1] * np.arange(out[1])[None, :] + k
    images = np.arange(N * C).reshape(N, C, 1, 1)
    at = (images * Hp + rows) * Wp + cols
    dL_dXp = np.bincount(at.ravel(), weights=dL_dY.ravel(), minlength=Xp.size)  # adds where windows share a maximum
    return crop(dL_dXp.reshape(Xp.shape), padding).astype(np.result_type(dL_dY, X), copy=False)


def avg_pool2d_forward(X, window, stride=None, padding=0):
    """Y = the mean of every window (padding counting as zeros), all windows at once.

    X (N, C, H, W) -> Y (N, C, H_out, W_out)."""
    X, window, stride, padding = check_layer(X, window, stride, padding)
    return windows(pad(X, padding, 0), window, stride, output_shape(X, window, stride, padding)).mean(axis=(4, 5))


def avg_pool2d_backward(dL_dY, X, window, stride=None, padding=0):
    """dL/dX: every dL_dY[n, c, i, j] / (KH KW) added to every entry of its window, one
    window entry (m, k) at a time for all windows.

    dL_dY (N, C, H_out, W_out), X (N, C, H, W) -> dL_dX (N, C, H, W)."""
    X, window, stride, padding = check_layer(X, window, stride, padding)
    dL_dY = check_upstream(dL_dY, X, window, stride, padding)
    out = output_shape(X, window, stride, padding)
    dL_dXp = np.zeros((*X.shape[:2], X.shape[2] + 2 * padding[0], X.shape[3] + 2 * padding[1]),
                      dtype=np.result_type(dL_dY, X))
    share = dL_dY / (window[0] * window[1])
    for m in range(window[0]):
        for k in range(window[1]):
            dL_dXp[:, :, m:m + stride[0] * (out[0] - 1) + 1:stride[0], k:k + stride[1] * (out[1] - 1) + 1:stride[1]] += share
    return crop(dL_dXp, padding)


def max_pool2d_forward_naive(X, window, stride=None, padding=0):
    """The formula, loop by loop."""
    X, window, stride, padding = check_layer(X, window, stride, padding)
    Xp, (H_out, W_out) = pad(X, padding, -np.inf), output_shape(X, window, stride, padding)
    Y = np.zeros((*X.shape[:2], H_out, W_out), dtype=X.dtype)
    for n, c, i, j in np.ndindex(Y.shape):
        Y[n, c, i, j] = np.max(Xp[n, c, stride[0] * i:stride[0] * i + window[0],
                                  stride[1] * j:stride[1] * j + window[1]])
    return Y


def max_pool2d_backward_naive(dL_dY, X, window, stride=None, padding=0):
    """The chain rule, loop by loop: dL_dY[n, c, i, j] goes to the first entry of its window,
    in reading order, that no later one exceeds (a strict > keeps the first of equals)."""
    X, window, stride, padding = check_layer(X, window, stride, padding)
    dL_dY = check_upstream(dL_dY, X, window, stride, padding)
    Xp = pad(X, padding, -np.inf)
    dL_dXp = np.zeros(Xp.shape, dtype=np.result_type(dL_dY, X))
    for n, c, i, j in np.ndindex(dL_dY.shape):
        best, where = -np.inf, None
        for m in range(window[0]):
            for k in range(window[1]):
                value = Xp[n, c, stride[0] * i + m, stride[1] * j + k]
                if where is None or value > best:
                    best, where = value, (stride[0] * i + m, stride[1] * j + k)
        dL_dXp[n, c, where[0], where[1]] += dL_dY[n, c, i, j]
    return crop(dL_dXp, padding)


def avg_pool2d_forward_naive(X, window, stride=None, padding=0):
    """The formula, loop by loop."""
    X, window, stride, padding = check_layer(X, window, stride, padding)
    Xp, (H_out, W_out) = pad(X, padding, 0), output_shape(X, window, stride, padding)
    Y = np.zeros((*X.shape[:2], H_out, W_out), dtype=X.dtype)
    for n, c, i, j in np.ndindex(Y.shape):
        Y[n, c, i, j] = np.mean(Xp[n, c, stride[0] * i:stride[0] * i + window[0],
                                   stride[1] * j:stride[1] * j + window[1]])
    return Y


def avg_pool2d_backward_naive(dL_dY, X, window, stride=None, padding=0):
    """The chain rule, loop by loop: dL_dY[n, c, i, j] / (KH KW) into every entry of its window."""
    X, window, stride, padding = check_layer(X, window, stride, padding)
    dL_dY = check_upstream(dL_dY, X, window, stride, padding)
    dL_dXp = np.zeros(pad(X, padding, 0).shape, dtype=np.result_type(dL_dY, X))
    for n, c, i, j in np.ndindex(dL_dY.shape):
        dL_dXp[n, c, stride[0] * i:stride[0] * i + window[0],
               stride[1] * j:stride[1] * j + window[1]] += dL_dY[n, c, i, j] / (window[0] * window[1])
    return crop(dL_dXp, padding)
