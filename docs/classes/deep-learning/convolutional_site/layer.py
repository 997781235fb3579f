"""The full convolutional layer: a batch of multi-channel images, many filters, stride,
padding and dilation; forward and backward, in numpy.

    Y[n, f, i, j] = b[f] + sum_{c, m, k} Xp[n, c, s_h*i + d_h*m, s_w*j + d_w*k] * W[f, c, m, k]

where Xp is X with p zeros around each image. Shapes:
    X (N, C_in, H, W), W (C_out, C_in, KH, KW), b (C_out,), Y (N, C_out, H_out, W_out),
    H_out = (H + 2 p_h - d_h (KH - 1) - 1) // s_h + 1   (and the same for W_out).

Two versions with one interface: `conv2d_forward` / `conv2d_backward`, vectorized
(every window at once as a column, im2col, then one matrix product), and
`conv2d_forward_naive` / `conv2d_backward_naive`, loops that mirror the formula line by
line. The tests check each against the other and against PyTorch.
"""

import numpy as np

from coursekit.page.values import as_array, as_pair, as_whole, check_padded_size, check_size

def output_size(size, kernel, stride, padding, dilation):
    """(size + 2 padding - dilation (kernel - 1) - 1) // stride + 1: positions along one axis
    (0 or less: the dilated kernel is larger than the padded input)."""
    size, kernel, padding = as_whole("size", size, 1), as_whole("kernel", kernel, 1), as_whole("padding", padding, 0)
    stride, dilation = as_whole("stride", stride, 1), as_whole("dilation", dilation, 1)
    return (size + 2 * padding - dilation * (kernel - 1) - 1) // stride + 1


def output_shape(X, W, stride, padding, dilation):
    """(H_out, W_out): output_size along each axis, for X (N, C_in, H, W) and W (C_out, C_in, KH, KW)
    (stride, padding, dilation as pairs)."""
    return tuple(output_size(X.shape[2 + a], W.shape[2 + a], stride[a], padding[a], dilation[a]) for a in (0, 1))


def check_layer(X, W, b, stride, padding, dilation):
    """Validated arrays and (stride, padding, dilation) pairs, or a ValueError naming the problem."""
    X, W = as_array("X", X), as_array("W", W)
    dtype = np.result_type(X.dtype, W.dtype, np.float32)  # floating point, as numpy promotes X's and W's types
    X, W = X.astype(dtype, copy=False), W.astype(dtype, copy=False)
    if X.ndim != 4:
        raise ValueError(f"X must have 4 dimensions (N, C_in, H, W), but it has shape {X.shape}")
    if W.ndim != 4:
        raise ValueError(f"W must have 4 dimensions (C_out, C_in, KH, KW), but it has shape {W.shape}")
    for name, A in (("X", X), ("W", W)):
        if A.size == 0:
            raise ValueError(f"{name} must not be empty, but its shape is {A.shape}")
    if W.shape[1] != X.shape[1]:
        raise ValueError(f"W has {W.shape[1]} input channels but X has {X.shape[1]} (W {W.shape}, X {X.shape})")
    if b is not None and as_array("b", b).shape != (W.shape[0],):
        raise ValueError(f"b must have shape ({W.shape[0]},), one bias per filter, but it has shape {np.shape(b)}")
    stride, padding, dilation = (as_pair("stride", stride, 1), as_pair("padding", padding, 0),
                                 as_pair("dilation", dilation, 1))
    for axis, name in enumerate(("height", "width")):
        span = dilation[axis] * (W.shape[2 + axis] - 1) + 1
        if span > X.shape[2 + axis] + 2 * padding[axis]:
            raise ValueError(f"the kernel's {name} with dilation, {span}, is larger than the padded input's, "
                             f"{X.shape[2 + axis] + 2 * padding[axis]} (W {W.shape}, dilation {dilation}, "
                             f"X {X.shape}, padding {padding})")
    out = output_shape(X, W, stride, padding, dilation)
    check_padded_size(X, padding)
    check_size(f"the output Y of X {X.shape} and W {W.shape}", (X.shape[0], W.shape[0], *out))
    check_size(f"the columns of one image of X for W {W.shape} (im2col)", (W[0].size, *out))
    return X, W, stride, padding, dilation


def check_upstream(dL_dY, X, W, out):
    """dL/dY as an array, which must have the shape of Y, (N, C_out, H_out, W_out); or a ValueError."""
    dL_dY = as_array("dL_dY", dL_dY)
    expected = (X.shape[0], W.shape[0], *out)
    if dL_dY.shape != expected:
        raise ValueError(f"dL_dY must have the shape of Y, {expected}, but it has shape {dL_dY.shape}")
    return dL_dY


def pad(X, padding):
    """X with padding[0] rows and padding[1] columns of zeros around each image."""
    (ph, pw) = padding
    return np.pad(X, ((0, 0), (0, 0), (ph, ph), (pw, pw)))


def _under_kernel_entry(m, k, stride, dilation, out):
    """The rows and columns of the padded input that kernel entry (m, k) meets, one per output position."""
    (sh, sw), (dh, dw), (H_out, W_out) = stride, dilation, out
    return slice(m * dh, m * dh + sh * (H_out - 1) + 1, sh), slice(k * dw, k * dw + sw * (W_out - 1) + 1, sw)


def im2col(Xp, kernel, stride, dilation, out):
    """Every window of the padded input as a column: shape (C_in * KH * KW, N * H_out * W_out).
    Built one kernel entry at a time, each a strided slice of Xp (KH * KW copies in all),
    from Xp with channels first, so that each slice is copied in the order it is stored.
    It takes what check_layer validated (as col2im does): the layer's functions call it."""
    N, C = Xp.shape[:2]
    by_channel = np.ascontiguousarray(Xp.transpose(1, 0, 2, 3))  # (C_in, N, H, W)
    cols = np.empty((C, *kernel, N, *out), dtype=Xp.dtype)
    for m in range(kernel[0]):
        for k in range(kernel[1]):
            rows, columns = _under_kernel_entry(m, k, stride, dilation, out)
            cols[:, m, k] = by_channel[:, :, rows, columns]
    return cols.reshape(C * kernel[0] * kernel[1], -1)


def col2im(cols, padded_shape, kernel, stride, dilation, out):
    """The way back: add each column into the window it came from (+=, as windows overlap)."""
    N, C = padded_shape[:2]
    cols = cols.reshape(C, *kernel, N, *out)
    by_channel = np.zeros((C, N, *padded_shape[2:]), dtype=cols.dtype)
    for m in range(kernel[0]):
        for k in range(kernel[1]):
            rows, columns = _under_kernel_entry(m, k, stride, dilation, out)
            by_channel[:, :, rows, columns] += cols[:, m, k]
    return by_channel.transpose(1, 0, 2, 3)


CHUNK_BYTES = 1 << 20
"""im2col takes a few images at a time, about this many bytes of columns: they then stay
in the processor's cache between being built and being multiplied (measured here: 1.5×
faster on 64×64 images than all images at once)."""


def image_chunks(X, W, out):
    """Slices of the batch, each a few images whose columns take about CHUNK_BYTES."""
    per_image = W[0].size * out[0] * out[1] * X.itemsize
    size = max(1, CHUNK_BYTES // per_image)
    return [slice(start, start + size) for start in range(0, X.shape[0], size)]


def conv2d_forward(X, W, b, stride=1, padding=0, dilation=1):
    """Y = b + W * X for every window, all windows at once: im2col, then one matrix product
    (a few images at a time).

    X (N, C_in, H, W), W (C_out, C_in, KH, KW), b (C_out,) -> Y (N, C_out, H_out, W_out).
    """
    X, W, stride, padding, dilation = check_layer(X, W, b, stride, padding, dilation)
    out = output_shape(X, W, stride, padding, dilation)
    Xp, W_rows = pad(X, padding), W.reshape(W.shape[0], -1)
    bias = as_array("b", b).astype(X.dtype)[:, None]
    Y = np.empty((X.shape[0], W.shape[0], *out), dtype=X.dtype)
    for images in image_chunks(X, W, out):
        cols = im2col(Xp[images], W.shape[2:], stride, dilation, out)
        outputs = W_rows @ cols  # (C_out, images * H_out * W_out)
        outputs += bias
        Y[images] = outputs.reshape(W.shape[0], -1, *out).transpose(1, 0, 2, 3)
    return Y


def conv2d_backward(dL_dY, X, W, stride=1, padding=0, dilation=1):
    """dL/dX, dL/dW, dL/db from dL/dY, all windows at once (a few images at a time).

    dL_dY (N, C_out, H_out, W_out), X (N, C_in, H, W), W (C_out, C_in, KH, KW)
    -> dL_dX (N, C_in, H, W), dL_dW (C_out, C_in, KH, KW), dL_db (C_out,).
    dL/dX is a transposed convolution of dL/dY: each dL_dY[n, f, i, j] sends W[f] back to its window.
    """
    X, W, stride, padding, dilation = check_layer(X, W, None, stride, padding, dilation)
    out = output_shape(X, W, stride, padding, dilation)
    dL_dY = check_upstream(dL_dY, X, W, out)
    Xp, W_rows = pad(X, padding), W.reshape(W.shape[0], -1)
    dtype = np.result_type(dL_dY, X)
    dL_dXp, dL_dW_rows = np.empty(Xp.shape, dtype=dtype), np.zeros(W_rows.shape, dtype=dtype)
    for images in image_chunks(X, W, out):
        cols = im2col(Xp[images], W.shape[2:], stride, dilation, out)
        dL_dY_rows = dL_dY[images].transpose(1, 0, 2, 3).reshape(W.shape[0], -1)  # (C_out, images * H_out * W_out)
        dL_dW_rows += dL_dY_rows @ cols.T
        dL_dXp[images] = col2im(W_rows.T @ dL_dY_rows, Xp[images].shape, W.shape[2:], stride, dilation, out)
    (ph, pw) = padding
    return (dL_dXp[:, :, ph:Xp.shape[2] - ph, pw:Xp.shape[3] - pw], dL_dW_rows.reshape(W.shape),
            dL_dY.sum(axis=(0, 2, 3)))


def conv2d_forward_naive(X, W, b, stride=1, padding=0, dilation=1):
    """The formula, loop by loop: Y[n, f, i, j] = b[f] + sum over c, m, k."""
    X, W, stride, padding, dilation = check_layer(X, W, b, stride, padding, dilation)
    (H_out, W_out), (sh, sw), (dh, dw) = output_shape(X, W, stride, padding, dilation), stride, dilation
    Xp = pad(X, padding)
    C_out, _, KH, KW = W.shape
    Y = np.zeros((X.shape[0], C_out, H_out, W_out), dtype=np.result_type(X, W))
    for n in range(X.shape[0]):
        for f in range(C_out):
            for i in range(H_out):
                for j in range(W_out):
                    window = Xp[n, :, sh * i:sh * i + dh * (KH - 1) + 1:dh, sw * j:sw * j + dw * (KW - 1) + 1:dw]
                    Y[n, f, i, j] = b[f] + np.sum(window * W[f])
    return Y


def conv2d_backward_naive(dL_dY, X, W, stride=1, padding=0, dilation=1):
    """The chain rule, loop by loop: each dL_dY[n, f, i, j] adds into dL_db[f], into dL_dW[f] (times
    its window of X) and into its window of dL_dX (times W[f]); += where they meet."""
    X, W, stride, padding, dilation = check_layer(X, W, None, stride, padding, dilation)
    (H_out, W_out), (sh, sw), (dh, dw) = output_shape(X, W, stride, padding, dilation), stride, dilation
    dL_dY = check_upstream(dL_dY, X, W, (H_out, W_out))
    Xp = pad(X, padding)
    dtype = np.result_type(dL_dY, X, W)
    dL_dXp, dL_dW, dL_db = np.zeros(Xp.shape, dtype), np.zeros(W.shape, dtype), np.zeros(W.shape[0], dtype)
    KH, KW = W.shape[2:]
    for n in range(X.shape[0]):
        for f in range(W.shape[0]):
            for i in range(H_out):
                for j in range(W_out):
                    rows = slice(sh * i, sh * i + dh * (KH - 1) + 1, dh)
                    cols = slice(sw * j, sw * j + dw * (KW - 1) + 1, dw)
                    dL_db[f] += dL_dY[n, f, i, j]
                    dL_dW[f] += dL_dY[n, f, i, j] * Xp[n, :, rows, cols]
                    dL_dXp[n, :, rows, cols] += dL_dY[n, f, i, j] * W[f]
    (ph, pw) = padding
    return dL_dXp[:, :, ph:Xp.shape[2] - ph, pw:Xp.shape[3] - pw], dL_dW, dL_db
