import pytest

from tests.support.site import lesson


@pytest.fixture(scope="session")
def pool():
    """The lesson's pooling.py, as students read and run it."""
    return lesson("pooling")


def examples(pool):
    """The lesson's examples, by name: (X, window, stride, dL/dY)."""
    return {"worked": pool.worked_example(), "overlap": pool.overlap_example()}
