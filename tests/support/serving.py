"""For tests that start a server of their own (`mkdocs serve`, README's serve command): a
free port to give it, and a wait for it to answer."""

import socket
import time

import pytest


def free_port():
    """A port of 127.0.0.1 that nothing listens on now (free until another takes it)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(condition, seconds, what):
    """Until `condition()` is true (an OSError counts as not yet), or fail after `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except OSError:
            pass
        time.sleep(0.3)
    pytest.fail(f"gave up after {seconds} s waiting for {what}")
