"""The words of the page's widgets, from the catalog the page reads too, one per language:
docs/assets/messages/<language>.json (en.json, and pt-BR.json with the same keys), by key,
with {name} parameters (docs/assets/messages/messages.mjs is the page's side, which picks
the catalog of the page's <html lang>). The build writes button labels and other widget
text with `message`, in the language the site is built in (coursekit.site's `language`).

A lesson's own words (its misconceptions, "mistake.<name>") live with the lesson, in
<layer>_site/messages/<language>.json: `catalog_for` adds them to the site's for the
lesson's exercises, and each exercise carries to the page the ones it may say. A lesson's
key that the site's catalog has too stops the build: no lesson rewords a widget. A
catalog missing in the language being built stops the build, naming it: nothing falls
back to English.
"""

import json
from functools import lru_cache
from pathlib import Path

from coursekit import site
from coursekit.page.words import PARAMETER, fill  # noqa: F401  (the page's words fill the same way)

CATALOGS = "assets/messages"
"""The site's catalogs, one per language: <language>.json (en.json, the source, has every key)."""
CATALOG = f"{CATALOGS}/en.json"


class CatalogError(Exception):
    """A catalog that cannot be used as it stands: the build stops with this message."""


@lru_cache(maxsize=16)
def _read(path, modified):
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _load(path, what):
    """{key: text} of the catalog at `path`; a CatalogError naming it where it cannot be used."""
    try:
        texts = _read(str(path), path.stat().st_mtime_ns)
    except FileNotFoundError:
        raise CatalogError(f"{path}: no such catalog: {what}") from None
    except json.JSONDecodeError as error:
        raise CatalogError(f"{path}: not valid JSON: {error}") from None
    if not isinstance(texts, dict) or not all(isinstance(v, str) for v in texts.values()):
        raise CatalogError(f"{path}: a catalog is one JSON object of {{key: text}}")
    return texts


def catalog(docs_dir, language="en"):
    """{key: text} of the site's catalog in `language` (read again when it changes)."""
    return _load(Path(docs_dir) / CATALOGS / f"{language}.json",
                 f"a site built in {language!r} has the widgets' words in it, with the keys of en.json")


def languages(docs_dir):
    """The languages the site's widgets have words in: one per catalog, English first."""
    found = sorted(path.stem for path in (Path(docs_dir) / CATALOGS).glob("*.json"))
    return ["en"] + [language for language in found if language != "en"]


def lesson_catalog_file(language="en"):
    """A lesson's catalog in `language`, in its site package: messages/<language>.json."""
    return f"messages/{language}.json"


LESSON_CATALOG = lesson_catalog_file("en")
"""A lesson's catalog in English, the one its other languages follow key by key."""


def lesson_catalog(lesson, language="en"):
    """{key: text} of a lesson's own catalog (coursekit.lessons.Lesson) in `language`: {} if
    it has none in English; in another language, a CatalogError if its English one has keys."""
    if not lesson.site:
        return {}
    english = lesson.site / LESSON_CATALOG
    if language == "en" or not english.is_file():
        return _load(english, "") if english.is_file() else {}
    return _load(lesson.site / lesson_catalog_file(language),
                 f"the lesson {lesson.name!r} has words of its own ({english.name}): give them in {language!r} too")


def catalog_for(docs_dir, module, language="en"):
    """The site's catalog and the catalog of the lesson whose module `module` is (a dotted
    name), together, in `language`; a CatalogError where the lesson's repeats a key of the
    site's, or a catalog is missing."""
    from coursekit.lessons import use  # the lessons of the site being built

    site_texts = catalog(docs_dir, language)
    top = module.partition(".")[0]
    for lesson in use(docs_dir).values():
        if top in lesson.modules():
            own = lesson_catalog(lesson, language)
            clash = sorted(set(own) & set(site_texts))
            if clash:
                raise CatalogError(f"{lesson.site / lesson_catalog_file(language)} repeats the site's keys {clash}: "
                                   "a lesson's catalog has its own words only (its misconceptions, mistake.<name>)")
            return {**site_texts, **own}
    return site_texts


def message(key, **params):
    """The catalog's text for `key`, in the language of the page being built, its
    parameters filled in; a key it lacks is an error naming the key and the catalog."""
    settings = site.current(f"message {key!r}")
    texts = catalog(settings.docs_dir, settings.language)
    if key not in texts:
        raise KeyError(f"no message {key!r} in {CATALOGS}/{settings.language}.json")
    return fill(texts[key], key, params)
