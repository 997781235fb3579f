"""What README.md tells a newcomer to run, read from README itself."""

import re
import shlex

from tests.support.site import REPOSITORY

README = REPOSITORY / "README.md"


def readme_commands(readme=README):
    """README's two commands, from the ```bash block of its "## Two commands" section, as
    argument lists: (serve, test). Fails, saying what it expected, if README changes shape."""
    text = readme.read_text(encoding="utf-8")
    section = re.search(r"^## Two commands\n(.*?)(?=^## |\Z)", text, re.S | re.M)
    assert section, f'{readme.name} has no "## Two commands" section'
    block = re.search(r"^```bash\n(.*?)^```", section.group(1), re.S | re.M)
    assert block, f'{readme.name}: the "Two commands" section has no ```bash block'
    commands = [shlex.split(line, comments=True) for line in block.group(1).splitlines()]
    commands = [command for command in commands if command]
    assert len(commands) == 2, f"{readme.name}: expected two commands in the block, found {commands}"
    serve, test = commands
    assert "serve" in " ".join(serve) and "test" in " ".join(test), \
        f"{readme.name}: expected the serve command, then the test command; found {commands}"
    return serve, test
