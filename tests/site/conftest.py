"""The built sites the site checks read: the OFFLINE=1 build, and the default (CDN) build."""

import pytest

from tests.support.site import ROOT, build_site


@pytest.fixture(scope="session")
def offline_build(tmp_path_factory):
    """The site as OFFLINE=1 builds it: it serves everything itself."""
    return build_site(ROOT, tmp_path_factory.mktemp("offline-site"), OFFLINE="1")


@pytest.fixture(scope="session")
def cdn_build(tmp_path_factory):
    """The site as it is published: the Python runtime from the CDN."""
    return build_site(ROOT, tmp_path_factory.mktemp("cdn-site"), OFFLINE="0")
