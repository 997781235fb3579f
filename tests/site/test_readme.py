"""README.md stays a newcomer's page: what this is, the two commands, a map, where to read
on, in 100 lines or fewer. How things work is in the site's pages for maintainers
(docs/instructors/), which README links, and the figures in benchmarks/README.md."""

import re

from coursekit.editions import pages as pages_of
from tests.support.readme import README, readme_commands
from tests.support.site import REPOSITORY

SECTIONS = ["## Two commands", "## Where things are", "## Read on"]
MAX_LINES = 100


def text():
    return README.read_text(encoding="utf-8")


def test_readme_is_short():
    lines = len(text().splitlines())
    assert lines <= MAX_LINES, f"README.md has {lines} lines: keep it a newcomer's page ({MAX_LINES} at most); " \
                               "how things work goes to docs/instructors/, figures to benchmarks/README.md"


def test_readme_has_its_sections_in_order():
    headings = [line for line in text().splitlines() if line.startswith("## ")]
    assert headings == SECTIONS
    assert all(command for command in readme_commands())


def test_the_maps_places_exist():
    section = re.search(r"^## Where things are\n(.*?)(?=^## )", text(), re.S | re.M).group(1)
    block = re.search(r"^```\n(.*?)^```", section, re.S | re.M).group(1)
    names = [re.split(r"\s{2,}", line)[0] for line in block.splitlines() if line[:1].strip()]  # not continuations
    places = [place.strip() for name in names for place in name.split(",") if "<" not in place]
    assert places, "the map names no place"
    missing = [place for place in places if not (REPOSITORY / place).exists()]
    assert not missing, f"README's map names what the repository does not have: {missing}"


def test_readme_links_resolve_and_name_every_maintainers_page():
    links = re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", text())
    relative = [link for link in links if not re.match(r"\w+:", link)]
    missing = [link for link in relative if not (REPOSITORY / link).is_file()]
    assert not missing, f"README links to files the repository does not have: {missing}"
    pages = {f"docs/instructors/{page.name}" for page in pages_of(REPOSITORY / "docs/instructors")}
    assert pages <= set(relative), f"README does not point to {sorted(pages - set(relative))}"
    assert "benchmarks/README.md" in relative
