"""What the pages' security rests on, read from the built sites (both builds): every page
carries the policy of coursekit/csp.py, first in its <head>, and runs no inline script; the
default (CDN) build pins every file it takes from another origin with Subresource
Integrity, each hash recomputed here from the same package's file that npm installed
(checked by `npm ci` against package-lock.json). How the pages behave under the policy, in
Chromium: tests/browser/test_content_security.py."""

import base64
import hashlib
import json
import re
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from coursekit import csp
from coursekit.pyodide import runtime
from tests.support.site import REPOSITORY, elsewhere, page_files

MODULES = REPOSITORY / "node_modules"
DATA_SCRIPTS = {"application/json", "application/ld+json"}  # data the page's scripts read, not code


def pages(folder):
    """{path under the site: its HTML, parsed} for every page of a built site."""
    return {file.relative_to(folder).as_posix(): BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
            for file in page_files(folder, exclude=("assets",))}


@pytest.fixture(scope="module", params=["offline", "cdn"])
def build(request):
    return request.getfixturevalue(f"{request.param}_build")


def test_the_policy_runs_only_the_sites_own_files():
    """No inline or evaluated script, nothing from another origin, no plugin."""
    directives = dict(part.split(" ", 1) for part in csp.POLICY.split("; "))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'", "no 'unsafe-inline', 'unsafe-eval', 'wasm-unsafe-eval', blob: or origin"
    assert directives["object-src"] == "'none'"
    assert not re.search(r"https?:|\*", csp.POLICY), "the page loads nothing from another origin"
    cdn = "{0.scheme}://{0.netloc}".format(urlsplit(runtime.CDN_URL))
    worker = dict(part.split(" ", 1) for part in csp.policy(csp.WORKER, [cdn]).split("; "))
    assert worker["script-src"] == f"'self' 'wasm-unsafe-eval' blob: {cdn}" and worker["connect-src"] == f"'self' {cdn}"


def test_every_page_carries_the_policy_first_in_its_head(build):
    found = pages(build)
    assert len(found) > 3, "a guard: the pages were read"
    for path, page in found.items():
        metas = page.find_all("meta", attrs={"http-equiv": re.compile("^content-security-policy$", re.I)})
        assert len(metas) == 1, f"{path}: {len(metas)} policies"
        assert metas[0].find_parent("head"), f"{path}: a policy outside <head> is ignored"
        assert metas[0]["content"] == csp.POLICY, path
        before = metas[0].find_all_previous(["script", "link", "style"])
        assert not before, f"{path}: the policy does not cover what comes before it: {before}"


def inline_code(page):
    """What a page would run that is not a file of its own: <script> with code in it, event
    handler attributes, javascript: addresses."""
    found = [f"<script>{script.string[:60]!r}" for script in page.find_all("script")
             if not script.get("src") and script.get("type") not in DATA_SCRIPTS]
    for tag in page.find_all(True):
        found += [f"<{tag.name} {name}>" for name in tag.attrs if name.lower().startswith("on")]
        found += [f"<{tag.name} {name}={value!r}>" for name, value in tag.attrs.items()
                  if isinstance(value, str) and value.strip().lower().startswith("javascript:")]
    return found


def test_no_page_runs_inline_script(build):
    found = {path: inline_code(page) for path, page in pages(build).items()}
    assert not {path: code for path, code in found.items() if code}


def test_the_check_finds_inline_script_handlers_and_javascript_links():
    page = BeautifulSoup('<script id="__config" type="application/json">{}</script><script src="a.js"></script>'
                         '<script>go()</script><img src="x" onerror="go()"><a href="javascript:go()">x</a>',
                         "html.parser")
    assert inline_code(page) == ["<script>'go()'", "<img onerror>", "<a href='javascript:go()'>"]


# How a CDN address names a file of an npm package: jsDelivr's npm path, and Pyodide's own
# path for its release (the files of the npm package pyodide at the pinned version).
CDN_PATHS = [
    re.compile(r"^https://cdn\.jsdelivr\.net/npm/(?P<package>(?:@[^/@]+/)?[^/@]+)@(?P<version>[^/]+)/(?P<path>.+)$"),
    re.compile(re.escape(runtime.CDN_URL) + r"(?P<path>.+)$"),
]


def local_copy(url):
    """The file npm installed that a CDN address names, its package at the same version; None if none is known."""
    for pattern in CDN_PATHS:
        match = pattern.match(url)
        if match:
            found = {"package": "pyodide", "version": runtime.VERSION, **match.groupdict()}
            package = MODULES / found["package"]
            installed = json.loads((package / "package.json").read_text(encoding="utf-8"))["version"]
            assert installed == found["version"], f"{url}: npm installed {found['package']} {installed}"
            return package / found["path"]
    return None


def integrity_of(path, algorithm):
    """The Subresource Integrity value of a file: "<algorithm>-<base64 digest>"."""
    return f"{algorithm}-" + base64.b64encode(hashlib.new(algorithm, path.read_bytes()).digest()).decode("ascii")


def unpinned(found):
    """Each external <script src> and <link rel=stylesheet> of the pages ({path: page}) that
    is not pinned: no integrity or crossorigin attribute, no local copy, or a hash that is not the copy's."""
    problems = []
    for path, page in found.items():
        tags = [(tag, tag["src"]) for tag in page.find_all("script", src=True)]
        tags += [(tag, tag["href"]) for tag in page.find_all("link", href=True) if "stylesheet" in tag.get("rel", [])]
        for tag, url in tags:
            if not elsewhere(url):
                continue
            where = f"{path}: {url}"
            if not tag.get("integrity") or tag.get("crossorigin") is None:
                problems.append(f"{where}: no integrity and crossorigin")
                continue
            copy = local_copy(url)
            if copy is None or not copy.is_file():
                problems.append(f"{where}: no local copy to check it against")
                continue
            pins = tag["integrity"].split()
            if not any(pin == integrity_of(copy, pin.split("-")[0]) for pin in pins):
                problems.append(f"{where}: {pins} is not the hash of {copy.relative_to(REPOSITORY)}")
    return problems


def test_every_external_script_and_stylesheet_of_the_cdn_build_is_pinned(cdn_build):
    problems = unpinned(pages(cdn_build))
    assert not problems, "\n".join(problems)


def test_the_pin_check_finds_a_missing_a_wrong_and_a_right_pin():
    katex = "https://cdn.jsdelivr.net/npm/katex@0.19.1/dist/katex.min.js"
    right = integrity_of(MODULES / "katex/dist/katex.min.js", "sha384")
    page = BeautifulSoup(f'<script src="{katex}"></script>'
                         f'<script src="{katex}" integrity="sha384-{"A" * 64}" crossorigin="anonymous"></script>'
                         f'<script src="{katex}" integrity="{right}" crossorigin="anonymous"></script>'
                         f'<link rel="stylesheet" href="https://elsewhere.example/a.css" integrity="{right}" crossorigin>'
                         '<script src="assets/own.js"></script>', "html.parser")
    assert unpinned({"a.html": page}) == [
        f"a.html: {katex}: no integrity and crossorigin",
        f"a.html: {katex}: ['sha384-{'A' * 64}'] is not the hash of node_modules/katex/dist/katex.min.js",
        "a.html: https://elsewhere.example/a.css: no local copy to check it against"]


def test_the_workers_runtime_is_pinned_file_by_file(cdn_build, offline_build):
    """The blocks and widgets tell the worker where Pyodide is and, from the CDN, each core
    file's hash; the worker has the browser check each (a fetch from a worker to another
    origin is a CORS request, as crossorigin="anonymous" makes a tag's). pyodide-lock.json,
    pinned here, pins every package Pyodide then loads (Pyodide checks each against it)."""
    carriers = [tag for page in pages(cdn_build).values() for tag in page.select("[data-runtime]")]
    assert {tag.name for tag in carriers} >= {"div", "section"}, "a guard: the blocks and exercises were found"
    for tag in carriers:
        assert tag["data-runtime"] == runtime.CDN_URL and runtime.CDN_URL.startswith("https://")
        pins = json.loads(tag["data-integrity"])
        assert set(pins) == set(runtime.CORE_FILES), "every core file, the code the worker imports included"
        for name, pin in pins.items():
            assert pin == integrity_of(local_copy(runtime.CDN_URL + name), "sha256"), name
    worker = (REPOSITORY / "docs/assets/runner/worker.mjs").read_text(encoding="utf-8")
    assert "no-cors" not in worker, "a no-cors request cannot be checked"
    offline = [tag for page in pages(offline_build).values() for tag in page.select("[data-runtime]")]
    assert offline and all(tag["data-runtime"] == "local" and not tag.get("data-integrity") for tag in offline)
