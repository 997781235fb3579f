"""Real Chromium (Debian's), driven by Playwright, against the OFFLINE=1 site served on 127.0.0.1.

Every page a test opens is watched: a console error, an uncaught exception, or a request
to anything but 127.0.0.1 fails the test (requests outside are also blocked)."""

import re
import shutil
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.conftest import ROOT, build_site

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]
ARTIFACTS = ROOT / "test-artifacts"


class SiteHandler(SimpleHTTPRequestHandler):
    """Static files with the types browsers insist on; optionally cross-origin isolated."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map,
                      ".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm"}
    isolated = False

    def end_headers(self):
        if self.isolated:
            self.send_header("Cross-Origin-Opener-Policy", "same-origin")
            self.send_header("Cross-Origin-Embedder-Policy", "require-corp")
        super().end_headers()

    def log_message(self, *args):
        pass


def serve(directory, isolated=False):
    handler = type("Handler", (SiteHandler,), {"isolated": isolated})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}"


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory):
    """The site built with OFFLINE=1, plus the runner check pages of tests/pages/, and the
    address it is served at: site_url must name that port for Material's instant navigation."""
    runtime = ROOT / "docs/assets/vendor/pyodide/pyodide.asm.wasm"
    if not runtime.is_file():
        pytest.fail("the Pyodide runtime is not in docs/assets/vendor/pyodide/: run `bash scripts/setup.sh test`")
    project = tmp_path_factory.mktemp("project")
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copytree(ROOT / "tests/pages", project / "docs/checks")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    site = tmp_path_factory.mktemp("offline-site")
    server, url = serve(site)
    build_site(project, site, OFFLINE="1", SITE_URL=url + "/")
    yield site, url
    server.shutdown()


@pytest.fixture(scope="session")
def site_url(offline_site):
    return offline_site[1]


@pytest.fixture(scope="session")
def isolated_site_url(offline_site):
    """The same site, served cross-origin isolated (COOP and COEP): Stop can interrupt Python."""
    server, url = serve(offline_site[0], isolated=True)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"no Chromium at {CHROMIUM}: install Debian's (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


class Watched:
    """A page and what it did: console errors, requests, requests refused for leaving 127.0.0.1."""

    def __init__(self, page):
        self.page, self.errors, self.requests, self.outside = page, [], [], []
        self.allowed_errors = []
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(f"uncaught: {e}"))
        page.on("request", lambda r: self.requests.append(r.url))
        page.context.route(re.compile(r"^(?!http://127\.0\.0\.1[:/])"), self._refuse)

    def _refuse(self, route):
        self.outside.append(route.request.url)
        route.abort()

    def allow_console_error(self, pattern):
        self.allowed_errors.append(re.compile(pattern))

    def pyodide_requests(self):
        """Requests for the Python runtime: Pyodide's files and the Python snapshot."""
        return [url for url in self.requests if "/vendor/pyodide/" in url or "/vendor/python-snapshot/" in url]

    def check(self):
        assert not self.outside, f"requests left 127.0.0.1: {self.outside}"
        unexpected = [e for e in self.errors if not any(p.search(e) for p in self.allowed_errors)]
        assert not unexpected, f"console errors: {unexpected}"


def open_page(browser, width=1280, height=900, color_scheme="light", service_workers="block", **context_options):
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=color_scheme,
                                  service_workers=service_workers, **context_options)
    return Watched(context.new_page())


@pytest.fixture
def watched(browser):
    """A fresh browser context and page, checked when the test ends."""
    page = open_page(browser)
    yield page
    try:
        page.check()
    finally:
        page.page.context.close()


def save_screenshot(page, name, full_page=False):
    """A screenshot in test-artifacts/, to look at: what the reader sees (the viewport by default)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
