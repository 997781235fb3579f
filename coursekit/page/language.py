"""The language the page's words and numbers are written in, one for the whole process: at
build time, that of the edition being built (coursekit.site's `language`); in the page's
Python, that of the page (its <html lang>, which the widgets' bridge sends with each call).

    use("pt-BR")
    current()            == "pt-BR"
    writing()["decimal"] == ","

WRITING is how each language writes a number and a list of them: pt-BR writes 0,5, and so
separates the numbers of a list with ";" (max(0,5; 1)), where English writes 0.5 and ",".
coursekit.page.answers reads what a reader types by rules of its own, which accept more.
This module runs at build time and in the page's Python: standard library only.
"""

import os

WRITING = {
    "en": {"decimal": ".", "latex_decimal": ".", "separator": ", ", "latex_separator": ", "},
    "pt-BR": {"decimal": ",", "latex_decimal": "{,}", "separator": "; ", "latex_separator": ";\\ "},
}
LANGUAGES = tuple(WRITING)
"""The languages the site is written in, English (the source) first."""

ENVIRONMENT = "COURSEKIT_LANGUAGE"
"""The language to start in, where the page's Python says it before this module is imported
(page_runtime's written_in); else English."""


def resolve(language):
    """One of LANGUAGES for a page's `language`: itself, else the first with its base (pt-PT
    is written as pt-BR); a ValueError for a language the site is not written in."""
    if language in WRITING:
        return language
    base = str(language).split("-")[0].lower()
    for known in LANGUAGES:
        if known.split("-")[0] == base:
            return known
    raise ValueError(f"the site is written in {', '.join(LANGUAGES)}, not in {language!r}")


_current = resolve(os.environ.get(ENVIRONMENT) or "en")


def use(language):
    """Write every word and number from now on in `language` (resolved)."""
    global _current
    _current = resolve(language)
    return _current


def current():
    """The language words and numbers are written in now."""
    return _current


def writing():
    """How the current language writes numbers: WRITING[current()]."""
    return WRITING[_current]
