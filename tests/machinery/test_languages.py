"""The site's words in each language it has a catalog for (docs/assets/messages/<language>.json,
en.json the source): every catalog has the keys of the English one, each with the same
parameters, and so does each lesson's (<layer>_site/messages/<language>.json). The build
and the page pick the catalog of the language they are in, and one that is missing stops
them, named: nothing falls back to English."""

import json
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from coursekit import lessons, messages, site
from coursekit.messages import PARAMETER
from tests.support.site import DOCS

LANGUAGES = messages.languages(DOCS)
LESSONS = lessons.find_lessons(DOCS)
NODE = Path(sys.executable).with_name("node")
MESSAGES = DOCS / "assets/messages/messages.mjs"


def parameters(texts):
    return {key: set(PARAMETER.findall(text)) for key, text in texts.items()}


def test_the_site_has_words_in_english_and_in_portuguese():
    assert LANGUAGES[0] == "en" and "pt-BR" in LANGUAGES


@pytest.mark.parametrize("language", LANGUAGES[1:])
def test_each_catalog_has_the_english_keys_with_their_parameters(language):
    english, other = messages.catalog(DOCS), messages.catalog(DOCS, language)
    assert list(other) == list(english), f"{language}.json: the keys of en.json, in its order"
    assert parameters(other) == parameters(english)


@pytest.mark.parametrize("language", LANGUAGES[1:])
@pytest.mark.parametrize("name", sorted(LESSONS))
def test_each_lessons_catalog_has_its_english_keys_with_their_parameters(name, language):
    english, other = messages.lesson_catalog(LESSONS[name]), messages.lesson_catalog(LESSONS[name], language)
    assert list(other) == list(english), f"{name}: {messages.lesson_catalog_file(language)} has the keys of " \
                                         f"{messages.LESSON_CATALOG}, in its order"
    assert parameters(other) == parameters(english)


def english_left(english, other):
    """The keys whose text is the same in both catalogs and has words: English left untranslated
    (labels such as "NaN", "{url}: HTTP {status}" or "Y[{i},{j}] = {y}" aside: nothing of more
    than two words besides its parameters and symbols)."""
    return [key for key, text in english.items()
            if other.get(key) == text and len(re.findall(r"[^\W\d_]{2,}", PARAMETER.sub("", text))) > 2]


@pytest.mark.parametrize("language", LANGUAGES[1:])
def test_a_translation_is_not_the_english_left_in_place(language):
    same = english_left(messages.catalog(DOCS), messages.catalog(DOCS, language))
    assert not same, f"{language}.json repeats the English of {same}"


@pytest.mark.parametrize("language", LANGUAGES[1:])
@pytest.mark.parametrize("name", sorted(LESSONS))
def test_a_lessons_translation_is_not_the_english_left_in_place(name, language):
    same = english_left(messages.lesson_catalog(LESSONS[name]), messages.lesson_catalog(LESSONS[name], language))
    assert not same, f"{name}: {messages.lesson_catalog_file(language)} repeats the English of {same}"


def test_a_missing_catalog_stops_the_build_naming_it(tmp_path, monkeypatch):
    (tmp_path / messages.CATALOGS).mkdir(parents=True)
    (tmp_path / messages.CATALOG).write_text(json.dumps({"runner.done": "Done."}), encoding="utf-8")
    with pytest.raises(messages.CatalogError, match=r"de\.json: no such catalog: a site built in 'de'"):
        messages.catalog(tmp_path, "de")
    monkeypatch.setattr(site, "_current", SimpleNamespace(docs_dir=tmp_path, language="de"))
    with pytest.raises(messages.CatalogError, match=r"de\.json"):
        messages.message("runner.done")
    lesson = SimpleNamespace(name="toy", site=tmp_path / "toy_site")
    (lesson.site / "messages").mkdir(parents=True)
    (lesson.site / messages.LESSON_CATALOG).write_text(json.dumps({"mistake.x": "X."}), encoding="utf-8")
    with pytest.raises(messages.CatalogError, match=r"toy_site/messages/de\.json: no such catalog: the lesson 'toy'"):
        messages.lesson_catalog(lesson, "de")


def test_the_build_words_widgets_in_the_language_it_builds(monkeypatch):
    for language in LANGUAGES:
        monkeypatch.setattr(site, "_current", SimpleNamespace(docs_dir=DOCS, language=language))
        assert messages.message("practice.check") == messages.catalog(DOCS, language)["practice.check"]


PAGE_IN = """
globalThis.document = { documentElement: { lang: process.argv[1] } };
const { t, LANGUAGE, LANGUAGES } = await import(%(messages)s);
process.stdout.write(JSON.stringify({ language: LANGUAGE, check: t("practice.check"),
  done: t("runner.done", { seconds: "1,50" }), languages: LANGUAGES }));
"""


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_page_words_its_widgets_in_its_own_language(language):
    """messages.mjs, in a page whose <html lang> is `language`, reads that language's catalog."""
    script = PAGE_IN % {"messages": json.dumps(MESSAGES.as_uri())}
    result = subprocess.run([str(NODE), "--input-type=module", "-e", script, language],
                            capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert result.returncode == 0, result.stderr
    texts = messages.catalog(DOCS, language)
    assert json.loads(result.stdout) == {"language": language, "check": texts["practice.check"],
                                         "done": messages.fill(texts["runner.done"], "runner.done",
                                                               {"seconds": "1,50"}),
                                         "languages": LANGUAGES}, "every catalog is imported by messages.mjs"


def test_a_page_in_a_language_with_no_catalog_fails_loudly():
    script = PAGE_IN % {"messages": json.dumps(MESSAGES.as_uri())}
    result = subprocess.run([str(NODE), "--input-type=module", "-e", script, "de"],
                            capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert result.returncode != 0 and "de.json" in result.stderr
