"""The GitHub Actions workflow (.github/workflows/site.yml): valid YAML that GitHub can run,
testing every push and pull request with README's own test command, and publishing main
to GitHub Pages only after the tests pass, from a build with --strict. The maintainers'
page on publishing says how to turn it on."""

import re
import shlex

import yaml

from coursekit.editions import BUILDERS
from tests.support.readme import readme_commands
from tests.support.site import REPOSITORY

WORKFLOW = REPOSITORY / ".github/workflows/site.yml"
PUBLISHING = REPOSITORY / "docs/instructors/setup-and-publishing.md"


def workflow():
    found = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    found["on"] = found.pop(True, found.get("on"))  # YAML 1.1 reads a bare `on` as true
    return found


def steps(job):
    return workflow()["jobs"][job]["steps"]


def test_it_is_a_workflow_github_can_run():
    found = workflow()
    assert found["name"] and set(found["on"]) >= {"push", "pull_request"}
    assert found["on"]["push"]["branches"] == ["main"]
    for name, job in found["jobs"].items():
        assert job["runs-on"].startswith("ubuntu-"), name
        for step in job["steps"]:
            assert ("uses" in step) != ("run" in step), f"{name}: a step either uses an action or runs a command"
            if "uses" in step:
                assert re.fullmatch(r"actions/[\w-]+@v\d+", step["uses"]), f"{step['uses']}: a pinned official action"


def test_every_push_runs_readmes_test_command():
    _, test = readme_commands()
    assert [shlex.split(step["run"]) for step in steps("test") if "run" in step] == [test]
    assert "if" not in workflow()["jobs"]["test"], "every push and pull request is tested"


def test_main_is_published_only_after_the_tests_pass_from_a_strict_build():
    jobs = workflow()["jobs"]
    assert jobs["build"]["needs"] == "test" and jobs["publish"]["needs"] == "build"
    assert "refs/heads/main" in jobs["build"]["if"] and "pull_request" in jobs["build"]["if"]
    runs = [step["run"] for step in steps("build") if "run" in step]
    assert runs[0] == "bash scripts/setup.sh", "set up as README's commands do"
    assert any("-m coursekit.editions build --site-dir site" in run for run in runs), "every edition"
    assert all("--strict" in command for command in BUILDERS.values()), "each built with --strict"
    assert any(step.get("uses", "").startswith("actions/upload-pages-artifact@") for step in steps("build"))
    assert [step["uses"].split("@")[0] for step in steps("publish")] == ["actions/deploy-pages"]
    assert jobs["publish"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert workflow()["permissions"] == {"contents": "read"}, "nothing else may write"


def test_the_maintainers_page_says_how_to_turn_it_on():
    text = PUBLISHING.read_text(encoding="utf-8")
    assert ".github/workflows/site.yml" in text and "Source: GitHub Actions" in text
