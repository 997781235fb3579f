"""The site's editions (coursekit/editions.py): each a complete site of its own, in its
language, with every page of the other, and a switch on every page that leads to the same
page in the other edition; a page without its translation stops the build, naming it.
The numbers of the Portuguese pages are read back against PyTorch by the lessons' own page
tests (tests/lessons/<layer>/, over both editions)."""

import json
import re
import shutil

import pytest
from bs4 import BeautifulSoup

from coursekit import editions, exercises
from tests.support.site import DOCS, ROOT, build_site, copy_project, page_files

EDITIONS = editions.editions(ROOT)
ENGLISH, OTHERS = EDITIONS[0], EDITIONS[1:]
ENGLISH_WORDS = {"the", "and", "of", "with", "which", "this", "that", "each", "every", "from", "its", "your", "you",
                 "is", "are", "to", "by", "what", "when", "where", "how", "into", "than", "then", "only",
                 "it", "be", "has", "have", "will", "can", "on", "at", "an", "or", "not", "one", "two"}
"""Words of English that Portuguese has none of ("as" and "for" it has): one of them in a
Portuguese sentence is English left in it."""
CODE = "code, pre, kbd, script, style, .arithmatex, .katex, .md-source, .md-search-result"
"""What is no prose: code (Python's output and identifiers stay as Python writes them), math, the repository's name."""
SAID = ("sentence", "title", "caption", "label", "ask", "message", "statement", "text", "why", "hint", "summary")
"""Keys of the pages' data (data-json) that hold words the widgets show."""


def edition_pages(site, chosen):
    """{path of the page in its edition: its HTML file} of one edition's pages."""
    root = site / chosen.link if chosen.link else site
    exclude = (*{e.link.strip("/") for e in OTHERS}, "assets", "checks")
    return {path.relative_to(root).as_posix(): path for path in page_files(root, exclude=exclude)}


def prose(html):
    """The words a reader reads on a page (its prose and the widgets' words), code and math aside."""
    soup = BeautifulSoup(html, "html.parser")
    said = []
    for element in soup.select("[data-json]"):
        said.extend(_words_in(json.loads(element["data-json"])))
    for element in soup.select(CODE):
        element.decompose()
    said.extend(element[name] for name in ("alt", "title", "aria-label", "placeholder")
                for element in soup.select(f"[{name}]"))
    said.extend(soup.get_text(" ").split("\n"))
    return [line.strip() for line in said if line.strip()]


def _words_in(data, key=None):
    if isinstance(data, dict):
        return [text for name, value in data.items() for text in _words_in(value, name)]
    if isinstance(data, list):
        return [text for value in data for text in _words_in(value, key)]
    return [data] if isinstance(data, str) and key in SAID else []


def english_in(lines):
    """The lines with a word of English in them (the line, and the words)."""
    found = []
    for line in lines:
        words = {word.lower() for word in re.findall(r"[^\W\d_]+", line)} & ENGLISH_WORDS
        if words:
            found.append(f"{sorted(words)}: {line[:160]}")
    return found


def test_every_edition_has_every_page_and_says_its_language(built_site):
    english = edition_pages(built_site, ENGLISH)
    assert len(english) >= 10, sorted(english)
    for chosen in EDITIONS:
        pages = edition_pages(built_site, chosen)
        assert sorted(pages) == sorted(english), f"{chosen.language}: the pages of the English edition, no more"
        for path, file in pages.items():
            html = file.read_text(encoding="utf-8")
            assert f'<html lang="{chosen.language}"' in html, f"{chosen.language} {path}"
            assert 'http-equiv="Content-Security-Policy"' in html, f"{chosen.language} {path}: its policy"
        search = built_site / chosen.link / "search/search_index.json"
        assert json.loads(search.read_text(encoding="utf-8"))["config"]["lang"] == [chosen.language.split("-")[0]], \
            f"{chosen.language}: a search of its own, in its language"


def test_the_switch_on_every_page_leads_to_the_same_page_in_the_other_edition(built_site):
    for chosen in EDITIONS:
        for path, file in edition_pages(built_site, chosen).items():
            soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
            links = {link["hreflang"]: link["href"] for link in soup.select("a.md-select__link[hreflang]")}
            assert sorted(links) == sorted(e.language for e in EDITIONS), f"{chosen.language} {path}: {links}"
            for other in EDITIONS:
                href = links[other.language]  # the 404 page's are from the site's root: it is served anywhere
                target = (built_site / href.lstrip("/") if href.startswith("/") else file.parent / href).resolve()
                target = target / "index.html" if target.is_dir() else target
                # The 404 page is served at any missing address: its switch leads to the other home page.
                expected = (built_site / other.link / ("index.html" if path == "404.html" else path)).resolve()
                assert target == expected, f"{chosen.language} {path}: {other.language} leads to {target}"


@pytest.mark.parametrize("chosen", OTHERS, ids=lambda e: e.language)
def test_no_english_is_left_in_a_page_outside_code(built_site, chosen):
    english = edition_pages(built_site, ENGLISH)
    assert all(english_in(prose(file.read_text(encoding="utf-8"))) for file in english.values()), \
        "the check finds English on every English page"
    left = {path: found for path, file in edition_pages(built_site, chosen).items()
            if (found := english_in(prose(file.read_text(encoding="utf-8")))) and path != "404.html"}
    assert not left, "English words in the {} edition:\n{}".format(
        chosen.language, "\n".join(f"{path}:\n  " + "\n  ".join(found[:12]) for path, found in left.items()))


def numbers_written(html):
    """Where a page writes numbers: its math (LaTeX) and its walkthroughs' sentences, and
    apart, the walkthroughs' cells (a number each)."""
    soup = BeautifulSoup(html, "html.parser")
    written, cells = [element.get_text() for element in soup.select(".arithmatex")], []
    for element in soup.select(".walkthrough[data-json]"):
        for step in json.loads(element["data-json"])["steps"]:
            panels = step.get("panels") or [panel for row in step.get("rows", []) for panel in row["panels"]]
            written.append(step["sentence"])
            cells += [cell for panel in panels for row in panel["cells"] for cell in row]
    return written, cells


@pytest.mark.parametrize("chosen", EDITIONS, ids=lambda e: e.language)
def test_each_edition_writes_its_own_decimal_mark(built_site, chosen):
    """English writes 0.5; Portuguese 0,5 (0{,}5 in LaTeX), and never a decimal point outside
    code. (A comma between digits is also an index, X[0,1]: a cell holds a number alone.)"""
    other = r"\d\{,\}\d" if chosen is ENGLISH else r"\d\.\d"
    mark = "," if chosen is ENGLISH else "."
    found, seen = {}, 0
    for path, file in edition_pages(built_site, chosen).items():
        written, cells = numbers_written(file.read_text(encoding="utf-8"))
        seen += len(written) + len(cells)
        wrong = [text[:120] for text in written if re.search(other, text)] + [cell for cell in cells if mark in cell]
        if wrong:
            found[path] = wrong
    assert seen > 100, "a guard: the pages' numbers were found"
    assert not found, f"{chosen.language}: numbers with the other edition's decimal mark: {found}"


def runnable(markdown):
    """What a page gives its readers to run: its pyodide blocks (snippet lines as written) and
    its exercises' code and declarations, all but their words."""
    blocks = re.findall(r"^```pyodide[^\n]*\n(.*?)^```$", markdown, re.S | re.M)
    worded = ("title", "statement", "options", "hints")
    declared = [{key: value for key, value in exercises.read(body).items() if key not in worded}
                for body in exercises.declared_in(markdown)]
    return blocks, declared


@pytest.mark.parametrize("chosen", OTHERS, ids=lambda e: e.language)
def test_the_code_readers_run_is_the_same_in_every_edition(chosen):
    """One source for the code: an edition's page translates words, never the code it runs."""
    for page in editions.pages(DOCS):
        english, translated = (runnable(path.read_text(encoding="utf-8")) for path in (page, chosen.page(page)))
        assert translated == english, f"{chosen.page(page).relative_to(DOCS)}: its blocks and exercises' code"


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


def test_a_page_without_its_translation_stops_the_build_naming_it(project, tmp_path):
    (project / "docs/classes/deep-learning/pooling.pt.md").unlink()
    with pytest.raises(AssertionError, match=r"no page for docs/classes/deep-learning/pooling\.md: write "
                                             r"docs/classes/deep-learning/pooling\.pt\.md"):
        build_site(project, tmp_path / "site")


def test_a_translation_without_its_page_stops_the_build(project, tmp_path):
    shutil.copy(project / "docs/index.pt.md", project / "docs/instructors/gone.pt.md")
    with pytest.raises(AssertionError, match=r"no English page for docs/instructors/gone\.pt\.md"):
        build_site(project, tmp_path / "site")


def test_a_title_without_its_words_stops_the_build_naming_it(project, tmp_path):
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("- Tests: ", "- Tests of the site: "), encoding="utf-8")
    with pytest.raises(AssertionError, match=r"editions/pt-BR\.yml has no words for 'Tests of the site'"):
        build_site(project, tmp_path / "site")


def test_a_lessons_missing_word_stops_the_build_naming_the_key_and_the_page(project, tmp_path):
    catalog = project / "docs/classes/deep-learning/pooling_site/messages/pt-BR.json"
    texts = json.loads(catalog.read_text(encoding="utf-8"))
    key = next(key for key in texts if key.startswith("walkthrough."))
    catalog.write_text(json.dumps({k: v for k, v in texts.items() if k != key}, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(AssertionError, match=rf"(?s)classes/deep-learning/pooling\.md.*no message '{re.escape(key)}' "
                                             r"in .*pooling_site/messages/pt-BR\.json"):
        build_site(project, tmp_path / "site")


def test_every_page_of_the_docs_has_its_translation():
    """What the build checks, said at once for the checkout (a new page needs its .pt.md)."""
    for chosen in OTHERS:
        missing = [str(page.relative_to(DOCS)) for page in editions.pages(DOCS) if not chosen.page(page).is_file()]
        assert not missing, f"pages without their {chosen.language} file: {missing}"
