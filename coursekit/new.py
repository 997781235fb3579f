"""A new lesson's skeleton, in the course's shape, that builds and passes its tests:

    python -m coursekit.new dropout [--title "Dropout layer"] [--section <folder under docs/>]

writes, under docs/<section>/ (by default the folder of the other lessons), from the
templates in coursekit/lesson_template/:

    dropout.md, dropout.pt.md     the page, in English and in Portuguese: parameters, forward
                                  and backward passes, a walkthrough, the editor, the runnable
                                  file, an exercise
    dropout.py                    the lesson's code as the course keeps it: the example at
                                  the top, numpy only, runs alone
    dropout_site/cards.py         what the page shows at build time
    dropout_site/steps.py         the walkthrough, and the editor's fields (@takes)
    dropout_site/practice.py      an exercise's question and its misconception
    dropout_site/messages/        the lesson's words (walkthrough, question, misconception), in
                                  en.json and pt-BR.json
    tests/lessons/dropout/        the lesson's own test against PyTorch

and adds the page to mkdocs.yml's nav, after the lesson pages of its section, and its title
to each edition's words (editions/pt-BR.yml). The
skeleton's layer is the smallest one with a forward and a backward pass, a scale and a
shift entry by entry (Y = w X + b): replace it with the layer the lesson teaches, keeping
the shape of the files. Nothing else registers a lesson: the shared tests find it.
"""

import argparse
import json
import re
import sys
from pathlib import Path

from coursekit.editions import WORDS, edition_words, editions
from coursekit.lessons import SITE_SUFFIX, LessonError, check_name, find_lessons

TEMPLATES = Path(__file__).parent / "lesson_template"
"""The skeleton's files, with {name}, {title}, {section} and {site} to fill in (str.format)."""


def files(name, title, section, editions=(), titles=None):
    """{path relative to the project: text} of a new lesson: its page and its catalog in
    English and in the language of each other edition (coursekit.editions.Edition), whose
    title for the page is titles[language]."""
    site = name + SITE_SUFFIX
    fields = dict(name=name, title=title, section=section, site=site)

    def filled(template, **more):
        return (TEMPLATES / template).read_text(encoding="utf-8").format(**fields, **more)

    folder = f"docs/{section}"
    written = {
        f"{folder}/{name}.md": filled("page.en.md.tmpl"),
        f"{folder}/{name}.py": filled("main.py.tmpl"),
        f"{folder}/{site}/__init__.py": filled("site_init.py.tmpl"),
        f"{folder}/{site}/cards.py": filled("cards.py.tmpl"),
        f"{folder}/{site}/steps.py": filled("steps.py.tmpl"),
        f"{folder}/{site}/practice.py": filled("practice.py.tmpl"),
        f"{folder}/{site}/messages/en.json": filled("messages.en.json.tmpl"),
        f"tests/lessons/{name}/__init__.py": "",
        f"tests/lessons/{name}/test_{name}.py": filled("test.py.tmpl"),
    }
    for edition in editions:
        if edition.link:
            page = edition.page(Path(f"{folder}/{name}.md")).as_posix()
            written[page] = filled(f"page.{edition.language}.md.tmpl",
                                   **{f"title_{edition.suffix}": titles[edition.language]})
            written[f"{folder}/{site}/messages/{edition.language}.json"] = filled(
                f"messages.{edition.language}.json.tmpl")
    return written


DEFAULT_TITLES = {"pt-BR": "Camada {words}"}
"""A new page's title in each edition's language, from the layer's name (its words)."""


def default_section(project):
    """The folder under docs/ of the project's lessons (of the last one, if they are in
    several), or None if it has none yet."""
    found = find_lessons(Path(project) / "docs")
    if not found:
        return None
    return sorted(lesson.main.parent.relative_to(Path(project) / "docs").as_posix() for lesson in found.values())[-1]


NAV_ENTRY = re.compile(r"^(?P<indent>\s*)- (?P<title>[^:\n]+): (?P<page>\S+\.md)\s*$")


def add_to_nav(config, title, page):
    """mkdocs.yml's text with `title: page` after the last nav entry of the same folder;
    None if the nav has no page in that folder (the instructor places it by hand)."""
    lines = config.splitlines(keepends=True)
    folder = page.rpartition("/")[0]
    last = None
    for number, line in enumerate(lines):
        entry = NAV_ENTRY.match(line)
        if entry and entry["page"].rpartition("/")[0] == folder:
            last = number, entry["indent"]
    if last is None:
        return None
    number, indent = last
    if any(mark in title for mark in ":#'\"") or title != title.strip():
        title = json.dumps(title, ensure_ascii=False)  # a YAML string in double quotes
    return "".join(lines[:number + 1] + [f"{indent}- {title}: {page}\n"] + lines[number + 1:])


def create(project, name, title=None, section=None, titles=None):
    """Write the lesson's files into `project` (refusing to overwrite any), its page in
    every edition's language (titles: {language: the page's title}, by default
    DEFAULT_TITLES), and add its page to the nav, its title to each edition's words.
    Returns the paths written, and whether the nav took the page."""
    project = Path(project)
    check_name(name, f"lesson {name}")
    section = section or default_section(project)
    if section is None:
        raise LessonError("the project has no lesson yet to place this one beside: name its folder with --section")
    title = title or name.replace("_", " ").capitalize() + " layer"
    others = [edition for edition in editions(project) if edition.link]
    missing = [e.language for e in others if not (TEMPLATES / f"page.{e.language}.md.tmpl").is_file()
               or (e.language not in DEFAULT_TITLES and e.language not in (titles or {}))]
    if missing:
        raise LessonError(f"coursekit/lesson_template/ has no page in {', '.join(missing)}: write "
                          + ", ".join(f"page.{language}.md.tmpl and messages.{language}.json.tmpl"
                                      for language in missing) + ", and its default title in DEFAULT_TITLES")
    titles = {e.language: (titles or {}).get(e.language) or DEFAULT_TITLES[e.language].format(
        words=name.replace("_", " ")) for e in others}
    written = files(name, title, section, others, titles)
    existing = [path for path in written if (project / path).exists()]
    if existing:
        raise LessonError(f"the lesson {name} has files already: {', '.join(existing)}")
    for path, text in written.items():
        (project / path).parent.mkdir(parents=True, exist_ok=True)
        (project / path).write_text(text, encoding="utf-8")
    config = project / "mkdocs.yml"
    updated = add_to_nav(config.read_text(encoding="utf-8"), title, f"{section}/{name}.md")
    if updated is not None:
        config.write_text(updated, encoding="utf-8")
        for edition in others:  # the nav's new title, in the edition's words
            words = project / WORDS / f"{edition.language}.yml"
            if title not in edition_words(project, edition.language):
                with words.open("a", encoding="utf-8") as file:
                    file.write(f"{json.dumps(title, ensure_ascii=False)}: "
                               f"{json.dumps(titles[edition.language], ensure_ascii=False)}\n")
    return list(written), updated is not None


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m coursekit.new", description=__doc__.split("\n\n")[0])
    parser.add_argument("name", help="the layer's name, a Python name: the page is <name>.md, its file <name>.py")
    parser.add_argument("--title", help="the page's title (default: '<Name> layer')")
    parser.add_argument("--section", help="the folder under docs/ (default: the other lessons')")
    parser.add_argument("--title-pt", help="the page's title in the Portuguese edition (default: 'Camada <name>')")
    parser.add_argument("--project", default=".", help="the project's folder, where mkdocs.yml is (default: .)")
    arguments = parser.parse_args(argv)
    try:
        written, in_nav = create(arguments.project, arguments.name, arguments.title, arguments.section,
                                 {"pt-BR": arguments.title_pt} if arguments.title_pt else None)
    except LessonError as error:
        print(f"coursekit.new: {error}", file=sys.stderr)
        return 2
    print("\n".join(f"wrote {path}" for path in written))
    page = written[0].removeprefix("docs/")
    print(f"added {page} to mkdocs.yml's nav" if in_nav else
          f"mkdocs.yml's nav has no page beside it: add {page} to it where it belongs")
    print("Next: replace the skeleton's layer (Y = w X + b) in the lesson's file, write its page in each language "
          "(<name>.md, <name>.pt.md) and its words in each catalog, then `bash scripts/test.sh`.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
