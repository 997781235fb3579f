"""Checking a backward function's gradients by centred finite differences of its loss.

This module runs in the page's Python: standard library and numpy only.
"""

from dataclasses import dataclass

import numpy as np

AGREE = 1e-6
"""The relative error below which a gradient agrees with finite differences: a right one,
in float64 with H below, is about 1e-10; a wrong one is about 1e-1 or more."""
H = 1e-5


@dataclass(frozen=True)
class Gradient:
    """How to check a backward function by finite differences.

    loss   loss(**arguments) -> the number L whose gradients the backward function returns
           (for instance sum(forward(X, K, b) * dL_dY)), from a case's arguments
    wrt    {output name: argument name}: which argument each returned gradient belongs to
           (an argument the case does not have, such as a bias, starts at 0)
    """

    loss: object
    wrt: dict


def numeric_gradient(loss, arguments, name, h=H):
    """dL/d(argument `name`) by centred differences: (L(a + h) - L(a - h)) / 2h, entry by
    entry; the same shape as the argument (a number where it is one, 0 where it is absent)."""
    value = np.array(arguments.get(name, 0.0), dtype=float)
    gradient = np.zeros_like(value)
    for index in np.ndindex(value.shape):
        original = value[index]
        value[index] = original + h
        above = loss(**{**arguments, name: value.copy() if value.ndim else float(value)})
        value[index] = original - h
        below = loss(**{**arguments, name: value.copy() if value.ndim else float(value)})
        value[index] = original
        gradient[index] = (above - below) / (2 * h)
    return gradient


def relative_error(a, b, scale=None):
    """max |a - b| / scale, the scale max(|a| + |b|) unless given: 0 for equal arrays,
    about 1 for unrelated ones."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if a.shape != b.shape:
        return float("inf")
    if scale is None:
        scale = np.max(np.abs(a) + np.abs(b)) if a.size else 0.0
    return float(np.max(np.abs(a - b)) / scale) if scale > 0 else 0.0


def check_gradients(gradients, loss, arguments, wrt):
    """{output name: (relative error, whether it agrees)} of each of `gradients` ({output
    name: array}) against centred finite differences of `loss` in its argument (wrt).

    Every error is measured against one scale, the largest |a| + |b| of all of them: a
    gradient that is exactly 0 (dL/db where dL/dY sums to 0) is then not judged against
    the rounding noise of its own finite differences, which alone would give it an error
    of 1."""
    numeric = {name: numeric_gradient(loss, arguments, wrt[name]) for name in gradients}
    scale = max((float(np.max(np.abs(np.asarray(gradient, dtype=float)) + np.abs(numeric[name])))
                 for name, gradient in gradients.items()
                 if np.shape(gradient) == numeric[name].shape and numeric[name].size), default=0.0)
    errors = {name: relative_error(gradient, numeric[name], scale) for name, gradient in gradients.items()}
    return {name: (error, error < AGREE) for name, error in errors.items()}
