"""Python started from the snapshot made at setup (docs/assets/runner/snapshot.mjs), in
real Chromium: it is used, it is the same Python as one started from scratch, and where it
cannot be used or is not wanted, Python starts from scratch."""

import json

from tests.support.browser import CHROMIUM, CHROMIUM_FLAGS, open_page
from tests.browser.runner_page import block, run, set_code, stdout
from tests.support.site import DOCS

LESSON = "/classes/deep-learning/convolutional/"
MANIFEST = "**/vendor/python-snapshot/manifest.json"

# What a Python takes from its start and from the machine it runs on, once it has
# imported what the snapshot carries imported (the manifest says which modules).
MANIFEST_FILE = DOCS / "assets/vendor/python-snapshot/manifest.json"
STATE = f"""\
import {", ".join(json.loads(MANIFEST_FILE.read_text())["preimported"])}
import json, locale, os, random, sys, time
print(json.dumps({{
    "modules": sorted(sys.modules), "path": sys.path, "executable": sys.executable, "argv": sys.argv,
    "flags": list(sys.flags), "environ": dict(os.environ), "cwd": os.getcwd(),
    "encoding": locale.getpreferredencoding(), "recursion limit": sys.getrecursionlimit(),
    "zone": [time.timezone, time.altzone, time.daylight, list(time.tzname), time.localtime(0).tm_zone],
    "random": random.random(),
}}))
"""


def start_python(browser, site_url, snapshot="as built", zone="America/Santiago", code=STATE):
    """Open the lesson in a fresh browser context, run `code` in its block: (how Python started, stdout)."""
    watched = open_page(browser, timezone_id=zone)
    page = watched.page
    if snapshot == "missing":
        watched.allow_console_error("Failed to load resource.*404")
        page.route(MANIFEST, lambda route: route.fulfill(status=404, body="not here"))
    elif snapshot == "not fitting":
        def wrong_checksum(route):
            manifest = route.fetch().json()
            route.fulfill(json={**manifest, "checksum": (manifest["checksum"] + 1) % 2**32})
        page.route(MANIFEST, wrong_checksum)
    try:
        page.goto(site_url + LESSON)
        lesson = block(page)
        set_code(page, lesson, code)
        assert run(lesson).startswith("Done"), lesson.locator(".pyodide-status").text_content()
        boot = page.evaluate("performance.getEntriesByName('python-ready')[0].detail")
        watched.check()
        return boot, stdout(lesson)
    finally:
        page.context.close()


def test_python_from_the_snapshot_is_the_python_a_full_start_gives(browser, site_url):
    boot, from_snapshot = start_python(browser, site_url)
    assert boot["boot"] == "snapshot", boot
    boot, from_scratch = start_python(browser, site_url, snapshot="missing")
    assert boot == {"boot": "full", "why": "this site has no Python snapshot"}
    snapshot_state, full_state = json.loads(from_snapshot), json.loads(from_scratch)
    assert snapshot_state.pop("random") != full_state.pop("random")
    assert snapshot_state == full_state
    assert snapshot_state["zone"][:3] == [4 * 3600, 3 * 3600, 1], "the browser's time zone, not the snapshot's (UTC)"


def test_every_reader_gets_a_random_seed_of_their_own(browser, site_url):
    draws = [start_python(browser, site_url, code="import random\nprint(random.random())") for _ in range(2)]
    assert [boot["boot"] for boot, _ in draws] == ["snapshot", "snapshot"]
    assert draws[0][1] != draws[1][1]


def test_a_snapshot_that_does_not_fit_gives_way_to_a_full_start(browser, site_url):
    boot, output = start_python(browser, site_url, snapshot="not fitting", code="import numpy\nprint(numpy.arange(4).sum())")
    assert boot["boot"] == "full"
    assert boot["why"] == "the snapshot could not be used: the snapshot does not fit this Pyodide"
    assert output == "6\n"


def test_no_snapshot_on_a_slow_line(browser, site_url):
    """Chromium told that the line is 3G: Python starts without the snapshot's extra megabytes."""
    slow = browser.browser_type.launch(executable_path=CHROMIUM,
                                       args=CHROMIUM_FLAGS + ["--force-effective-connection-type=3G"])
    try:
        boot, output = start_python(slow, site_url, code="print('hello')")
    finally:
        slow.close()
    assert boot == {"boot": "full", "why": "the connection is slow or saves data"}
    assert output == "hello\n"
