"""Golden pairs for the build-time math: LaTeX in, the exact HTML out."""

import pytest

from coursekit import latex, math_html


@pytest.mark.parametrize("value, text", [
    (3.0, "3"), (-1, "-1"), (0.5, "0.5"), (-0.0, "0"), (0.1 + 0.2, "0.3"),
    (1.25e-7, "1.25 \\times 10^{-7}"), (1234567890.0, "1234567890"),
    (12345678901.0, "1.23456789 \\times 10^{10}"),
])
def test_numbers(value, text):
    assert latex.number(value) == text


def test_negative_operands_are_parenthesised():
    assert latex.product(4, -1) == "4 \\cdot (-1)"
    assert latex.total([latex.operand(0.5), latex.operand(-0.5)]) == "0.5 + (-0.5)"


def test_matrix():
    assert latex.matrix([[1, -2], [0.5, 0]]) == "\\begin{bmatrix} 1 & -2 \\\\ 0.5 & 0 \\end{bmatrix}"


def test_display_math_is_escaped_and_labelled():
    html = math_html.display("a < b & c", result='Y"<')
    assert html == '<div class="arithmatex" data-result="Y&quot;&lt;">\\[a &lt; b &amp; c\\]</div>'


def test_inline_math():
    assert math_html.inline("x_1 > 0") == '<span class="arithmatex">\\(x_1 &gt; 0\\)</span>'
