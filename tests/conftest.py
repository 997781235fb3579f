import pytest

from tests.support.site import ROOT, build_site


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The site as `mkdocs build --strict` makes it from the project under test."""
    return build_site(ROOT, tmp_path_factory.mktemp("site"))
