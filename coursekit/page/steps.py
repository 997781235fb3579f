"""Walkthrough data: what a lesson's steps module builds, and the page's walkthrough widget
(docs/assets/widgets/walkthrough.mjs) draws. It runs at build time and in the page's
Python (numpy only), so that the walkthroughs a reader recomputes are built the same way.

A walkthrough is {"title", "steps"}; a step is {"sentence", "panels"} (the matrices side
by side) or {"sentence", "rows": [{"caption", "panels"}]} (the matrices in captioned rows,
for instance one row per input channel). Every number in it is text, written by
coursekit.page.numbers, as everywhere else on the page.
"""

import numpy as np

from coursekit.page.numbers import operand, text


LARGEST = 16
"""The most rows and columns of a matrix a walkthrough steps through: each step draws its
panels again, so what the page receives grows as the square of the matrices' entries. A
lesson's editor asks for less."""


def too_large(shape, what):
    """Why a matrix of this shape (`what`, as the message names it) is more than a
    walkthrough shows, or None: a lesson raises it as its own error about that argument."""
    if max(shape) <= LARGEST:
        return None
    return f"{what} {shape} is larger than a walkthrough shows: at most {LARGEST} rows and {LARGEST} columns"


def cells(A, filled=None):
    """A matrix as rows of text; with `filled` (a boolean mask), the others are blank."""
    A = np.asarray(A)
    if A.ndim != 2:
        raise ValueError(f"a panel shows a matrix, not an array of shape {A.shape}")
    return [[text(A[r, c]) if filled is None or filled[r, c] else "" for c in range(A.shape[1])]
            for r in range(A.shape[0])]


def panel(title, A, window=None, current=None, filled=None, padding=0, marked=()):
    """One matrix on screen.

    window   [top, left, height, width]: outlined (the window of the input being used)
    current  [row, col]: boxed (the entry being computed)
    filled   a boolean mask: the entries computed so far (the others are blank)
    padding  rows and columns around the edge that padding added (a number, or [rows, cols])
    marked   [[row, col], ...]: picked out (a window's maximum, say)
    """
    return {"title": title, "cells": cells(A, filled), "window": _ints(window), "current": _ints(current),
            "padding": _ints(padding), "marked": [_ints(position) for position in marked]}


def _ints(value):
    """Indices as plain ints (numpy's are not JSON)."""
    if value is None:
        return None
    if np.ndim(value) == 0:
        return int(value)
    return [int(v) for v in value]


def row(caption, panels):
    """A captioned row of panels, for a step drawn in rows."""
    return {"caption": caption, "panels": panels}


def sum_of_products(A, B):
    """'a·b + c·d + …' for the entries of A and B, in reading order."""
    return " + ".join(f"{operand(a)}\u00b7{operand(b)}" for a, b in zip(np.ravel(A), np.ravel(B)))


def total(values):
    """'a + b + …' for the values, in order."""
    return " + ".join(operand(v) for v in np.ravel(values))


def walkthrough(title, steps):
    """A walkthrough: a title and its steps, in order."""
    if not steps:
        raise ValueError(f"the walkthrough {title!r} has no steps")
    return {"title": title, "steps": steps}
