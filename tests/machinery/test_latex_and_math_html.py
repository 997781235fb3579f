"""Golden pairs for the build-time math and the page's widgets' HTML: input in, the exact
output out; and the one number format, the same in LaTeX and in text."""

import json

import pytest
from bs4 import BeautifulSoup

from coursekit import card_math, json_data, latex, math_html
from coursekit.page import numbers


@pytest.mark.parametrize("value, tex, text", [
    (3.0, "3", "3"), (-1, "-1", "\u22121"), (0.5, "0.5", "0.5"), (-0.0, "0", "0"), (0.1 + 0.2, "0.3", "0.3"),
    (1 / 3, "0.333333", "0.333333"), (-2 / 3, "-0.666667", "\u22120.666667"),
    (-2.5e-7, "-2.5 \\times 10^{-7}", "\u22122.5 \u00d7 10\u207b\u2077"),
    (1234567890.0, "1.23457 \\times 10^{9}", "1.23457 \u00d7 10\u2079"),
    (123456.0, "123456", "123456"), (1e16, "1 \\times 10^{16}", "1 \u00d7 10\u00b9\u2076"),
    (float("-inf"), "-\\infty", "\u2212\u221e"), (float("nan"), "\\text{NaN}", "NaN"),
])
def test_one_number_format_in_latex_and_in_text(value, tex, text):
    assert latex.number(value) == numbers.latex(value) == tex
    assert numbers.text(value) == text


@pytest.mark.parametrize("value", [1 / 3, -2.5e-7, 123.456789, -98765.4321, 7e21, 0.000123456789, 42.0])
def test_latex_and_text_show_the_same_digits_and_sign(value):
    """What KaTeX sets from the LaTeX (its "-" is the minus sign) is what the text shows."""
    negative, digits, exponent = numbers.parts(value)
    tex, text = numbers.latex(value), numbers.text(value)
    assert tex.startswith("-") == text.startswith(numbers.MINUS) == negative
    assert digits in tex and digits in text
    if exponent is not None:
        assert f"10^{{{exponent}}}" in tex
        assert text.endswith("10" + str(exponent).translate(numbers.SUPERSCRIPTS))


def test_negative_operands_are_parenthesised():
    assert latex.product(4, -1) == "4 \\cdot (-1)"
    assert latex.total([latex.operand(0.5), latex.operand(-0.5)]) == "0.5 + (-0.5)"
    assert numbers.operand(-0.5) == "(\u22120.5)"


def test_matrix_max_and_mean():
    assert latex.matrix([[1, -2], [0.5, 0]]) == "\\begin{bmatrix} 1 & -2 \\\\ 0.5 & 0 \\end{bmatrix}"
    assert latex.call("max", [[1, 3], [-2, 0]]) == "\\max(1, 3, -2, 0)"
    assert latex.mean([1, -2, 3, 4]) == "\\frac{1 + (-2) + 3 + 4}{4}"


def test_display_math_is_escaped_and_labelled():
    html = math_html.display("a < b & c", result='Y"<')
    assert html == '<div class="arithmatex" data-result="Y&quot;&lt;">\\[a &lt; b &amp; c\\]</div>'


def test_inline_math():
    assert math_html.inline("x_1 > 0") == '<span class="arithmatex">\\(x_1 &gt; 0\\)</span>'


def test_results_and_expansions_are_tagged_for_reading_back():
    assert card_math.matrix("dL/dY", [[1, -1]], "\\frac{a}{b}") == (
        '<div class="arithmatex" data-result="dL/dY">\\[\\frac{a}{b} = \\begin{bmatrix} 1 &amp; -1 \\end{bmatrix}\\]</div>')
    assert card_math.scalar("b", -0.5) == '<div class="arithmatex" data-result="b">\\[b = -0.5\\]</div>'
    lines = card_math.product_lines([[(1, 2), (3, -4)], [(5, 6)]], extra=[-1])
    assert lines == ["1 \\cdot 2 + 3 \\cdot (-4)", "5 \\cdot 6 + (-1)"]
    assert card_math.expansion("Y", (0, 1), "Y", [lines, "x"], 18) == (
        '<div class="arithmatex" data-entry="Y" data-index="0,1">\\[\\begin{aligned} Y[0,1] &amp;= '
        '1 \\cdot 2 + 3 \\cdot (-4) \\\\ &amp;\\quad + 5 \\cdot 6 + (-1) \\\\ &amp;= x \\\\ &amp;= 18 '
        '\\end{aligned}\\]</div>')


def test_data_for_the_pages_scripts_is_an_attribute_holding_exactly_it():
    data = {"sentence": "the window's max & more", "html": "<table></table></script><b>x</b>", "n": [1, -0.5]}
    html = f"<div {json_data.json_attribute(data)}></div>"
    element = BeautifulSoup(html, "html.parser").div
    assert json.loads(element["data-json"]) == data
    assert element.find("b") is None and "<script" not in html.split("data-json")[0]
