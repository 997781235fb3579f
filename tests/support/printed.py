"""Read back what a lesson file prints (`name =` then the value, as numpy prints it, then a
blank line), as numbers: numpy prints 8 significant digits, so compare within 1e-7."""

import re

import numpy as np

FLOAT = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?")


def printed(text, name):
    """The numbers printed after `name =`, in order."""
    match = re.search(rf"(?:^|\n){re.escape(name)} =\n(.*?)\n\n", text, flags=re.S)
    assert match, f"nothing printed as `{name} =`"
    return [float(v) for v in FLOAT.findall(match.group(1))]


def assert_printed(text, name, expected):
    values = printed(text, name)
    expected = np.ravel(expected)
    assert len(values) == expected.size, f"{name}: {len(values)} numbers printed, {expected.size} expected"
    np.testing.assert_allclose(values, expected, rtol=1e-7, atol=1e-12, err_msg=name)
