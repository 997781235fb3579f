"""The convolutional layer one step at a time: what the page's walkthroughs show.

Every number comes from convolutional.py's own functions (window, rotate_180,
pad_with_zeros, conv_forward, conv_backward); this file only lays them out, one step per
output position (forward) or per upstream gradient (backward), as plain data the page
draws. It runs unchanged in CPython at build time and in Pyodide when the reader
changes the numbers. numpy only; pandas for the step table.
"""

import numpy as np

import convolutional as conv


def show(value):
    """A number as the page shows it: at most 6 significant digits, a true minus sign."""
    value = float(value)
    text = "0" if value == 0 else f"{value:.6g}"
    return text.replace("-", "\u2212")


def operand(value):
    """A number inside a sum or product: negatives in parentheses."""
    text = show(value)
    return f"({text})" if text.startswith("\u2212") else text


def cells(A, filled=None):
    """A matrix as rows of strings; with `filled` (a boolean mask), the others are blank."""
    A = np.asarray(A)
    return [[show(A[r, c]) if filled is None or filled[r, c] else "" for c in range(A.shape[1])]
            for r in range(A.shape[0])]


def panel(title, A, window=None, current=None, filled=None, padding=0):
    """One matrix on screen. window: [top, left, height, width] outlined; current: [row, col];
    padding: how many rows and columns around the edge are zeros added by padding."""
    return {"title": title, "cells": cells(A, filled), "window": window, "current": current, "padding": padding}


def sum_of_products(A, B):
    """'a·b + c·d + …' for the entries of A and B, in reading order."""
    return " + ".join(f"{operand(a)}\u00b7{operand(b)}" for a, b in zip(np.ravel(A), np.ravel(B)))


def forward_walkthrough(X, K, b, stride=1, padding=0):
    """One step per output Y[i, j]: its window of (padded) X, the products with K, the sum, + b."""
    Y = conv.conv_forward(X, K, b, stride=stride, padding=padding)
    X, K, b = conv.as_matrix("X", X), conv.as_matrix("K", K), conv.as_number("b", b)
    padded = conv.pad_with_zeros(X, padding, padding)
    title = f"X, padded with {padding} zero{'s' if padding > 1 else ''}" if padding else "X"
    done = np.zeros(Y.shape, dtype=bool)
    steps = []
    for i, j in np.ndindex(Y.shape):
        top, left = i * stride, j * stride
        patch = conv.window(padded, top, left, K.shape)
        done[i, j] = True
        steps.append({
            "sentence": f"Y[{i},{j}] = {sum_of_products(patch, K)} + {operand(b)} = {show(Y[i, j])}",
            "panels": [
                panel(title, padded, window=[top, left, *K.shape], padding=padding),
                panel("K", K),
                panel("window \u00d7 K", patch * K),
                panel(f"Y = sum + b (b = {show(b)})", Y, current=[i, j], filled=done.copy()),
            ],
        })
    return {"title": "Forward pass", "steps": steps}


def backward_walkthrough(X, K, dL_dY):
    """One step per upstream gradient dL/dY[i, j]: it adds dL/dY[i, j]·K into the window of
    dL/dX it came from, dL/dY[i, j]·(window of X) into dL/dK, and dL/dY[i, j] into dL/db."""
    dL_dX, dL_dK, dL_db = conv.conv_backward(dL_dY, X, K)
    X, K, dL_dY = conv.as_matrix("X", X), conv.as_matrix("K", K), conv.as_matrix("dL/dY", dL_dY)
    kH, kW = K.shape
    dX_so_far, dK_so_far, db_so_far = np.zeros_like(X), np.zeros_like(K), 0.0
    steps = []
    for i, j in np.ndindex(dL_dY.shape):
        g = dL_dY[i, j]
        patch = conv.window(X, i, j, K.shape)
        conv.window(dX_so_far, i, j, K.shape)[...] += g * K  # += : windows overlap, gradients add up
        dK_so_far += g * patch
        db_so_far += g
        steps.append({
            "sentence": (f"dL/dY[{i},{j}] = {show(g)}: adds {show(g)}\u00b7K to dL/dX[{i}:{i + kH},{j}:{j + kW}], "
                         f"{show(g)}\u00b7X[{i}:{i + kH},{j}:{j + kW}] to dL/dK, and {show(g)} to dL/db "
                         f"(now {show(db_so_far)})"),
            "panels": [
                panel("dL/dY", dL_dY, current=[i, j]),
                panel(f"dL/dY[{i},{j}] \u00b7 K", g * K),
                panel("dL/dX so far", dX_so_far.copy(), window=[i, j, kH, kW]),
                panel("X", X, window=[i, j, kH, kW]),
                panel(f"dL/dY[{i},{j}] \u00b7 window of X", g * patch),
                panel("dL/dK so far", dK_so_far.copy()),
                panel("dL/db so far", [[db_so_far]]),
            ],
        })
    if not (np.allclose(dX_so_far, dL_dX) and np.allclose(dK_so_far, dL_dK) and np.isclose(db_so_far, dL_db)):
        raise AssertionError("the step-by-step sums differ from conv_backward")  # cannot happen; checked here anyway
    return {"title": "Backward pass, one upstream gradient at a time", "steps": steps}


def input_gradient_walkthrough(K, dL_dY):
    """The same dL/dX, the other way: zero-padded dL/dY cross-correlated with K rotated 180°,
    one entry dL/dX[p, q] per step."""
    K, dL_dY = conv.as_matrix("K", K), conv.as_matrix("dL/dY", dL_dY)
    kH, kW = K.shape
    padded, rotated = conv.pad_with_zeros(dL_dY, kH - 1, kW - 1), conv.rotate_180(K)
    dL_dX = conv.grad_input(dL_dY, K)
    done = np.zeros(dL_dX.shape, dtype=bool)
    steps = []
    for p, q in np.ndindex(dL_dX.shape):
        patch = conv.window(padded, p, q, rotated.shape)
        done[p, q] = True
        steps.append({
            "sentence": f"dL/dX[{p},{q}] = {sum_of_products(patch, rotated)} = {show(dL_dX[p, q])}",
            "panels": [
                panel("dL/dY, padded with zeros", padded, window=[p, q, kH, kW], padding=[kH - 1, kW - 1]),
                panel("K rotated 180\u00b0", rotated),
                panel("window \u00d7 rotated K", patch * rotated),
                panel("dL/dX", dL_dX, current=[p, q], filled=done.copy()),
            ],
        })
    return {"title": "dL/dX as a cross-correlation with the rotated kernel", "steps": steps}


def walkthroughs(X, K, b, dL_dY, stride=1, padding=0):
    """All the walkthroughs of the page, for these numbers (stride and padding: forward only)."""
    return {
        "forward": forward_walkthrough(X, K, b, stride, padding),
        "backward": backward_walkthrough(X, K, dL_dY),
        "input_gradient": input_gradient_walkthrough(K, dL_dY),
    }


def step_table(X, K, b, stride=1, padding=0):
    """The forward pass as a table, one row per output position (a pandas DataFrame)."""
    import pandas as pd

    K, b = conv.as_matrix("K", K), conv.as_number("b", b)
    padded = conv.pad_with_zeros(conv.as_matrix("X", X), padding, padding)
    Y = conv.conv_forward(X, K, b, stride=stride, padding=padding)
    rows = []
    for i, j in np.ndindex(Y.shape):
        patch = conv.window(padded, i * stride, j * stride, K.shape)
        rows.append({
            "position": f"Y[{i},{j}]",
            "window": " ".join("[" + " ".join(show(v) for v in row) + "]" for row in patch),
            "products": " + ".join(operand(v) for v in np.ravel(patch * K)),
            "sum": show(np.sum(patch * K)),
            "bias": show(b),
            "output": show(Y[i, j]),
        })
    return pd.DataFrame(rows)


def step_table_html(X, K, b, stride=1, padding=0):
    """The step table as the page shows it (HTML, every value escaped by pandas)."""
    return step_table(X, K, b, stride, padding).to_html(index=False, border=0, classes="step-table")
