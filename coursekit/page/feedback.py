"""What a check of the reader's work tells the page: a message, as a key of the site's
catalog and its parameters (the page words it), values as the page shows them (every
number as text, written by coursekit.page.numbers), and when two values are the same answer.

This module runs in the page's Python: standard library and numpy only.
"""

import numpy as np

from coursekit.page.numbers import text


def message(key, **params):
    return {"key": key, "params": params}


def shown(value):
    """A value as the page shows it: a number as text, a matrix as rows of text."""
    array = np.asarray(value, dtype=float)
    if array.ndim == 0:
        return text(array)
    if array.ndim == 1:
        return [[text(v) for v in array]]
    return [[text(v) for v in row] for row in array]


def size(value):
    """A shape in words: 3×4 (rows by columns), or "1" for a single number."""
    shape = np.shape(value)
    return "×".join(str(n) for n in shape) if shape else "1"


def entry(index):
    """An entry's index as the page writes it: [1, 2]."""
    return "[" + ", ".join(str(i) for i in index) + "]"


def same(a, b, tolerance):
    """Equal shapes and every entry within `tolerance`."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return a.shape == b.shape and bool(np.all(np.abs(a - b) <= tolerance))
