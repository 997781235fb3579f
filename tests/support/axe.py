"""axe-core, the accessibility checker, run on pages of the site in the browser tests.

axe-core is an npm devDependency, pinned in package.json and package-lock.json (whose
integrity hash `npm ci` checks); the tests read it from node_modules/ and the site never
ships it. It is put into every page by the browser (Playwright's init script, the way
extensions inject code), not by a <script> in the page: the pages' Content-Security-Policy
refuses any script but their own files, and stays on while axe runs."""

import json

import pytest

from tests.support.site import REPOSITORY

PACKAGE = REPOSITORY / "node_modules" / "axe-core"
FAILING = ("serious", "critical")
"""The impacts that fail a test (axe's scale: minor, moderate, serious, critical)."""


def axe_script():
    """node_modules/axe-core/axe.min.js, once its installed version is the one package.json pins."""
    pinned = json.loads((REPOSITORY / "package.json").read_text())["devDependencies"]["axe-core"]
    manifest = PACKAGE / "package.json"
    if not manifest.is_file():
        pytest.fail("axe-core is not installed in node_modules/: run `bash scripts/setup.sh test` (npm ci)")
    installed = json.loads(manifest.read_text())["version"]
    if installed != pinned:
        pytest.fail(f"node_modules has axe-core {installed}, package.json pins {pinned}: run `npm ci`")
    return PACKAGE / "axe.min.js"


def settle(page):
    """Wait until the page is as a reader sees it: its math typeset, its widgets drawn, its fonts
    loaded; and lay out every section now, not as it comes near the screen (content-visibility:
    auto, which leaves what is off screen without layout, so unchecked)."""
    page.wait_for_function("""() => [...document.querySelectorAll(".arithmatex")]
        .every((math) => math.querySelector(".katex, .katex-error"))
      && [...document.querySelectorAll(".walkthrough, .exercise[data-exercise]")]
        .every((widget) => widget.hasAttribute("data-ready"))""")
    page.evaluate("""async () => {
        await document.fonts.ready;
        for (const element of document.querySelectorAll("article *")) {
          if (getComputedStyle(element).contentVisibility === "auto") element.style.contentVisibility = "visible";
        }
        // two frames: layout, then what observers of it (scrolling.mjs) changed
        for (let frame = 0; frame < 2; frame++) await new Promise((done) => requestAnimationFrame(done));
        await new Promise((done) => setTimeout(done, 50));
      }""")


def violations(page):
    """axe's violations of the page as it is now (WCAG 2.x A and AA, and axe's best practices),
    of serious or critical impact: [{id, impact, help, nodes: [{target, summary}]}]."""
    return page.evaluate("""async (failing) => {
        const { violations } = await axe.run(document, { resultTypes: ["violations"] });
        return violations.filter((rule) => failing.includes(rule.impact)).map((rule) => ({
          id: rule.id, impact: rule.impact, help: rule.help,
          nodes: rule.nodes.map((node) => ({ target: node.target.join(" "), summary: node.failureSummary })),
        }));
      }""", list(FAILING))


def described(found, most=8):
    """The violations as the assertion message says them: each rule, its targets, why."""
    lines = []
    for rule in found:
        lines.append(f"{rule['id']} ({rule['impact']}, {len(rule['nodes'])}): {rule['help']}")
        for node in rule["nodes"][:most]:
            summary = " ".join(node["summary"].split())
            lines.append(f"    {node['target']}\n        {summary[:300]}")
        if len(rule["nodes"]) > most:
            lines.append(f"    ... and {len(rule['nodes']) - most} more")
    return "\n".join(lines)
