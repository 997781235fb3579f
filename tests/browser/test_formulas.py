"""No formula is cut off. On every page of the site, at desktop and phone width, each display
formula either fits the box it scrolls in, or that box scrolls, takes the keyboard's focus
and is named (the arrow keys then scroll it: tried on one per page and width); and nothing
around it (a card, the page) cuts it at a side, at its top or at its bottom. What is wide
comes from the page as built, never from a list of today's formulas."""

import pytest

from tests.browser.site_pages import WIDTHS, palette_page, site_pages
from tests.support.axe import settle
from tests.support.browser import save_screenshot

MEASURE = """() => {
    const SCROLLS = /auto|scroll/;
    const problems = [];
    const scrolling = [];
    const inside = (inner, outer, axis) => axis === "x"
      ? inner.left >= outer.left - 1 && inner.right <= outer.right + 1
      : inner.top >= outer.top - 1 && inner.bottom <= outer.bottom + 1;
    document.querySelectorAll(".katex-display").forEach((display, index) => {
      const formula = display.querySelector(".katex-html") ?? display;
      const name = (display.querySelector("annotation")?.textContent ?? "").trim().slice(0, 70) || `formula ${index}`;
      let box = display;
      while (box !== document.body && !SCROLLS.test(getComputedStyle(box).overflowX)) box = box.parentElement;
      const scroller = box === document.body ? null : box;
      const seen = (scroller ?? formula).getBoundingClientRect();
      if (scroller && scroller.scrollWidth > scroller.clientWidth) {
        if (scroller.tabIndex < 0 || !scroller.getAttribute("aria-label")) {
          problems.push(`${name}: wider than its box (${scroller.scrollWidth} > ${scroller.clientWidth} px), `
            + "which the keyboard cannot reach, or which has no name");
        } else {
          scrolling.push(index);
        }
      }
      if (scroller && !SCROLLS.test(getComputedStyle(scroller).overflowY)
          && !inside(formula.getBoundingClientRect(), seen, "y")) {
        problems.push(`${name}: its box cuts its top or bottom`);
      }
      if (!scroller && !inside(seen, display.closest("article").getBoundingClientRect(), "x")) {
        problems.push(`${name}: wider than the page's text, and nothing scrolls it`);
      }
      for (let around = (scroller ?? formula).parentElement; around && around !== document.documentElement;
           around = around.parentElement) {
        const style = getComputedStyle(around);
        const edges = around.getBoundingClientRect();
        for (const axis of ["x", "y"]) {
          const overflow = axis === "x" ? style.overflowX : style.overflowY;
          if (overflow !== "visible" && !inside(seen, edges, axis)) {
            problems.push(`${name}: cut ${axis === "x" ? "at a side" : "at its top or bottom"} by `
              + `<${around.tagName.toLowerCase()} class="${around.className}"> (overflow: ${overflow})`);
          }
        }
      }
    });
    if (document.scrollingElement.scrollWidth > innerWidth) problems.push("the page itself scrolls sideways");
    return { problems, scrolling, formulas: document.querySelectorAll(".katex-display").length };
  }"""


@pytest.mark.parametrize("width", WIDTHS)
def test_no_formula_is_cut_off(browser, offline_site, width):
    site, url = offline_site
    problems, formulas = [], 0
    with palette_page(browser, "light", width) as watched:
        page = watched.page
        for address in site_pages(site):
            page.goto(url + address)
            settle(page)
            found = page.evaluate(MEASURE)
            formulas += found["formulas"]
            problems += [f"{address}: {problem}" for problem in found["problems"]]
            if found["scrolling"]:
                display = page.locator(".katex-display").nth(found["scrolling"][0])
                scroller = display.locator("xpath=ancestor::*[@data-scrolls][1]")
                scroller.focus()
                page.keyboard.press("ArrowRight")
                page.keyboard.press("ArrowRight")
                page.wait_for_function("(box) => box.scrollLeft > 0", arg=scroller.element_handle(), timeout=5_000)
                save_screenshot(page, f"formula-scrolled-{width}")
    assert formulas, "a guard: the site has display formulas"
    assert not problems, f"{width} px:\n" + "\n".join(problems)
