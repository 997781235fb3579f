"""The widgets' bridge: `call(module, function, arguments)` calls a lesson function by name
with JSON arguments and returns a JSON reply, the function's value or an error that names
the argument it concerns (the names of the reply's fields: protocol.json)."""

import importlib
import json
import traceback

from .protocol import ERROR, REPLY


def call(module, function, arguments):
    """`module.function(**arguments)`, arguments and reply in JSON: {"value": what it
    returned} or {"error": {"argument", "message"}}. A ValueError whose `argument`
    attribute names an argument is about that argument (the widget shows the message next
    to its field); any other error is about none in particular."""
    try:
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
