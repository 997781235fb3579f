import pytest

from tests.support.site import LESSONS, lesson

CONV_FILE = LESSONS / "convolutional.py"


@pytest.fixture(scope="session")
def conv():
    """The lesson's convolutional.py, as students read and run it."""
    return lesson("convolutional")
