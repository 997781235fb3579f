"""The pages of the built site, found in it rather than listed, so that a new lesson is
checked the day it is added; and the two palettes a reader may see them in."""

from contextlib import contextmanager

from tests.support.browser import open_page
from tests.support.site import site_pages

PALETTES = ("light", "dark")
WIDTHS = (1280, 375)


def pages_with(site_dir, *markers):
    """The pages whose HTML has one of `markers` (a class: 'class="walkthrough"')."""
    return [address for address in site_pages(site_dir)
            if any(marker in html_file(site_dir, address).read_text(encoding="utf-8") for marker in markers)]


def html_file(site_dir, address):
    path = site_dir / address.lstrip("/")
    return path / "index.html" if address.endswith("/") else path


@contextmanager
def palette_page(browser, scheme, width, init_script=None):
    """A fresh page whose browser prefers `scheme` (light or dark), `width` px wide; checked
    (console errors, requests elsewhere) when the block ends. Material's palette follows the
    browser's preference (mkdocs.yml: one palette per prefers-color-scheme)."""
    watched = open_page(browser, width=width, color_scheme=scheme)
    if init_script:
        watched.page.context.add_init_script(path=str(init_script))
    try:
        yield watched
        watched.check()
    finally:
        watched.page.context.close()


def shown_palette(page, scheme):
    """Material's scheme on the page (default, slate), checked to be the one mkdocs.yml gives
    the browser's preference `scheme`: the palette really is light, or dark."""
    expected = page.evaluate("""(scheme) => document.querySelector(
        `[data-md-color-media="(prefers-color-scheme: ${scheme})"]`)?.dataset.mdColorScheme""", scheme)
    shown = page.evaluate("() => document.body.dataset.mdColorScheme")
    assert expected and shown == expected, \
        f"{scheme}: the page shows the palette {shown!r}, mkdocs.yml gives {expected!r}"
    return shown
