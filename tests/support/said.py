"""Read back a sentence a lesson made from one of its templates (coursekit.page.words), in
any language: the template, from the lesson's catalog, becomes a pattern whose groups are
its parameters, so that a test reads the numbers of the Portuguese sentence as it reads
the English one, and a reworded template needs no new regex.

    with written_in("pt-BR"):
        sentence = steps.forward_walkthrough(X, 2, 2)["steps"][0]["sentence"]
        said = read(Words("pooling_site"), "step.forward", sentence)   # {"i": "0", "values": "1; 0,5", ...}
"""

import re
from contextlib import contextmanager

from coursekit.page import language
from coursekit.page.words import PARAMETER, Words  # noqa: F401  (tests name the lesson's words so)

LANGUAGES = language.LANGUAGES


@contextmanager
def written_in(name):
    """Words and numbers written in `name` inside the block; the language before, after it."""
    before = language.current()
    language.use(name)
    try:
        yield name
    finally:
        language.use(before)


def pattern(template):
    """A template's regex: its literal text as it is, each {parameter} a named group (any
    text, as little as will do; the same parameter twice must be the same text)."""
    parts, seen, at = [], set(), 0
    for match in PARAMETER.finditer(template):
        parts.append(re.escape(template[at:match.start()]))
        name = match.group(1)
        parts.append(f"(?P={name})" if name in seen else f"(?P<{name}>.+?)")
        seen.add(name)
        at = match.end()
    parts.append(re.escape(template[at:]))
    return re.compile("".join(parts), re.S)


def read(words, key, sentence):
    """{parameter: its text} of `sentence`, which `words`' template `key` (in the current
    language) made; fails the test, quoting both, where the sentence does not fit it."""
    template = words.catalog_texts()[key]
    match = pattern(template).fullmatch(sentence)
    assert match, f"{sentence!r} is not what {key!r} says: {template!r}"
    return match.groupdict()
