"""Every formula a page writes reaches KaTeX: no LaTeX is left in the page's text outside
the math elements arithmatex makes (code, scripts and the walkthroughs' data aside). Two
display formulas written on consecutive lines, for instance, are not recognised as math:
the reader would see `\\frac{\\partial L}...` as text, and no other check would notice."""

import re

from bs4 import BeautifulSoup

LATEX = re.compile(r"\\(?:frac|begin\{|end\{|partial|mathbb|text\{|left|right)|\\\[|\\\]")
NOT_PROSE = ["script", "style", "code", "pre", "textarea", ".arithmatex", "template"]


def untypeset(html):
    """The stretches of a page's text that still hold LaTeX."""
    soup = BeautifulSoup(html, "html.parser")
    for selector in NOT_PROSE:
        for element in soup.select(selector):
            element.decompose()
    article = soup.select_one("article") or soup
    text = article.get_text(" ")
    return [text[max(0, m.start() - 40):m.end() + 40] for m in LATEX.finditer(text)]


def test_no_page_shows_raw_latex(offline_build):
    found = {str(path.relative_to(offline_build)): untypeset(path.read_text(encoding="utf-8"))
             for path in sorted(offline_build.rglob("*.html"))}
    assert not {page: stretches for page, stretches in found.items() if stretches}


def test_consecutive_displays_are_caught():
    """The check sees the mistake it is for: a display arithmatex did not take."""
    assert untypeset('<article><p>[ Y = \\frac{a}{b} ]</p></article>')
    assert not untypeset('<article><div class="arithmatex">\\[ Y = \\frac{a}{b} \\]</div></article>')
