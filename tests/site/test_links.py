"""Every internal link and anchor of the built site resolves: each href and src of every
page (pages, assets, anchors into a page) names a file the site has and, after a #, an id
on that page. The OFFLINE=1 build also loads nothing from anywhere else: no script, style,
image or font is hot-linked, from a page, a stylesheet or a script. (In the browser, the
pages' policy, default-src 'self', refuses anything else: tests/browser/test_content_security.py.)"""

import re
from html.parser import HTMLParser
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

import pytest

from tests.support.site import elsewhere

ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src", "iframe": "src"}


class Page(HTMLParser):
    """The ids of a page, its references: (tag, url), and its CSS (style attributes and elements)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids, self.references, self.styles = set(), [], []
        self.in_style = False

    def handle_starttag(self, tag, attributes):
        attributes = dict(attributes)
        self.in_style = tag == "style"
        if attributes.get("style"):
            self.styles.append(attributes["style"])
        for name in ("id", "name") if tag == "a" else ("id",):
            if attributes.get(name):
                self.ids.add(attributes[name])
        url = attributes.get(ATTRIBUTES.get(tag, ""))
        if url is not None:
            # <link rel="canonical"> names the page's address; it loads nothing
            kind = f"{tag} rel={attributes.get('rel')}" if tag == "link" else tag
            self.references.append((kind, url))

    def handle_data(self, data):
        if self.in_style:
            self.styles.append(data)

    def handle_endtag(self, tag):
        self.in_style = False


@pytest.fixture(scope="module")
def site(offline_build):
    """The OFFLINE=1 site, and each of its pages read: {path under the site: Page}."""
    return offline_build, read_pages(offline_build)


def target(site_folder, page_path, url):
    """The site's file an internal url from page_path names (a folder's index.html), or None."""
    path = unquote(urlsplit(url).path)
    resolved = PurePosixPath(path) if path.startswith("/") else PurePosixPath(page_path).parent / path
    parts = []
    for part in resolved.parts:
        if part == "..":
            if parts:
                parts.pop()
        elif part not in (".", "/", ""):
            parts.append(part)
    file = site_folder.joinpath(*parts)
    if file.is_dir():
        file = file / "index.html"
    return file if file.is_file() else None


def read_pages(folder):
    """{path under the site: Page} of every HTML file of a built site."""
    pages = {}
    for file in folder.rglob("*.html"):
        page = Page()
        page.feed(file.read_text(encoding="utf-8"))
        pages[file.relative_to(folder).as_posix()] = page
    return pages


def broken_references(folder, pages):
    """Each internal href or src that names no file of the site, or no id of its page."""
    broken = []
    for page_path, page in pages.items():
        for tag, url in page.references:
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or url.startswith(("mailto:", "javascript:", "data:")):
                continue
            file = folder / page_path if not parts.path else target(folder, page_path, url)
            if file is None:
                broken.append(f"{page_path}: <{tag}> {url}: no such file")
            elif parts.fragment and file.suffix == ".html" \
                    and unquote(parts.fragment) not in pages[file.relative_to(folder).as_posix()].ids:
                broken.append(f"{page_path}: <{tag}> {url}: no id {parts.fragment!r} there")
    return broken


def test_every_internal_link_and_anchor_resolves(site):
    folder, pages = site
    assert sum(len(page.references) for page in pages.values()) > 100, "a guard: the pages were read"
    broken = broken_references(folder, pages)
    assert not broken, "\n".join(broken)


def test_the_check_finds_a_missing_page_and_a_missing_anchor(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a/index.html").write_text('<h2 id="here">x</h2><a href="#here">ok</a> <a href="../b/">gone</a> '
                                           '<a href="../index.html#nowhere">no anchor</a>')
    (tmp_path / "index.html").write_text('<a href="a/#here">ok</a>')
    assert broken_references(tmp_path, read_pages(tmp_path)) == [
        "a/index.html: <a> ../b/: no such file", "a/index.html: <a> ../index.html#nowhere: no id 'nowhere' there"]


def test_the_offline_site_loads_nothing_from_elsewhere(site):
    """Scripts, styles, images and frames: every one from the site itself (a link a reader
    follows may go out; nothing the page loads may)."""
    _, pages = site
    loaded_from_elsewhere = [f"{page_path}: <{tag}> {url}" for page_path, page in pages.items()
                             for tag, url in page.references
                             if tag not in ("a", "link rel=canonical") and elsewhere(url)]
    assert not loaded_from_elsewhere, "\n".join(loaded_from_elsewhere)


# What loads a file from a stylesheet (url(...), @import "...") and from a script (a static
# or dynamic import, importScripts, a worker), when it names the file by a literal.
LOADS = {
    ".css": re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)"""),
    ".js": re.compile(r"""(?:\bfrom\s*|\bimport\s*\(\s*|\bimportScripts\(\s*|\bnew\s+(?:Shared)?Worker\(\s*)"""
                      r"""['"`]([^'"`]+)"""),
}
LOADS[".mjs"] = LOADS[".js"]


def loaded_from_elsewhere(folder, pages):
    """Each address of another origin that a stylesheet or script of the site, or a page's
    own CSS (the pages read: {path: Page}), loads from."""
    found = [f"{page_path}: <style> {url}" for page_path, page in pages.items() for css in page.styles
             for match in LOADS[".css"].finditer(css) for url in match.groups() if url and elsewhere(url)]
    for file in sorted(folder.rglob("*")):
        if file.suffix in LOADS and file.is_file():
            for match in LOADS[file.suffix].finditer(file.read_text(encoding="utf-8", errors="replace")):
                url = next(group for group in match.groups() if group)
                if elsewhere(url):
                    found.append(f"{file.relative_to(folder).as_posix()}: {url}")
    return found


def test_the_offline_sites_styles_and_scripts_load_nothing_from_elsewhere(site):
    folder, pages = site
    assert any(folder.rglob("*.css")) and any(folder.rglob("*.mjs")), "a guard: the site has styles and modules"
    found = loaded_from_elsewhere(folder, pages)
    assert not found, "\n".join(found)


def test_the_check_finds_a_hot_linked_font_and_module(tmp_path):
    (tmp_path / "a.css").write_text("@font-face { src: url('https://fonts.example/f.woff2') } "
                                    ".icon { mask-image: url(data:image/svg+xml,x) } .b { background: url(b.png) }")
    (tmp_path / "a.mjs").write_text('import x from "./x.mjs";\nconst y = await import("https://cdn.example/y.mjs");')
    (tmp_path / "index.html").write_text('<p style="background: url(//img.example/a.png)">x</p>'
                                         '<style>@import "https://css.example/b.css";</style><p>url(https://no.example/)</p>')
    assert loaded_from_elsewhere(tmp_path, read_pages(tmp_path)) == ["index.html: <style> //img.example/a.png",
                                               "index.html: <style> https://css.example/b.css",
                                               "a.css: https://fonts.example/f.woff2", "a.mjs: https://cdn.example/y.mjs"]
