"""Comparing what the page shows with the oracle: the page writes 6 significant digits."""

import numpy as np

RELATIVE, ABSOLUTE = 1e-5, 1e-9


def close(shown, expected):
    """Numbers, or sequences of tuples of numbers (products), equal as far as the page's
    digits go: the same structure, each number within a relative 1e-5 (or 1e-9 of zero)."""
    shown, expected = list(shown), list(expected)
    if len(shown) != len(expected):
        return False
    for a, b in zip(shown, expected):
        a, b = np.atleast_1d(np.asarray(a, dtype=float)), np.atleast_1d(np.asarray(b, dtype=float))
        if a.shape != b.shape or not np.allclose(a, b, rtol=RELATIVE, atol=ABSOLUTE):
            return False
    return True
