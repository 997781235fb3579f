"""README's two commands work on a fresh clone: the repository's last commit (uncommitted
work is not in it: that is the point) cloned into a temporary folder, and README's commands
run there, as a newcomer runs them.

- The serve command, with `-a 127.0.0.1:<a free port>` appended (scripts/serve.sh passes
  its arguments to `mkdocs serve`): it sets up, then serves; the lesson page must answer 200
  with the lesson's heading; then its process group is stopped.
- The test command, with one fast file of the suite appended (scripts/test.sh passes its
  arguments to pytest): the whole suite, run from inside the suite, would run this test
  again, and take the two shared cores for half an hour.

Setup in the clone reuses this machine's caches, as a second checkout does: npm's (in the
home folder), the Pyodide runtime this checkout assembled (.cache/pyodide-*, which
scripts/assemble_pyodide.py checks file by file against its pins before using it), and a
wheelhouse, .cache/wheelhouse/ here: pip's own HTTP cache stores nothing on this machine
(the registry's answers reach it uncacheable), so `pip download` fills the wheelhouse with
what the clone's requirements/ lock, once for each version of those files, and README's
commands run with PIP_FIND_LINKS naming it and PIP_NO_INDEX=1 (pip's environment variables
for its --find-links and --no-index): setup then installs without asking the registry.

Then what setup installed is what the repository pins: the clone's `pip freeze` is its
requirements/test.txt plus the project, every pyproject.toml requirement is `==` and is what
both locks hold, every locked package is `==` with a sha256 for each of its files (pip
checks them: scripts/setup.sh installs with --require-hashes), every npm dependency is an
exact version, and package-lock.json has an integrity hash for each package.
"""

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import tomllib
import urllib.error
import urllib.request

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.support.readme import readme_commands
from tests.support.serving import free_port
from tests.support.site import REPOSITORY

LESSON = "classes/deep-learning/convolutional.md"
FAST_TESTS = ["tests/machinery/test_latex_and_math_html.py"]
SERVE_TIMEOUT = 600  # what a cold cache may need, before the test says it hangs (times are reported, not held)
WHEELHOUSE = REPOSITORY / ".cache" / "wheelhouse"
EXACT_VERSION = re.compile(r"\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?")
LOCKS = ("site", "test")  # requirements/<name>.txt: scripts/setup.sh installs <name> (site without extras)
PINNED = re.compile(r"(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s;\\]+)\s*(?:;[^\\]*)?\\?")
PROJECT = re.compile(r"^coursekit \(pyproject\.toml(?:::build-system\.requires)?\)$")


def locked(clone, lock):
    """requirements/<lock>.txt, as pip-compile writes it, as {name: (version, [sha256, ...],
    [why, ...])}: names as pip normalizes them, `why` pip-compile's `# via` annotations."""
    entries = {}
    for entry in re.split(r"\n(?=[^\s#-])", "\n" + (clone / "requirements" / f"{lock}.txt").read_text()):
        first, *rest = entry.strip("\n").splitlines() or [""]
        if not first or first.startswith(("#", "-")):  # the header; pip options
            continue
        pinned = PINNED.fullmatch(first.strip())
        assert pinned, f"requirements/{lock}.txt: not `name==version`: {first!r}"
        hashes = [line.split("sha256:")[1].split()[0] for line in rest if "--hash=sha256:" in line]
        why = [line.strip().removeprefix("#").strip().removeprefix("via").strip() for line in rest
               if line.strip().startswith("#")]
        entries[canonicalize_name(pinned["name"])] = (pinned["version"], hashes, [w for w in why if w])
    return entries


def frozen(clone):
    """{name: version} of what the clone's .venv has, but for pip itself and the project."""
    pip = [str(clone / ".venv/bin/python"), "-m", "pip", "--disable-pip-version-check"]
    lines = subprocess.run([*pip, "freeze", "--all", "--exclude-editable"], capture_output=True, text=True,
                           check=True).stdout.splitlines()
    installed = dict(line.partition("==")[::2] if "==" in line else (line, "not from a registry")
                     for line in lines if line.strip())
    return {canonicalize_name(name.strip()): version for name, version in installed.items()
            if canonicalize_name(name.strip()) != "pip"}


@pytest.fixture(scope="module")
def clone(tmp_path_factory):
    folder = tmp_path_factory.mktemp("clone") / "repository"
    subprocess.run(["git", "clone", "--quiet", str(REPOSITORY), str(folder)], check=True)
    for runtime in (REPOSITORY / ".cache").glob("pyodide-*"):
        shutil.copytree(runtime, folder / ".cache" / runtime.name)
    return folder


@pytest.fixture(scope="module")
def pip_cache(clone):
    """The environment README's commands run in: pip installs from the wheelhouse of what
    the clone locks (filled once for each version of its locks)."""
    locks = b"".join((clone / "requirements" / f"{lock}.txt").read_bytes() for lock in LOCKS)
    wheelhouse = WHEELHOUSE / hashlib.sha256(locks).hexdigest()[:16]
    if not (wheelhouse / "complete").is_file():
        shutil.rmtree(WHEELHOUSE, ignore_errors=True)  # the wheels of older locks
        # The test lock holds the site lock's packages, at the same versions (tested below).
        download = subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
                                   "-d", str(wheelhouse), "--require-hashes", "-r", "requirements/test.txt"],
                                  cwd=clone, capture_output=True, text=True)
        assert download.returncode == 0, f"pip download into the wheelhouse failed:\n{download.stderr[-4000:]}"
        (wheelhouse / "complete").touch()
    # TEST_WORKERS=0: the clone's tests in one process (this suite may be in several already).
    return {**os.environ, "PIP_FIND_LINKS": str(wheelhouse), "PIP_NO_INDEX": "1", "TEST_WORKERS": "0"}


def stop(process):
    """Stop the command and everything it started (its process group)."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def answer(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None, ""


def test_the_serve_command_serves_the_lesson(clone, pip_cache):
    serve, _ = readme_commands(clone / "README.md")
    title = next(line[2:].strip() for line in (clone / "docs" / LESSON).read_text(encoding="utf-8").splitlines()
                 if line.startswith("# "))
    port = free_port()
    url = f"http://127.0.0.1:{port}/{LESSON.removesuffix('.md')}/"
    log = clone.parent / "serve.log"
    started = time.monotonic()
    with open(log, "w") as output:
        process = subprocess.Popen([*serve, "-a", f"127.0.0.1:{port}"], cwd=clone, env=pip_cache, stdout=output,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    try:
        while True:
            status, page = answer(url)
            if status == 200:
                break
            assert process.poll() is None, f"{' '.join(serve)} stopped:\n{log.read_text()[-6000:]}"
            assert time.monotonic() - started < SERVE_TIMEOUT, f"{url} did not answer:\n{log.read_text()[-6000:]}"
            time.sleep(1)
        seconds = time.monotonic() - started
        assert re.search(rf"<h1[^>]*>\s*{re.escape(title)}", page), f"{url} has no <h1> {title}"
    finally:
        stop(process)
    print(f"set up and served in {seconds:.0f} s")


@pytest.fixture(scope="module")
def tested_clone(clone, pip_cache):
    """README's test command run in the clone, on FAST_TESTS; its output and duration."""
    _, test = readme_commands(clone / "README.md")
    started = time.monotonic()
    result = subprocess.run([*test, *FAST_TESTS], cwd=clone, env=pip_cache, capture_output=True, text=True)
    return result, time.monotonic() - started


def test_the_test_command_sets_up_and_runs_the_tests(tested_clone):
    result, seconds = tested_clone
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-6000:]
    assert re.search(r"\d+ passed", output) and "failed" not in output, output[-3000:]
    print(f"test setup and {FAST_TESTS} in {seconds:.0f} s")


def test_setup_installs_exactly_what_the_test_lock_holds(clone, tested_clone):
    installed = frozen(clone)
    lock = {name: version for name, (version, _, _) in locked(clone, "test").items()}
    assert installed == lock, (f"installed, not as in requirements/test.txt: {sorted(installed.items() - lock.items())}; "
                               f"in requirements/test.txt, not installed: {sorted(lock.items() - installed.items())}")
    pip = [str(clone / ".venv/bin/python"), "-m", "pip", "--disable-pip-version-check"]
    editable = json.loads(subprocess.run([*pip, "list", "--editable", "--format=json"],
                                         capture_output=True, text=True, check=True).stdout)
    project = tomllib.loads((clone / "pyproject.toml").read_text())["project"]
    assert [package["name"] for package in editable] == [project["name"]], "the project itself, editable"


@pytest.mark.parametrize("lock", LOCKS)
def test_every_locked_package_is_pinned_with_the_hashes_of_its_files(clone, lock):
    entries = locked(clone, lock)
    assert entries, f"requirements/{lock}.txt locks nothing"
    unhashed = [name for name, (_, hashes, _) in entries.items()
                if not hashes or not all(re.fullmatch(r"[0-9a-f]{64}", h) for h in hashes)]
    assert not unhashed, f"requirements/{lock}.txt: no sha256 for {unhashed}"
    installs = [line for line in (clone / "scripts" / "setup.sh").read_text().splitlines()
                if '-r "$lock"' in line and not line.lstrip().startswith("#")]
    assert installs and all("--require-hashes" in line for line in installs), \
        f"setup installs the lock with its hashes checked: {installs}"


def test_every_python_requirement_is_pinned_and_locked(clone):
    """Each pyproject.toml requirement is `==`, and what each lock holds satisfies it (a local
    version label, torch's `2.13.0+cpu` on this machine, satisfies `==2.13.0`, as in pip);
    each lock holds for the project what pyproject.toml asks, no more (pip-compile's `# via`
    notes), made with Python 3.11; the test lock has every package of the site lock, at its
    version."""
    project = tomllib.loads((clone / "pyproject.toml").read_text())
    extras = [r for extra in project["project"]["optional-dependencies"].values() for r in extra]
    wanted = {"site": project["project"]["dependencies"] + project["build-system"]["requires"]}
    wanted["test"] = wanted["site"] + extras
    loose = [r for r in wanted["test"] if not re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[^,;=<>~!*]+", r)]
    assert not loose, f"not pinned with ==: {loose}"
    for lock in LOCKS:
        entries = locked(clone, lock)
        for text in wanted[lock]:
            requirement = Requirement(text)
            version, _, _ = entries.get(canonicalize_name(requirement.name), (None, None, None))
            assert version and requirement.specifier.contains(version, prereleases=True), \
                f"{text}: requirements/{lock}.txt has {requirement.name}=={version}; run scripts/lock.sh"
        # And the other way: what the lock holds for the project is what pyproject.toml asks for.
        asked = {canonicalize_name(Requirement(text).name) for text in wanted[lock]}
        for_the_project = {name for name, (_, _, why) in entries.items() if any(PROJECT.match(w) for w in why)}
        assert for_the_project == asked, (f"requirements/{lock}.txt is not pyproject.toml's: "
                                          f"locked for it, not asked {sorted(for_the_project - asked)}, "
                                          f"asked, not locked for it {sorted(asked - for_the_project)}; run scripts/lock.sh")
        assert "with Python 3.11" in (clone / "requirements" / f"{lock}.txt").read_text(), \
            f"requirements/{lock}.txt was made with Python 3.11, as CI runs"
    site = {name: version for name, (version, _, _) in locked(clone, "site").items()}
    test = {name: version for name, (version, _, _) in locked(clone, "test").items()}
    assert site.items() <= test.items(), f"the locks disagree: {sorted(site.items() - test.items())}"


def test_every_npm_dependency_is_exact_and_locked_with_its_integrity(clone):
    package = json.loads((clone / "package.json").read_text())
    wanted = {**package.get("dependencies", {}), **package.get("devDependencies", {})}
    loose = {name: version for name, version in wanted.items() if not EXACT_VERSION.fullmatch(version)}
    assert not loose, f"package.json: not an exact version: {loose}"
    lock = json.loads((clone / "package-lock.json").read_text())
    assert lock["lockfileVersion"] >= 2
    root = lock["packages"][""]
    assert {**root.get("dependencies", {}), **root.get("devDependencies", {})} == wanted, \
        "package-lock.json was made from this package.json"
    for path, entry in lock["packages"].items():
        if path:
            assert not entry.get("link"), f"{path}: a link, not a package from the registry"
            assert re.fullmatch(r"sha512-[A-Za-z0-9+/=]+", entry.get("integrity", "")), f"{path}: no sha512 integrity"
    for name, version in wanted.items():
        assert lock["packages"][f"node_modules/{name}"]["version"] == version, f"{name}: locked at another version"
