"""The convolutional layer one step at a time: what the page's walkthroughs show.

Every number comes from the lesson's own functions (convolutional.py for one channel, layer.py for
channels and filters); this file only lays them out, one step per output position
(forward) or per upstream gradient (backward), as the walkthrough data of coursekit.page.steps.
It runs unchanged at build time and in the page's Python, when the reader changes the
numbers: `widgets` and `channel_widgets` are what the page's widgets call. numpy only;
pandas for the step table.
"""

import numpy as np

import convolutional as conv
from convolutional_site import layer
from coursekit.page.numbers import operand, text
from coursekit.page.steps import panel, row, sum_of_products, too_large, total, walkthrough
from coursekit.page.values import Field, InputError, takes

EDIT_LIMIT = 8
"""The most rows and columns of a matrix, and the largest stride and padding, a reader may
type into the editor: the walkthroughs of the largest still fit a page."""


def forward_walkthrough(X, K, b, stride=1, padding=0):
    """One step per output Y[i, j]: its window of (padded) X, the products with K, the sum, + b."""
    Y = conv.conv_forward(X, K, b, stride=stride, padding=padding)
    X, K = np.asarray(X, dtype=float), np.asarray(K, dtype=float)
    padded = conv.pad_with_zeros(X, padding, padding)
    title = f"X, padded with {padding} zero{'s' if padding > 1 else ''}" if padding else "X"
    done = np.zeros(Y.shape, dtype=bool)
    steps = []
    for i, j in np.ndindex(Y.shape):
        top, left = i * stride, j * stride
        patch = conv.window_at(padded, i, j, K.shape, stride)
        done[i, j] = True
        steps.append({
            "sentence": f"Y[{i},{j}] = {sum_of_products(patch, K)} + {operand(b)} = {text(Y[i, j])}",
            "panels": [
                panel(title, padded, window=[top, left, *K.shape], padding=padding),
                panel("K", K),
                panel("window \u00d7 K", patch * K),
                panel(f"Y = sum + b (b = {text(b)})", Y, current=[i, j], filled=done.copy()),
            ],
        })
    return walkthrough("Forward pass", steps)


def backward_walkthrough(X, K, dL_dY):
    """One step per upstream gradient dL/dY[i, j]: it adds dL/dY[i, j]·K into the window of
    dL/dX it came from, dL/dY[i, j]·(window of X) into dL/dK, and dL/dY[i, j] into dL/db."""
    dL_dX, dL_dK, dL_db = conv.conv_backward(dL_dY, X, K)
    X, K, dL_dY = (np.asarray(A, dtype=float) for A in (X, K, dL_dY))
    kH, kW = K.shape
    dL_dX_so_far, dL_dK_so_far, dL_db_so_far = np.zeros_like(X), np.zeros_like(K), 0.0
    steps = []
    for i, j in np.ndindex(dL_dY.shape):
        g = dL_dY[i, j]
        patch = conv.window_at(X, i, j, K.shape)
        conv.window_at(dL_dX_so_far, i, j, K.shape)[...] += g * K  # += : windows overlap, gradients add up
        dL_dK_so_far += g * patch
        dL_db_so_far += g
        steps.append({
            "sentence": (f"dL/dY[{i},{j}] = {text(g)}: adds {text(g)}\u00b7K to dL/dX[{i}:{i + kH},{j}:{j + kW}], "
                         f"{text(g)}\u00b7X[{i}:{i + kH},{j}:{j + kW}] to dL/dK, and {text(g)} to dL/db "
                         f"(now {text(dL_db_so_far)})"),
            "panels": [
                panel("dL/dY", dL_dY, current=[i, j]),
                panel(f"dL/dY[{i},{j}] \u00b7 K", g * K),
                panel("dL/dX so far", dL_dX_so_far.copy(), window=[i, j, kH, kW]),
                panel("X", X, window=[i, j, kH, kW]),
                panel(f"dL/dY[{i},{j}] \u00b7 window of X", g * patch),
                panel("dL/dK so far", dL_dK_so_far.copy()),
                panel("dL/db so far", [[dL_db_so_far]]),
            ],
        })
    if not (np.allclose(dL_dX_so_far, dL_dX) and np.allclose(dL_dK_so_far, dL_dK) and np.isclose(dL_db_so_far, dL_db)):
        raise AssertionError("the step-by-step sums differ from conv_backward")  # cannot happen; checked here anyway
    return walkthrough("Backward pass, one upstream gradient at a time", steps)


def input_gradient_walkthrough(K, dL_dY):
    """The same dL/dX, the other way: zero-padded dL/dY cross-correlated with K rotated 180°,
    one entry dL/dX[p, q] per step."""
    K, dL_dY = np.asarray(K, dtype=float), np.asarray(dL_dY, dtype=float)
    kH, kW = K.shape
    padded, rotated = conv.pad_with_zeros(dL_dY, kH - 1, kW - 1), conv.rotate_180(K)
    dL_dX = conv.grad_input(dL_dY, K)
    done = np.zeros(dL_dX.shape, dtype=bool)
    steps = []
    for p, q in np.ndindex(dL_dX.shape):
        patch = conv.window_at(padded, p, q, rotated.shape)
        done[p, q] = True
        steps.append({
            "sentence": f"dL/dX[{p},{q}] = {sum_of_products(patch, rotated)} = {text(dL_dX[p, q])}",
            "panels": [
                panel("dL/dY, padded with zeros", padded, window=[p, q, kH, kW], padding=[kH - 1, kW - 1]),
                panel("K rotated 180\u00b0", rotated),
                panel("window \u00d7 rotated K", patch * rotated),
                panel("dL/dX", dL_dX, current=[p, q], filled=done.copy()),
            ],
        })
    return walkthrough("dL/dX as a cross-correlation with the rotated kernel", steps)


def step_table(X, K, b, stride=1, padding=0):
    """The forward pass as a table, one row per output position (a pandas DataFrame)."""
    import pandas as pd

    Y = conv.conv_forward(X, K, b, stride=stride, padding=padding)
    K = np.asarray(K, dtype=float)
    padded = conv.pad_with_zeros(np.asarray(X, dtype=float), padding, padding)
    rows = []
    for i, j in np.ndindex(Y.shape):
        patch = conv.window_at(padded, i, j, K.shape, stride)
        rows.append({
            "position": f"Y[{i},{j}]",
            "window": " ".join("[" + " ".join(text(v) for v in patch_row) + "]" for patch_row in patch),
            "products": total(patch * K),
            "sum": text(np.sum(patch * K)),
            "bias": text(b),
            "output": text(Y[i, j]),
        })
    return pd.DataFrame(rows)


@takes(X=Field("matrix", largest=EDIT_LIMIT), K=Field("matrix", largest=EDIT_LIMIT), b=Field("number"),
       dL_dY=Field("matrix", "dL/dY", largest=EDIT_LIMIT), stride=Field("count", smallest=1, largest=EDIT_LIMIT),
       padding=Field("count", smallest=0, largest=EDIT_LIMIT))
def widgets(X, K, b, dL_dY, stride=1, padding=0):
    """The walkthroughs and the step table of the worked example, for these numbers (the
    stride and the padding are the forward pass's: the backward pass is stride 1's)."""
    padded = (X.shape[0] + 2 * padding, X.shape[1] + 2 * padding)
    if too_large(padded, f"X with a padding of {padding},"):
        raise InputError("padding", too_large(padded, f"X with a padding of {padding},"))
    table = step_table(X, K, b, stride, padding).to_html(index=False, border=0, classes="step-table")
    return {
        "walkthroughs": {
            "forward": forward_walkthrough(X, K, b, stride, padding),
            "backward": backward_walkthrough(X, K, dL_dY),
            "input_gradient": input_gradient_walkthrough(K, dL_dY),
        },
        "tables": {"steps": table},
    }


def channels_walkthrough(X, W, b):
    """A layer with channels and filters, on one image: one step per output Y[f, i, j],
    each channel's window, products and partial sum, their sum, the bias, and the entry it
    fills in filter f's feature map.

    X (C, H, W), W (F, C, kH, kW), b (F,) -> Y (F, H - kH + 1, W - kW + 1), from layer.py."""
    X, W, b = np.asarray(X, dtype=float), np.asarray(W, dtype=float), np.asarray(b, dtype=float)
    Y = layer.conv2d_forward(X[None], W, b)[0]
    F, C, kH, kW = W.shape
    done = np.zeros(Y.shape, dtype=bool)
    steps = []
    for f, i, j in np.ndindex(Y.shape):
        windows = X[:, i:i + kH, j:j + kW]
        partials = np.sum(windows * W[f], axis=(1, 2))
        if not np.isclose(np.sum(partials) + b[f], Y[f, i, j]):
            raise AssertionError("the channels' partial sums differ from conv2d_forward")  # checked anyway
        done[f, i, j] = True
        rows = [row(f"channel {c}: window of X[{c}] \u00d7 W[{f},{c}], summed: {text(partials[c])}", [
            panel(f"X[{c}]", X[c], window=[i, j, kH, kW]),
            panel(f"W[{f},{c}]", W[f, c]),
            panel(f"window \u00d7 W[{f},{c}]", windows[c] * W[f, c]),
        ]) for c in range(C)]
        rows.append(row(f"filter {f}: {total(partials)} + b[{f}] = {text(Y[f, i, j])}, into its feature map Y[{f}]", [
            panel(f"Y[{g}] (filter {g})", Y[g], current=[i, j] if g == f else None, filled=done[g].copy())
            for g in range(F)
        ]))
        channel_sums = ", ".join(f"channel {c}: {sum_of_products(windows[c], W[f, c])} = {text(partials[c])}"
                                 for c in range(C))
        steps.append({
            "sentence": (f"Y[{f},{i},{j}] = {total(partials)} + {operand(b[f])} = {text(Y[f, i, j])} "
                         f"({channel_sums}; b[{f}] = {text(b[f])})"),
            "rows": rows,
        })
    return walkthrough("Channels and filters: every channel's window, summed, plus the filter's bias", steps)


def channel_widgets(X, W, b):
    """The walkthrough of channels and filters, for these numbers."""
    return {"walkthroughs": {"channels": channels_walkthrough(X, W, b)}}
