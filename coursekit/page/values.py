"""Values as they cross into a lesson: what a widget, an editor or a reader's call hands to
a lesson's function, hardened before the lesson's own code sees it. It runs at build time
and in the page's Python (numpy only).

A lesson's teaching code stays plain numpy, with the checks that teach something ("the
kernel must fit inside the input"). What no lesson should have to think about, text where
a number belongs, NaN, 10**400, ragged lists, sizes that would fill the memory, is refused
here, once for every lesson, with a message that names the argument:

    @takes(X=Field("matrix", largest=8), b=Field("number"), stride=Field("count", smallest=1, largest=8))
    def widgets(X, b, stride): ...            # X arrives as a float64 matrix, b as a float

A refusal is an InputError, a ValueError whose `argument` names the argument it is about:
the page's number editor shows its message next to that argument's field. Lessons raise
errors of their own with an `argument` the same way (duck-typed: a lesson file imports no
kit).

The full layers' arrays (N, C, H, W) and their options (an int or a pair) are checked by
`as_array`, `as_pair` and `as_whole`, whose ValueErrors name the argument in their message.
"""

import functools
import inspect
from dataclasses import dataclass
from math import prod

import numpy as np

LARGEST_NUMBER = 1e150
"""The largest size of a number a lesson takes: the product of two stays finite in float64
(which ends near 1.8e308), and so do the sums a page shows."""

LARGEST = 2 ** 25
"""The most entries of an array a full layer makes (the padded input, the output, one
image's columns; 256 MB in float64), and the largest stride, padding or dilation: larger
sizes are refused with a message rather than filling the machine's memory (or the browser's)."""

KINDS = ("matrix", "number", "count")


class InputError(ValueError):
    """A ValueError about one argument, which `argument` names."""

    def __init__(self, argument, message):
        super().__init__(message)
        self.argument = argument


@dataclass(frozen=True)
class Field:
    """What one argument of a lesson's function must be.

    kind      "matrix" (a 2-D array of finite numbers), "number" (one finite number) or
              "count" (a whole number, such as a stride)
    label     how the page writes the argument, in messages and on the editor (default: its name)
    smallest  count: the smallest value
    largest   matrix: the most rows and columns; count: the largest value (None: no limit)
    """

    kind: str
    label: str = ""
    smallest: int | None = None
    largest: int | None = None

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"kind {self.kind!r} is not one of {KINDS}")

    def harden(self, argument, value):
        """The value as the lesson takes it (a float64 matrix, a float, an int), or an InputError."""
        label = self.label or argument
        if self.kind == "matrix":
            A = matrix(argument, value, label)
            if self.largest is not None and max(A.shape) > self.largest:
                raise InputError(argument, f"{label} has shape {A.shape}: it may have at most {self.largest} rows "
                                           f"and {self.largest} columns")
            return A
        if self.kind == "number":
            return number(argument, value, label)
        return count(argument, value, self.smallest or 0, self.largest, label)


def takes(**fields):
    """Declare what each argument of a function must be ({name: Field}); the function then
    receives every declared argument hardened, or the call raises an InputError naming it.
    The declarations stay on the function as `fields` (the editor reads its fields there)."""
    def declare(function):
        signature = inspect.signature(function)
        unknown = sorted(set(fields) - set(signature.parameters))
        if unknown:
            raise TypeError(f"{function.__qualname__} has no argument {', '.join(unknown)} "
                            f"(it has {list(signature.parameters)})")

        @functools.wraps(function)
        def hardened(*args, **kwargs):
            bound = signature.bind(*args, **kwargs)
            for name, field in fields.items():
                if name in bound.arguments:
                    bound.arguments[name] = field.harden(name, bound.arguments[name])
            return function(*bound.args, **bound.kwargs)

        hardened.fields = dict(fields)
        return hardened
    return declare


def matrix(argument, A, label=None):
    """A as a 2-D float64 array of finite numbers, or an InputError that names the problem."""
    label = label or argument
    try:
        A = np.array(A, dtype=np.float64)
    except OverflowError:  # a whole number too large for float64
        raise InputError(argument, f"{label} must contain numbers at most {LARGEST_NUMBER:g} in size") from None
    except (TypeError, ValueError):
        raise InputError(argument, f"{label} must be a matrix of numbers, with the same number "
                                   f"of entries in every row") from None
    if A.ndim != 2:
        raise InputError(argument, f"{label} must be a 2-D array (a matrix), but it has "
                                   f"{A.ndim} dimension(s), shape {A.shape}")
    if A.size == 0:
        raise InputError(argument, f"{label} must not be empty, but its shape is {A.shape}")
    if not np.all(np.isfinite(A)):
        raise InputError(argument, f"{label} must contain only finite numbers (no NaN or infinity)")
    if np.max(np.abs(A)) > LARGEST_NUMBER:
        raise InputError(argument, f"{label} must contain numbers at most {LARGEST_NUMBER:g} in size")
    return A


def number(argument, b, label=None):
    """b as a float, or an InputError."""
    label = label or argument
    try:
        shape = np.shape(b)
    except ValueError:  # lists of unequal lengths
        shape = "of lists of unequal lengths"
    if shape != ():
        raise InputError(argument, f"{label} must be a single number, but it has shape {shape}")
    if isinstance(b, (bool, np.bool_)):
        raise InputError(argument, f"{label} must be a number, not {b!r}")
    try:
        value = float(b)
    except OverflowError:  # a whole number beyond float64
        raise InputError(argument, f"{label} must be a number at most {LARGEST_NUMBER:g} in size") from None
    except (TypeError, ValueError):
        raise InputError(argument, f"{label} must be a number, not {b!r}") from None
    if not np.isfinite(value):
        raise InputError(argument, f"{label} must be a finite number, not {value}")
    if abs(value) > LARGEST_NUMBER:
        raise InputError(argument, f"{label} must be a number at most {LARGEST_NUMBER:g} in size, not {value:g}")
    return value


def count(argument, value, smallest, largest=None, label=None):
    """A whole number from `smallest` to `largest` (a stride, a padding, a window), or an InputError."""
    label = label or argument
    try:
        value_ = float(value)
    except (TypeError, ValueError, OverflowError):
        value_ = None
    if isinstance(value, (bool, np.bool_)) or value_ is None or not value_.is_integer() or value_ < smallest:
        raise InputError(argument, f"the {label} must be a whole number, at least {smallest}, not {value!r}")
    if largest is not None and value_ > largest:
        raise InputError(argument, f"the {label} must be at most {largest}, not {value!r}")
    return int(value_)


# ---- The full layers' arrays and options ------------------------------------------------

def as_array(name, A):
    """A as a numpy array of real numbers (bool, int or float, as given), or a ValueError naming it."""
    try:
        A = np.asarray(A)
    except ValueError:  # nested lists of unequal lengths
        raise ValueError(f"{name} must be an array of numbers, with the same length along each axis") from None
    if A.dtype == object:  # numpy stores None, or whole numbers beyond int64, as Python objects
        for v in A.flat:
            if not isinstance(v, (int, float, np.number)):
                raise ValueError(f"{name} must be an array of numbers, but it holds {v!r}")
        try:
            A = A.astype(np.float64)
        except OverflowError:
            raise ValueError(f"{name} holds a whole number too large for floating point") from None
    if A.dtype.kind not in "biuf":
        raise ValueError(f"{name} must be an array of real numbers, not of {A.dtype}")
    return A


def as_pair(name, value, smallest):
    """An int or a pair of ints (rows, columns), each at least `smallest`."""
    try:
        pair = (value, value) if np.ndim(value) == 0 else tuple(value)
    except (TypeError, ValueError):  # nested lists of unequal lengths
        pair = ()
    if len(pair) != 2 or not all(isinstance(v, (int, np.integer)) and not isinstance(v, bool) for v in pair):
        raise ValueError(f"{name} must be a whole number or a pair of them, not {value!r}")
    if min(pair) < smallest:
        raise ValueError(f"{name} must be at least {smallest}, not {value!r}")
    if max(pair) > LARGEST:
        raise ValueError(f"{name} must be at most {LARGEST:,}, not {value!r}")
    return tuple(int(v) for v in pair)


def as_whole(name, value, smallest):
    """An int (not a bool) from `smallest` to LARGEST, or a ValueError naming it."""
    if not isinstance(value, (int, np.integer)) or isinstance(value, bool):
        raise ValueError(f"{name} must be a whole number, not {value!r}")
    if not smallest <= value <= LARGEST:
        raise ValueError(f"{name} must be from {smallest} to {LARGEST:,}, not {value!r}")
    return int(value)


def check_size(what, shape):
    """An array of this shape is one a layer may make, or a ValueError saying why not."""
    if prod(shape) > LARGEST:
        raise ValueError(f"{what} would have shape {shape}, {prod(shape):,} entries: more than the "
                         f"{LARGEST:,} a layer makes at most")


def check_padded_size(X, padding):
    """X (N, C, H, W) padded with (rows, columns) of zeros is an array a layer may make."""
    check_size(f"the input X padded with padding={padding}",
               (*X.shape[:2], X.shape[2] + 2 * padding[0], X.shape[3] + 2 * padding[1]))
