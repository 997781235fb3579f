"""Hostile and clumsy arguments for the fuzz tests (Hypothesis): wrong types (text, None,
bools, ragged or too deep lists), NaN and infinity, huge numbers and huge sizes, zero or
negative counts, empty arrays, 0-d and 5-d arrays; and the checks every call must pass:
bounded in memory and time, refused with a message that names the argument, or what the
oracle computes."""

import json
import re
import tracemalloc

import numpy as np
import torch
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

MEMORY_LIMIT = 64 * 2 ** 20
"""Bytes a call may allocate at its peak: far more than these small arguments need, far
less than an input padded by 10**5 would take."""
DEADLINE_MS = 30_000
"""A hang or a loop over 10**8 positions overruns it; a call that takes milliseconds, slowed
by whatever else this shared machine is doing, does not (Hypothesis calls an example that
overran once and not the second time flaky)."""
FUZZ = settings(max_examples=100, deadline=DEADLINE_MS, suppress_health_check=[HealthCheck.too_slow])


def names_word(message, name):
    """Whether `message` names `name` as a word of its own (a one-letter `b` in "broadcast" is no naming)."""
    return re.search(rf"(?<![\w/]){re.escape(name)}(?![\w/])", message) is not None


def bounded(call):
    """call(), checking that it allocated at most MEMORY_LIMIT at its peak."""
    tracemalloc.start()
    try:
        return call()
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert peak <= MEMORY_LIMIT, f"the call allocated {peak / 2 ** 20:.0f} MiB at its peak"


def matrices(rows=(1, 6), cols=(1, 6)):
    """A matrix (nested lists) of small whole numbers and halves: sums stay exact."""
    return st.integers(*rows).flatmap(lambda r: st.integers(*cols).flatmap(lambda c: st.lists(
        st.lists(st.integers(-8, 8).map(lambda v: v / 2), min_size=c, max_size=c), min_size=r, max_size=r)))


SCALARS = st.one_of(
    st.none(), st.booleans(), st.text(max_size=4), st.sampled_from(["2", "1e400", "nan", " 3 "]),
    st.integers(-3, 12), st.sampled_from([0, -1, 10 ** 6, 10 ** 30, 10 ** 400, -10 ** 400, 2 ** 63]),
    st.floats(allow_nan=True, allow_infinity=True), st.sampled_from([1.5, 2.0, -0.0, 1e200, -1e308]),
    st.dictionaries(st.text(max_size=2), st.integers(), max_size=2))
"""Anything a JSON call, or a clumsy reader, might pass where a number is expected."""


@st.composite
def spoiled(draw, matrix):
    """A matrix with one entry replaced by something that is no finite number, or a huge one."""
    rows = [list(row) for row in matrix]
    i, j = draw(st.integers(0, len(rows) - 1)), draw(st.integers(0, len(rows[0]) - 1))
    rows[i][j] = draw(st.sampled_from([float("nan"), float("inf"), -float("inf"), None, "a", "1", True, [],
                                       10 ** 400, 2 ** 70, 1e200, -1e300, {"v": 1}]))
    return rows


def hostile_matrices(valid):
    """What may arrive where a matrix is expected, `valid` (a matrix) spoiled or reshaped."""
    return st.one_of(
        SCALARS, spoiled(valid),
        st.just([row[:-1] if i % 2 else row for i, row in enumerate(valid)]),  # ragged (when it has 2 rows or more)
        st.just([valid]), st.just([[valid]]), st.just(valid[0]), st.just([[]]), st.just([]), st.just([[], []]),
        st.just([[[1, 2], [3]]]), st.just([[1, [2]]]), st.just(json.dumps(valid)),
        matrices((1, 40), (1, 40)), st.just(np.zeros((2, 3, 4, 5, 6)).tolist()))


COUNTS = st.one_of(SCALARS, st.integers(-3, 12), st.sampled_from([[2], [1, 1], (2,), "two"]))
"""What may arrive where a stride, a padding or a window is expected."""


@st.composite
def one_hostile(draw, valid, hostile):
    """(arguments, name): the valid arguments, one of them, `name`, replaced by a hostile value
    (hostile: {name: strategy given the valid arguments})."""
    name = draw(st.sampled_from(sorted(hostile)))
    return {**valid, name: draw(hostile[name](valid))}, name


PAIRS = st.one_of(
    st.integers(-2, 6), st.tuples(st.integers(-1, 5), st.integers(-1, 5)), SCALARS,
    st.sampled_from([(1,), (1, 2, 3), [[1, 2]], [[1], [1, 2]], (True, 1), (1.0, 1), (np.int64(2), 1),
                     (10 ** 40, 1), 2 ** 26, (1, 10 ** 6), np.array([2, 1])]))
"""What may arrive where a stride, padding, dilation or window (an int or a pair) is expected."""


@st.composite
def hostile_arrays(draw, valid):
    """What may arrive where an array is expected, `valid` (an array) spoiled or reshaped."""
    A = np.asarray(valid)
    spoil = draw(st.sampled_from(["nan", "inf", "huge", "none", "text", "bool", "int", "complex", "ragged",
                                  "0-d", "drop an axis", "5-d", "empty", "more channels", "scalar"]))
    if spoil in ("nan", "inf", "huge", "none", "text"):
        spoiled = A.astype(object)
        spoiled.flat[draw(st.integers(0, A.size - 1))] = {"nan": np.nan, "inf": -np.inf, "huge": 10 ** 400,
                                                          "none": None, "text": "a"}[spoil]
        return spoiled.tolist() if spoil in ("huge", "none", "text") else spoiled.astype(float)
    if spoil == "bool":
        return A > 0
    if spoil == "int":
        return np.round(A).astype(int)
    if spoil == "complex":
        return A + 1j
    if spoil == "ragged":
        nested = A.tolist()
        if A.ndim == 1:
            nested[0] = [nested[0], 1.0]
        else:
            nested[0] = nested[0][:-1] if len(nested[0]) > 1 else nested[0] + nested[0]
        return nested
    if spoil == "0-d":
        return A.reshape(-1)[0]
    if spoil == "drop an axis":
        return A[0]
    if spoil == "5-d":
        return A[None]
    if spoil == "empty":
        axis = draw(st.integers(0, A.ndim - 1))
        return np.take(A, [], axis=axis)
    if spoil == "more channels":
        return np.concatenate([A, A], axis=min(1, A.ndim - 1))
    return draw(SCALARS)


def pair(value):
    """An option the layer accepted, as PyTorch takes it: a pair of Python ints."""
    return tuple(int(v) for v in ((value, value) if np.ndim(value) == 0 else value))


def refused_naming_or_agrees(call, arguments, names, oracle):
    """call(**arguments) raises a ValueError whose message names one of `names`, or returns
    what oracle(**arguments) computes (NaN where PyTorch has NaN)."""
    try:
        result = bounded(lambda: call(**arguments))
    except ValueError as error:
        assert any(names_word(str(error), name) for name in names), f"the message names none of {sorted(names)}: {error}"
        return
    for ours, theirs in zip(result if isinstance(result, tuple) else (result,), oracle(**arguments)):
        tolerance = 1e-9 if ours.dtype == np.float64 else 1e-5  # bools and small ints: float32, as numpy promotes
        np.testing.assert_allclose(ours, theirs, rtol=tolerance, atol=tolerance, equal_nan=True)


def as_tensor(A, grad=False):
    return torch.tensor(np.asarray(A, dtype=np.float64), requires_grad=grad)


