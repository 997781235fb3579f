"""The words of the page's widgets, from the one catalog the page reads too:
docs/assets/messages/en.json, by key, with {name} parameters (docs/assets/messages/messages.mjs
is the page's side). The build writes button labels and other widget text with `message`.

A lesson's own words (its misconceptions, "mistake.<name>") live with the lesson, in
<layer>_site/messages/en.json: `catalog_for` adds them to the site's for the lesson's
exercises, and each exercise carries to the page the ones it may say. A lesson's key that
the site's catalog has too stops the build: no lesson rewords a widget.
"""

import json
import re
from functools import lru_cache
from pathlib import Path

from coursekit import site

CATALOG = "assets/messages/en.json"
PARAMETER = re.compile(r"\{(\w+)\}")


@lru_cache(maxsize=4)
def _read(path, modified):
    return json.loads(Path(path).read_text(encoding="utf-8"))


def catalog(docs_dir):
    """{key: text} of the site's catalog (read again when it changes)."""
    path = Path(docs_dir) / CATALOG
    return _read(str(path), path.stat().st_mtime_ns)


LESSON_CATALOG = "messages/en.json"
"""A lesson's catalog, in its site package."""


class CatalogError(Exception):
    """A lesson's catalog that cannot be used as it stands: the build stops with this message."""


def lesson_catalog(lesson):
    """{key: text} of a lesson's own catalog (coursekit.lessons.Lesson), {} if it has none."""
    path = lesson.site / LESSON_CATALOG if lesson.site else None
    if path is None or not path.is_file():
        return {}
    try:
        texts = _read(str(path), path.stat().st_mtime_ns)
    except json.JSONDecodeError as error:
        raise CatalogError(f"{path}: not valid JSON: {error}") from None
    if not isinstance(texts, dict) or not all(isinstance(v, str) for v in texts.values()):
        raise CatalogError(f"{path}: a catalog is one JSON object of {{key: text}}")
    return texts


def catalog_for(docs_dir, module):
    """The site's catalog and the catalog of the lesson whose module `module` is (a dotted
    name), together; a CatalogError where the lesson's repeats a key of the site's."""
    from coursekit.lessons import use  # the lessons of the site being built

    site_texts = catalog(docs_dir)
    top = module.partition(".")[0]
    for lesson in use(docs_dir).values():
        if top in lesson.modules():
            own = lesson_catalog(lesson)
            clash = sorted(set(own) & set(site_texts))
            if clash:
                raise CatalogError(f"{lesson.site / LESSON_CATALOG} repeats the site's keys {clash}: a lesson's "
                                   f"catalog has its own words only (its misconceptions, mistake.<name>)")
            return {**site_texts, **own}
    return site_texts


def fill(text, key, params):
    """`text` with each {name} replaced by params[name]; a missing one is an error."""
    def value(match):
        if match.group(1) not in params:
            raise KeyError(f"message {key!r} needs the parameter {{{match.group(1)}}}")
        return str(params[match.group(1)])
    return PARAMETER.sub(value, text)


def message(key, **params):
    """The catalog's text for `key`, for the page being built, its parameters filled in."""
    texts = catalog(site.current(f"message {key!r}").docs_dir)
    if key not in texts:
        raise KeyError(f"no message {key!r} in {CATALOG}")
    return fill(texts[key], key, params)
