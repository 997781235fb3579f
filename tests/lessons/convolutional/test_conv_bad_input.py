"""Bad input gets a ValueError that names the problem and the argument it concerns (the
page's editor shows it by that field), never a numpy error or a silent answer."""

import pytest

X = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
K = [[1, 0], [-1, 1]]
dL_dY = [[0.5, -0.5], [1, 0]]


@pytest.mark.parametrize("call, argument, message", [
    (lambda c: c.conv_forward(X, [[1, 2, 3, 4]], 0), "K", r"kernel K \(1, 4\) is larger than the input X \(3, 3\)"),
    (lambda c: c.conv_forward([[1, 2]], [[1], [2]], 0), "K", r"kernel K \(2, 1\) is larger than the input X \(1, 2\)"),
    (lambda c: c.conv_backward(dL_dY, [[1, 2]], [[1], [2]]), "K", r"larger than the input"),
    (lambda c: c.conv_backward([[1, 2, 3]], X, K), "dL_dY",
     r"dL/dY must have the shape of the output Y, \(2, 2\), but it has shape \(1, 3\)"),
    (lambda c: c.conv_backward([[1], [2]], X, K), "dL_dY", r"dL/dY must have the shape .* \(2, 1\)"),
    (lambda c: c.conv_forward([1, 2, 3], K, 0), "X", r"X must be a 2-D array \(a matrix\), but it has 1 dimension"),
    (lambda c: c.conv_forward([[[1, 2]]], K, 0), "X", r"X must be a 2-D array .* 3 dimension"),
    (lambda c: c.conv_forward(X, 5, 0), "K", r"K must be a 2-D array .* 0 dimension"),
    (lambda c: c.conv_backward([0.5, 1], X, K), "dL_dY", r"dL/dY must be a 2-D array"),
    (lambda c: c.conv_forward([[1, 2], [3]], K, 0), "X",
     r"X must be a matrix of numbers, with the same number of entries in every row"),
    (lambda c: c.conv_forward([["a", "b"], ["c", "d"]], K, 0), "X", r"X must be a matrix of numbers"),
    (lambda c: c.conv_forward(X, [[1, float("nan")]], 0), "K", r"K must contain only finite numbers"),
    (lambda c: c.conv_forward([[]], K, 0), "X", r"X must not be empty"),
    (lambda c: c.conv_forward(X, K, [1, 2]), "b", r"b must be a single number \(one kernel has one bias\)"),
    (lambda c: c.conv_forward(X, K, "one"), "b", r"b must be a number, not 'one'"),
    (lambda c: c.conv_forward(X, K, float("inf")), "b", r"b must be a finite number"),
    (lambda c: c.conv_forward(X, K, 0, stride=0), "stride", r"the stride must be a whole number, at least 1, not 0"),
    (lambda c: c.conv_forward(X, K, 0, stride=1.5), "stride", r"the stride must be a whole number"),
    (lambda c: c.conv_forward(X, K, 0, stride="two"), "stride",
     r"the stride must be a whole number, at least 1, not 'two'"),
    (lambda c: c.conv_forward(X, K, 0, stride=10 ** 400), "stride", r"the stride must be a whole number"),
    (lambda c: c.conv_forward(X, K, 0, padding=-1), "padding", r"the padding must be a whole number, at least 0, not -1"),
    (lambda c: c.conv_forward([[1]], [[1, 2, 3, 4]], 0, padding=1), "K",
     r"kernel K \(1, 4\) is larger than the input X padded with 1 zeros, \(3, 3\)"),
])
def test_bad_input_raises_a_clear_value_error_about_its_argument(conv, call, argument, message):
    with pytest.raises(ValueError, match=message) as raised:
        call(conv)
    assert raised.value.argument == argument
