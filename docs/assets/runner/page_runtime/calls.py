"""The widgets' bridge: `call(module, function, arguments)` calls a lesson function by name
with JSON arguments and returns a JSON reply, the function's value or an error that names
the argument it concerns (the names of the reply's fields: protocol.json)."""

import importlib
import json
import os
import sys
import traceback

from .protocol import ERROR, REPLY


LANGUAGE_MODULE = "coursekit.page.language"
"""The kit's module that says which language words and numbers are written in."""
LANGUAGE_VARIABLE = "COURSEKIT_LANGUAGE"
"""Where that module, imported later, finds the page's language (coursekit/page/language.py)."""


def written_in(language):
    """Lesson modules write their words and numbers in `language` (the page's <html lang>)
    from now on: those loaded already, and those a block imports later."""
    if not language:
        return
    os.environ[LANGUAGE_VARIABLE] = language
    if LANGUAGE_MODULE in sys.modules:
        sys.modules[LANGUAGE_MODULE].use(language)


def call(module, function, arguments, language=None):
    """`module.function(**arguments)`, arguments and reply in JSON: {"value": what it
    returned} or {"error": {"argument", "message"}}. A ValueError whose `argument`
    attribute names an argument is about that argument (the widget shows the message next
    to its field); any other error is about none in particular. `language`, the page's,
    is the one the function writes its words and numbers in, where it writes any."""
    try:
        written_in(language)
        target = importlib.import_module(module)
        for name in function.split("."):
            target = getattr(target, name)
        value = target(**json.loads(arguments))
    except KeyboardInterrupt:
        return _error(None, "Stopped.")
    except ValueError as error:
        argument = getattr(error, "argument", None)
        return _error(argument if isinstance(argument, str) else None, str(error))
    except Exception as error:
        return _error(None, "".join(traceback.format_exception_only(error)).strip())
    try:
        return json.dumps({REPLY["value"]: value}, allow_nan=False, default=_plain)
    except (TypeError, ValueError) as error:
        return _error(None, f"{module}.{function} returned what JSON cannot carry: {error}")


def _error(argument, message):
    return json.dumps({REPLY["error"]: {ERROR["argument"]: argument, ERROR["message"]: message}})


def _plain(value):
    """numpy's numbers and arrays as JSON's."""
    if hasattr(value, "tolist"):
        return value.tolist()
    raise TypeError(f"{type(value).__name__} is not JSON")
