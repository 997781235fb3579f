"""The site's editions, one per language, each a complete static site of its own: English
from mkdocs.yml and docs/ as they are, the others beside it (pt-BR at pt/), built the same
way by MkDocs or by Zensical.

    python -m coursekit.editions build [--builder zensical] [--site-dir site]
    python -m coursekit.editions serve pt-BR        # one edition, with live reload (MkDocs)

mkdocs.yml's `extra.alternate` lists the editions (Material's and Zensical's language
switch): the first is English, the source; each other names its language and where it is
published, relative to the English site (`link: pt/`). A page has one file per language
beside it, as the course writes them: <layer>.md, and <layer>.pt.md (the language's first
subtag). English builds exclude the other languages' files (mkdocs.yml's exclude_docs).

Why separate builds: Zensical runs no MkDocs plugin (mkdocs-static-i18n among them) and no
hook, and its documentation suggests one site per language, linked by `extra.alternate`.
So an edition is a project folder of its own, which either builder builds as it builds the
English one: its mkdocs.yml, written from the English one and the edition's words
(editions/<language>.yml: the site's name, the nav's titles, in that language), and its
docs/, where each page is the edition's file under the English name and every other file
(the lessons' Python, their catalogs, the assets) is a link to the one file there is: one
source for every number and every line of code. Links to files, not to folders: Zensical
does not follow a linked folder. A page without its file in the edition's language stops
the build, naming it: nothing falls back to English.
"""

import argparse
import os
import posixpath
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

CONFIG = "mkdocs.yml"
WORDS = "editions"
"""The folder of the editions' words: editions/<language>.yml."""
COPIED = ("docs", "overrides")
"""The folders of the project an edition is built from (mkdocs.yml's docs_dir and custom_dir)."""
BUILDERS = {
    "mkdocs": [sys.executable, "-m", "mkdocs", "build", "--strict"],
    # Zensical sets up no logging: an extension's warning would print as a bare line.
    "zensical": [sys.executable, "-c", "import logging, sys; from zensical.main import cli; "
                 "logging.basicConfig(format='%(levelname)s - %(name)s: %(message)s'); "
                 "sys.argv[0] = 'zensical'; cli()", "build", "--strict"],
}


class EditionError(Exception):
    """An edition that cannot be built as it stands: the build stops with this message."""


# ---- mkdocs.yml, read and written back with its tags (!ENV, !!python/name:) ------------

@dataclass
class Tagged:
    """A YAML value under a tag this module leaves to the builder: !ENV [NAME, default]."""
    tag: str
    value: object


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _construct(loader, suffix, node, prefix):
    tag = prefix + suffix
    if isinstance(node, yaml.ScalarNode):
        return Tagged(tag, loader.construct_scalar(node))
    if isinstance(node, yaml.SequenceNode):
        return Tagged(tag, loader.construct_sequence(node, deep=True))
    return Tagged(tag, loader.construct_mapping(node, deep=True))


_Loader.add_multi_constructor("!", lambda loader, suffix, node: _construct(loader, suffix, node, "!"))
PYTHON_TAG = "tag:yaml.org,2002:python/"
_Loader.add_multi_constructor(PYTHON_TAG, lambda loader, suffix, node: _construct(loader, suffix, node, PYTHON_TAG))


def _represent(dumper, tagged):
    if isinstance(tagged.value, list):
        return dumper.represent_sequence(tagged.tag, tagged.value, flow_style=True)
    if isinstance(tagged.value, dict):
        return dumper.represent_mapping(tagged.tag, tagged.value)
    return dumper.represent_scalar(tagged.tag, tagged.value)


_Dumper.add_representer(Tagged, _represent)


def read_config(path):
    """mkdocs.yml as data, its tagged values kept as Tagged."""
    return yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_Loader)


def write_config(config, path):
    Path(path).write_text("# Written by coursekit/editions.py from the project's mkdocs.yml: do not edit.\n"
                          + yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False), encoding="utf-8")


# ---- The editions ------------------------------------------------------------------------

@dataclass(frozen=True)
class Edition:
    language: str   # as <html lang> says it: pt-BR
    name: str       # as the language switch names it: Português
    link: str       # where it is published, relative to the English site: pt/ ("" for English)

    @property
    def suffix(self):
        """The suffix of its pages' files: index.pt.md (none for English)."""
        return "" if not self.link else self.language.split("-")[0].lower()

    def page(self, english):
        """The file of this edition's page for an English page's path (Path)."""
        return english if not self.suffix else english.with_name(f"{english.stem}.{self.suffix}.md")


def editions(project):
    """The editions mkdocs.yml's `extra.alternate` lists, English first."""
    config = read_config(Path(project) / CONFIG)
    listed = (config.get("extra") or {}).get("alternate") or []
    found = [Edition(str(alt["lang"]), str(alt["name"]), _link(alt["link"])) for alt in listed]
    if not found or found[0].language != "en" or found[0].link:
        raise EditionError(f"{CONFIG}: extra.alternate lists the editions, English first, at link ./")
    return found


def _link(link):
    link = posixpath.normpath(str(link)).strip("/")
    return "" if link == "." else link + "/"


def edition(project, language):
    """The edition of `language` (an EditionError naming those there are, if none)."""
    for found in editions(project):
        if found.language == language:
            return found
    raise EditionError(f"no edition in {language!r}: {CONFIG}'s extra.alternate lists "
                       f"{', '.join(e.language for e in editions(project))}")


def edition_words(project, language):
    """{English: this language} of editions/<language>.yml: the site's words its mkdocs.yml says."""
    path = Path(project) / WORDS / f"{language}.yml"
    if not path.is_file():
        raise EditionError(f"{path} is missing: the {language} edition's words (its site name, its nav's titles)")
    words = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(words, dict) or not all(isinstance(v, str) for v in words.values()):
        raise EditionError(f"{path}: one mapping of English words to their {language} words")
    return words


def edition_config(project, chosen):
    """The mkdocs.yml of edition `chosen`: the English one, in its language (its words: the
    site's name and description, the nav's titles, the palette's switch, the headings' link
    title, extra.not_found)."""
    config = read_config(Path(project) / CONFIG)
    words = edition_words(project, chosen.language)
    missing = []

    def said(english):
        if english not in words:
            missing.append(english)
        return words.get(english, english)

    config["site_name"] = said(config["site_name"])
    if "site_description" in config:
        config["site_description"] = said(config["site_description"])
    config["nav"] = _nav(config.get("nav") or [], said)
    theme = config.setdefault("theme", {})
    theme["language"] = chosen.language
    for scheme in theme.get("palette") or []:
        toggle = scheme.get("toggle") or {}
        if "name" in toggle:
            toggle["name"] = said(toggle["name"])
    extra = config.setdefault("extra", {})
    if "not_found" in extra:
        extra["not_found"] = said(extra["not_found"])
    for extension in config.get("markdown_extensions") or []:
        if isinstance(extension, dict) and "coursekit.site" in extension:
            extension["coursekit.site"] = {**(extension["coursekit.site"] or {}), "language": chosen.language}
        if isinstance(extension, dict) and "permalink_title" in (extension.get("toc") or {}):
            extension["toc"]["permalink_title"] = said(extension["toc"]["permalink_title"])
    if missing:
        raise EditionError(f"{WORDS}/{chosen.language}.yml has no words for " + "; ".join(repr(m) for m in missing))
    for alt in config["extra"]["alternate"]:  # each link, from this edition's site
        alt["link"] = posixpath.relpath(_link(alt["link"]) or ".", chosen.link or ".") + "/"
    url = config.get("site_url")
    if isinstance(url, Tagged) and url.tag == "!ENV" and isinstance(url.value, list) and len(url.value) == 2:
        url.value = [url.value[0], _slashed(url.value[1]) + chosen.link]  # build() adds the link to the variable's
    elif isinstance(url, str):
        config["site_url"] = _slashed(url) + chosen.link
    elif url is not None:
        raise EditionError(f"{CONFIG}: site_url is a URL, or !ENV [NAME, default URL], not {url!r}")
    return config


def _default_url(project):
    """The site's address where SITE_URL says none: mkdocs.yml's (the default of its !ENV)."""
    url = read_config(Path(project) / CONFIG).get("site_url")
    if isinstance(url, Tagged) and isinstance(url.value, list) and len(url.value) == 2:
        return str(url.value[1])
    if isinstance(url, str):
        return url
    raise EditionError(f"{CONFIG}: site_url is a URL, or !ENV [SITE_URL, default URL], not {url!r}")


def _slashed(url):
    return url if url.endswith("/") else url + "/"


def _nav(nav, said):
    """The nav with its titles in the edition's words; its pages' paths stay (the same files)."""
    if isinstance(nav, list):
        return [_nav(item, said) for item in nav]
    if isinstance(nav, dict):
        return {said(title): _nav(target, said) for title, target in nav.items()}
    return nav


def pages(folder):
    """The English pages in a folder of the docs: its .md files that are no other edition's
    (the editions of the project the folder is in, the first folder up with a mkdocs.yml)."""
    folder = Path(folder).resolve()
    project = next((up for up in [folder, *folder.parents] if (up / CONFIG).is_file()), None)
    if project is None:
        raise EditionError(f"{folder} is in no project: no {CONFIG} above it")
    found = editions(project)
    return sorted(path for path in folder.rglob("*.md") if "__pycache__" not in path.parts
                  and not _translated(path, found))


def _translated(path, found):
    """Whether `path` is a page of an edition other than English (<layer>.pt.md)."""
    return path.suffix == ".md" and Path(path.stem).suffix in {f".{e.suffix}" for e in found if e.suffix}


def assemble(project, chosen, folder):
    """The project folder of edition `chosen`, in `folder`: its mkdocs.yml, its docs (each
    page its own file, the rest links to the English folder's files), the theme's overrides.
    An EditionError names every page without its file in the edition's language."""
    project, folder = Path(project).resolve(), Path(folder)
    docs = project / "docs"
    english = pages(docs)
    missing = [page for page in english if not chosen.page(page).is_file()]
    if missing:
        raise EditionError(f"the {chosen.language} edition has no page for "
                           + ", ".join(str(page.relative_to(project)) for page in missing)
                           + f": write {', '.join(str(chosen.page(p).relative_to(project)) for p in missing)} "
                           "(Writing a lesson says how)")
    ending = f".{chosen.suffix}.md"
    orphans = [path for path in docs.rglob(f"*{ending}")
               if not path.with_name(path.name.removesuffix(ending) + ".md").is_file()]
    if orphans:
        raise EditionError("no English page for " + ", ".join(str(p.relative_to(project)) for p in orphans)
                           + ": an edition's page translates one of docs/ (index.pt.md beside index.md)")
    if folder.exists():
        shutil.rmtree(folder)
    found = editions(project)
    for name in COPIED:
        source = project / name
        for path in sorted(source.rglob("*")):
            if path.is_dir() or "__pycache__" in path.parts or _translated(path, found):
                continue
            target = folder / name / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            original = chosen.page(path) if path in english else path
            target.symlink_to(original.resolve())
    write_config(edition_config(project, chosen), folder / CONFIG)
    return folder


# ---- Building ------------------------------------------------------------------------------

def build(project, site_dir, builder="mkdocs", env=None, languages=None):
    """Every edition of the project (or those of `languages`), each a site of its own:
    English in site_dir, the others in site_dir/<link>; each built with --strict, stopping
    at the first failure."""
    project, site_dir = Path(project).resolve(), Path(site_dir).resolve()
    env = {**os.environ, **(env or {})}
    url = env.get("SITE_URL") or _default_url(project)
    url = _slashed(url)
    found = [e for e in editions(project) if not languages or e.language in languages]  # English first: it cleans
    for language in languages or ():
        edition(project, language)  # an EditionError for a language with no edition
    with tempfile.TemporaryDirectory(prefix="editions-") as temporary:
        for chosen in found:
            if chosen.link:
                source = assemble(project, chosen, Path(temporary) / chosen.language)
            elif builder == "zensical":  # it writes beside its config: build a copy of the project
                source = Path(temporary) / "en"
                for name in COPIED:
                    shutil.copytree(project / name, source / name, symlinks=True)
                shutil.copy(project / CONFIG, source / CONFIG)
            else:
                source = project
            _build_one(source, site_dir / chosen.link, builder, {**env, "SITE_URL": url + chosen.link})


def _build_one(source, site_dir, builder, env):
    if builder == "mkdocs":
        command = [*BUILDERS["mkdocs"], "--site-dir", str(site_dir)]
    elif builder == "zensical":
        command = BUILDERS["zensical"]
    else:
        raise EditionError(f"the builder is mkdocs or zensical, not {builder!r}")
    print(f"editions: building {source} into {site_dir} with {builder}", flush=True)
    result = subprocess.run(command, cwd=source, env={"NO_MKDOCS_2_WARNING": "1", **env})
    if result.returncode:
        raise EditionError(f"{builder} build of {source} failed (exit status {result.returncode})")
    if builder == "zensical":  # built beside its config: in place of what was there
        if site_dir.exists():
            shutil.rmtree(site_dir)
        shutil.copytree(source / "site", site_dir)


def serve(project, language, folder, options=()):
    """One edition, assembled in `folder` and served by MkDocs with live reload (`options`
    go to `mkdocs serve`): a change to any file of docs/ rebuilds it (a new page needs a
    restart, to be assembled)."""
    chosen = edition(project, language)
    source = Path(project).resolve() if not chosen.link else assemble(project, chosen, folder)
    os.chdir(source)  # where the edition's relative paths (docs/, the snippets) are
    os.execvpe(sys.executable, [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--watch",
                                str(Path(project).resolve() / "docs"), *options],
               {"NO_MKDOCS_2_WARNING": "1", **os.environ})


def main(arguments=None):
    parser = argparse.ArgumentParser(prog="python -m coursekit.editions", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    building = commands.add_parser("build", help="build every edition, each with --strict")
    building.add_argument("--builder", choices=sorted(BUILDERS), default="mkdocs")
    building.add_argument("--site-dir", default="site")
    building.add_argument("--edition", action="append", dest="languages", metavar="LANGUAGE",
                          help="build this edition only (en, pt-BR; may be given again); default: every one")
    serving = commands.add_parser("serve", help="serve one edition with live reload (MkDocs)")
    serving.add_argument("language")
    serving.add_argument("--folder", default=".cache/editions", help="where the edition is assembled")
    serving.add_argument("options", nargs=argparse.REMAINDER, help="for mkdocs serve (-a 127.0.0.1:8001)")
    chosen = parser.parse_args(arguments)
    try:
        if chosen.command == "build":
            build(Path.cwd(), chosen.site_dir, chosen.builder, languages=chosen.languages)
        else:
            serve(Path.cwd(), chosen.language, (Path(chosen.folder) / chosen.language).resolve(), chosen.options)
    except EditionError as error:
        sys.exit(f"editions: {error}")


if __name__ == "__main__":
    main()
