"""The lesson's own checks, those that teach something (the kernel must fit inside the
input; dL/dY has the shape of Y), raise a ValueError that names the problem and the
argument it concerns (the page's editor shows it by that field). Hostile values (text,
NaN, ragged lists) are the kit's to refuse: tests/machinery/test_values.py."""

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
    (lambda c: c.conv_forward([[1]], [[1, 2, 3, 4]], 0, padding=1), "K",
     r"kernel K \(1, 4\) is larger than the input X padded with 1 zeros, \(3, 3\)"),
])
def test_the_lessons_checks_name_their_argument(conv, call, argument, message):
    with pytest.raises(ValueError, match=message) as raised:
        call(conv)
    assert raised.value.argument == argument
