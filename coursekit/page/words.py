"""A lesson's own words, in the language being written (coursekit.page.language): the
sentences of its walkthroughs and cards, its questions and its labels, made from templates
in its catalogs, <layer>_site/messages/<language>.json, one per language with the same keys.

    say = Words("<layer>_site")       # in a lesson: Words(__package__)
    say("step.forward", i=0, j=1, values=listing(patch.flat))   # "Y[0,1] = max(1, 2, 3) ..."
    ask = say.later("ask.pooled-entry")    # worded when it is used, in the language of then

A key the catalog lacks, or a parameter its template needs and was not given, is an error
naming the key and the catalog: at build time it stops the build, on the page of the block
that asked for it; nothing falls back to English. The catalogs are read where the package
is, at build time and in the page's Python (the site serves them with the package:
coursekit/lessons.py). Standard library only.
"""

import importlib
import json
import re
import sys
from functools import lru_cache
from pathlib import Path

from coursekit.page import language

FOLDER = "messages"
"""Where a lesson's site package keeps its catalogs: messages/<language>.json."""
PARAMETER = re.compile(r"\{(\w+)\}")


def fill(text, key, params):
    """`text` with each {name} replaced by params[name]; a missing one is a KeyError naming the key."""
    def value(match):
        if match.group(1) not in params:
            raise KeyError(f"message {key!r} needs the parameter {{{match.group(1)}}}")
        return str(params[match.group(1)])
    return PARAMETER.sub(value, text)


@lru_cache(maxsize=32)
def _read(path, modified):
    return json.loads(Path(path).read_text(encoding="utf-8"))


class Words:
    """The words of one lesson's site package (its name, as imported: "<layer>_site")."""

    def __init__(self, package):
        self.package = package
        # A lesson's module makes its Words as its package is imported: the package's folder is
        # known then, and stays its own whatever is imported later under the same name.
        module = sys.modules.get(package)
        self._folder = Path(module.__file__).parent if getattr(module, "__file__", None) else None

    def catalog_file(self, written_in=None):
        """The package's catalog in `written_in` (default: the current language)."""
        if self._folder is None:
            self._folder = Path(importlib.import_module(self.package).__file__).parent
        return self._folder / FOLDER / f"{written_in or language.current()}.json"

    def catalog_texts(self):
        """{key: template} of the package's catalog in the current language."""
        path = self.catalog_file()
        try:
            return _read(str(path), path.stat().st_mtime_ns)
        except FileNotFoundError:
            raise KeyError(f"{self.package} has no catalog in {language.current()!r}: {path} is missing") from None

    def __call__(self, key, **params):
        """The template of `key` in the current language, its {parameters} filled in."""
        texts = self.catalog_texts()
        path = self.catalog_file()
        if key not in texts:
            raise KeyError(f"no message {key!r} in {path}: give it in every language of the lesson")
        return fill(texts[key], key, params)

    def later(self, key):
        """`key`, worded when it is used (str() or .format()): for a question declared once
        and asked in whichever language the page is in."""
        return Later(self, key)


class Later:
    """A lesson's message worded when it is used, in the language of then."""

    def __init__(self, words, key):
        self.words, self.key = words, key

    def format(self, **params):
        return self.words(self.key, **params)

    def __str__(self):
        return self.words(self.key)

    def __repr__(self):
        return f"<{self.words.package} message {self.key!r}>"
