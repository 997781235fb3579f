"""The keyboard alone reaches every control of a lesson's widgets, and each shows where the
keyboard is: the runner's buttons and editor, the walkthroughs (their box, buttons and
slider), the number editors and the exercises. Tabbing from the top of each page with
widgets (found in the built site), each control must be reached, and, focused from the
keyboard, drawn with an outline or a shadow it has not otherwise."""

import pytest

from tests.browser.site_pages import pages_with
from tests.support.axe import settle

WIDGETS = (".pyodide-block", ".walkthrough", ".number-editor", ".exercise", ".practice-summary")
CONTROLS = ", ".join(f"{widget} {control}" for widget in WIDGETS
                     for control in ("button", "input", "textarea", "summary", ".cm-content")) + ", .walkthrough"
"""The widgets' controls; those disabled or hidden are not expected to be reached."""

MARK = """(controls) => {
    const found = [...document.querySelectorAll(controls)].filter((control) => !control.disabled
      && control.getClientRects().length && !control.closest("[hidden], details:not([open]) > :not(summary)"));
    found.forEach((control, index) => { control.dataset.keyboardCheck = String(index); });
    return found.length;
  }"""

MARKED_AND_SHOWN = """() => [...document.querySelectorAll("[data-keyboard-check]")]
    .filter((control) => !control.disabled && control.getClientRects().length)
    .map((control) => control.dataset.keyboardCheck)"""

# What shows the focus: the control's outline and shadow, or its editor's (CodeMirror draws
# the focus on .cm-editor, around the text that takes it).
LOOK = """(element) => {
    const shown = element.matches(".cm-content") ? element.closest(".cm-editor") : element;
    const style = getComputedStyle(shown);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0
      ? `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}` : "none";
    return { outline, shadow: style.boxShadow };
  }"""

# Each control's look, taken as focus arrives: what focus sets off comes later (focusing
# "Show my numbers" starts Python, which then draws the numbers and takes the button away).
WATCH_FOCUS = f"""() => {{
    window.keyboardLooks = {{}};
    document.addEventListener("focusin", ({{ target }}) => {{
      const id = target.dataset?.keyboardCheck;
      if (id !== undefined && !(id in keyboardLooks)) keyboardLooks[id] = ({LOOK})(target);
    }}, true);
  }}"""


def tab_through(page, stops):
    """Press Tab `stops` times from the top of the page: {control id: its look when focused}.
    In a code editor Tab indents; Escape then Tab leaves it, as CodeMirror says."""
    page.evaluate(WATCH_FOCUS)
    page.evaluate("() => { document.activeElement?.blur(); window.scrollTo(0, 0); }")
    for _ in range(stops):
        page.keyboard.press("Tab")
        if page.evaluate("() => Boolean(document.activeElement?.matches('.cm-content'))"):
            page.keyboard.press("Escape")
    return page.evaluate("() => window.keyboardLooks")


def load_editors(page):
    """Bring every block and exercise near the screen, where their editors load."""
    for box in page.locator(".pyodide-block, .exercise[data-kind=code]").all():
        box.scroll_into_view_if_needed()
        box.locator(".cm-content").wait_for(timeout=30_000)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_widget_control_is_reached_by_tab_and_shows_focus(watched, offline_site, scheme):
    site, url = offline_site
    page = watched.page
    page.emulate_media(color_scheme=scheme)
    # The English pages: the other editions' widgets are the same controls, in other words.
    pages = [path for path in pages_with(site, *(f'class="{widget[1:]}"' for widget in WIDGETS))
             if not path.startswith("/pt/")]
    assert pages, "a guard: the site has pages with widgets"
    problems = []
    for address in pages:
        page.goto(url + address)
        settle(page)
        load_editors(page)
        count = page.evaluate(MARK, CONTROLS)
        assert count, f"{address}: a guard: controls were found"
        names = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll("[data-keyboard-check]")].map(
            (c) => [c.dataset.keyboardCheck, `${c.tagName.toLowerCase()} ${c.getAttribute("aria-label")
              || c.textContent.trim().slice(0, 40)}`]))""")
        unfocused = page.evaluate(f"""() => Object.fromEntries([...document.querySelectorAll("[data-keyboard-check]")]
            .map((control) => [control.dataset.keyboardCheck, ({LOOK})(control)]))""")
        stops = page.evaluate("() => document.querySelectorAll('a[href], button, input, textarea, select, summary, "
                              "[tabindex], [contenteditable]').length")
        reached = tab_through(page, stops + 20)
        # Focusing "Show my numbers" starts Python, and questions then draw their numbers as the
        # page scrolls to them: the buttons they no longer need are gone, not missed.
        present = set(page.evaluate(MARKED_AND_SHOWN))
        missed = [names[index] for index in names if index not in reached and index in present]
        if missed:
            problems.append(f"{address}: not reached by Tab: {missed}")
        unseen = [f"{names[index]} (focused {look}, else {unfocused[index]})" for index, look in reached.items()
                  if look == unfocused[index] or (look["outline"] == "none" and look["shadow"] == "none")]
        if unseen:
            problems.append(f"{address}: no visible focus: {unseen}")
    assert not problems, f"{scheme} palette:\n" + "\n".join(problems)
