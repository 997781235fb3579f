"""The convolutional layer one step at a time: what the page's walkthroughs show.

Every number comes from the lesson's own functions (convolutional.py for one channel, layer.py for
channels and filters); this file only lays them out, one step per output position
(forward) or per upstream gradient (backward), as the walkthrough data of coursekit.page.steps.
It runs unchanged at build time and in the page's Python, when the reader changes the
numbers: `widgets` and `channel_widgets` are what the page's widgets call. numpy only;
pandas for the step table. Its words are the catalogs' (messages/<language>.json), in the
language being written: the page's.
"""

import numpy as np

import convolutional as conv
from convolutional_site import layer
from coursekit.page import language
from coursekit.page.numbers import operand, text
from coursekit.page.steps import LARGEST, panel, row, sum_of_products, total, walkthrough
from coursekit.page.values import Field, InputError, takes
from coursekit.page.words import Words

say = Words(__package__)

EDIT_LIMIT = 8
"""The most rows and columns of a matrix, and the largest stride and padding, a reader may
type into the editor: the walkthroughs of the largest still fit a page."""


def forward_walkthrough(X, K, b, stride=1, padding=0):
    """One step per output Y[i, j]: its window of (padded) X, the products with K, the sum, + b."""
    Y = conv.conv_forward(X, K, b, stride=stride, padding=padding)
    X, K = np.asarray(X, dtype=float), np.asarray(K, dtype=float)
    padded = conv.pad_with_zeros(X, padding, padding)
    title = "X"
    if padding:  # one zero, or several: a word of its own in each language
        title = say("panel.padded-input.one" if padding == 1 else "panel.padded-input.other", padding=padding)
    done = np.zeros(Y.shape, dtype=bool)
    steps = []
    for i, j in np.ndindex(Y.shape):
        top, left = i * stride, j * stride
        patch = conv.window_at(padded, i, j, K.shape, stride)
        done[i, j] = True
        steps.append({
            "sentence": say("step.forward.output", i=i, j=j, products=sum_of_products(patch, K), bias=operand(b),
                            value=text(Y[i, j])),
            "panels": [
                panel(title, padded, window=[top, left, *K.shape], padding=padding),
                panel("K", K),
                panel(say("panel.window-times-kernel"), patch * K),
                panel(say("panel.output-sum", b=text(b)), Y, current=[i, j], filled=done.copy()),
            ],
        })
    return walkthrough(say("walkthrough.forward"), steps)


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
            "sentence": say("step.backward.upstream", i=i, j=j, gradient=text(g), rows=f"{i}:{i + kH}",
                            columns=f"{j}:{j + kW}", bias_gradient=text(dL_db_so_far)),
            "panels": [
                panel("dL/dY", dL_dY, current=[i, j]),
                panel(f"dL/dY[{i},{j}] \u00b7 K", g * K),
                panel(say("panel.input-gradient-so-far"), dL_dX_so_far.copy(), window=[i, j, kH, kW]),
                panel("X", X, window=[i, j, kH, kW]),
                panel(say("panel.upstream-times-window", i=i, j=j), g * patch),
                panel(say("panel.kernel-gradient-so-far"), dL_dK_so_far.copy()),
                panel(say("panel.bias-gradient-so-far"), [[dL_db_so_far]]),
            ],
        })
    if not (np.allclose(dL_dX_so_far, dL_dX) and np.allclose(dL_dK_so_far, dL_dK) and np.isclose(dL_db_so_far, dL_db)):
        raise AssertionError("the step-by-step sums differ from conv_backward")  # cannot happen; checked here anyway
    return walkthrough(say("walkthrough.backward"), steps)


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
            "sentence": say("step.input-gradient.entry", p=p, q=q, products=sum_of_products(patch, rotated),
                            value=text(dL_dX[p, q])),
            "panels": [
                panel(say("panel.padded-upstream"), padded, window=[p, q, kH, kW], padding=[kH - 1, kW - 1]),
                panel(say("panel.rotated-kernel"), rotated),
                panel(say("panel.window-times-rotated-kernel"), patch * rotated),
                panel("dL/dX", dL_dX, current=[p, q], filled=done.copy()),
            ],
        })
    return walkthrough(say("walkthrough.input-gradient"), steps)


def step_table(X, K, b, stride=1, padding=0):
    """The forward pass as a table, one row per output position (a pandas DataFrame), its
    column headers in the language being written."""
    import pandas as pd

    Y = conv.conv_forward(X, K, b, stride=stride, padding=padding)
    K = np.asarray(K, dtype=float)
    padded = conv.pad_with_zeros(np.asarray(X, dtype=float), padding, padding)
    rows = []
    for i, j in np.ndindex(Y.shape):
        patch = conv.window_at(padded, i, j, K.shape, stride)
        rows.append({
            say("column.position"): f"Y[{i},{j}]",
            say("column.window"): " ".join("[" + " ".join(text(v) for v in patch_row) + "]" for patch_row in patch),
            say("column.products"): total(patch * K),
            say("column.sum"): text(np.sum(patch * K)),
            say("column.bias"): text(b),
            say("column.output"): text(Y[i, j]),
        })
    return pd.DataFrame(rows)


@takes(X=Field("matrix", largest=EDIT_LIMIT), K=Field("matrix", largest=EDIT_LIMIT), b=Field("number"),
       dL_dY=Field("matrix", "dL/dY", largest=EDIT_LIMIT), stride=Field("count", smallest=1, largest=EDIT_LIMIT),
       padding=Field("count", smallest=0, largest=EDIT_LIMIT))
def widgets(X, K, b, dL_dY, stride=1, padding=0):
    """The walkthroughs and the step table of the worked example, for these numbers (the
    stride and the padding are the forward pass's: the backward pass is stride 1's)."""
    check_numbers(X, K, dL_dY, padding)
    table = step_table(X, K, b, stride, padding).to_html(index=False, border=0, classes="step-table")
    return {
        "walkthroughs": {
            "forward": forward_walkthrough(X, K, b, stride, padding),
            "backward": backward_walkthrough(X, K, dL_dY),
            "input_gradient": input_gradient_walkthrough(K, dL_dY),
        },
        "tables": {"steps": table},
    }


def check_numbers(X, K, dL_dY, padding):
    """What convolutional.py checks in the reader's numbers, and the walkthroughs' size, each
    an InputError about its field worded in the page's language (convolutional.py runs alone,
    with numpy only, and words its own checks in English): X padded no larger than a
    walkthrough shows; K inside X padded (the forward pass) and as it is (the backward pass,
    stride 1, no padding); dL/dY of the shape of that Y."""
    padded = (X.shape[0] + 2 * padding, X.shape[1] + 2 * padding)
    if max(padded) > LARGEST:
        raise InputError("padding", say("error.padded-too-large", padding=padding, shape=padded, largest=LARGEST))
    if padding and (K.shape[0] > padded[0] or K.shape[1] > padded[1]):
        raise InputError("K", say("error.kernel-larger-than-padded-input", kernel=K.shape, padding=padding,
                                  padded=padded))
    if K.shape[0] > X.shape[0] or K.shape[1] > X.shape[1]:
        raise InputError("K", say("error.kernel-larger-than-input", kernel=K.shape, input=X.shape))
    expected = conv.output_shape(X.shape, K.shape)
    if dL_dY.shape != expected:
        raise InputError("dL_dY", say("error.upstream-shape", expected=expected, got=dL_dY.shape))


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
        rows = [row(say("caption.channel", c=c, f=f, partial=text(partials[c])), [
            panel(f"X[{c}]", X[c], window=[i, j, kH, kW]),
            panel(f"W[{f},{c}]", W[f, c]),
            panel(say("panel.channel-window-times-kernel", c=c, f=f), windows[c] * W[f, c]),
        ]) for c in range(C)]
        rows.append(row(say("caption.filter", f=f, partials=total(partials), value=text(Y[f, i, j])), [
            panel(say("panel.feature-map", f=g), Y[g], current=[i, j] if g == f else None, filled=done[g].copy())
            for g in range(F)
        ]))
        # The channels' sums are a list whose items hold numbers: separated as the language
        # separates a list of numbers (pt-BR writes 0,5, so "; ").
        channel_sums = language.writing()["separator"].join(
            say("step.channels.channel-sum", c=c, products=sum_of_products(windows[c], W[f, c]),
                partial=text(partials[c]))
            for c in range(C))
        steps.append({
            "sentence": say("step.channels.output", f=f, i=i, j=j, partials=total(partials), bias=operand(b[f]),
                            value=text(Y[f, i, j]), channel_sums=channel_sums, b=text(b[f])),
            "rows": rows,
        })
    return walkthrough(say("walkthrough.channels"), steps)


def channel_widgets(X, W, b):
    """The walkthrough of channels and filters, for these numbers."""
    return {"walkthroughs": {"channels": channels_walkthrough(X, W, b)}}
