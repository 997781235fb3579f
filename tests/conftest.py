import pytest

from coursekit import editions
from tests.support.page_math import Page
from tests.support.site import ROOT, build_site

EDITIONS = editions.editions(ROOT)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The site as `python -m coursekit.editions build` makes it from the project under test:
    every edition, each built with --strict (English at its root, Portuguese at pt/)."""
    return build_site(ROOT, tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session", params=EDITIONS, ids=lambda edition: edition.language)
def edition(request):
    """Each edition of the site in turn (its `link` in the built site, its `language`): a
    lesson's page test reads the page of every edition against PyTorch."""
    return request.param


def built_page(built_site, edition, page):
    """A built page (tests.support.site.page_path) of one edition, with the `language` its
    sentences are read in."""
    shown = Page(built_site / edition.link / page)
    shown.language = edition.language
    return shown
