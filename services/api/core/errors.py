"""Base classes of the application's expected, user-facing errors.

They carry no HTTP knowledge beyond a ``status_code`` attribute, which
``core.exceptions.exception_handler`` turns into the response status.  Apps
subclass them (``jobs.exceptions``); this module imports nothing from them.
"""

from collections.abc import Callable, Sequence


class ApplicationError(Exception):
    """Base of every expected, user-facing error of the application."""

    status_code = 400
    default_message = "The request could not be processed."

    def __init__(self, message: str | None = None) -> None:
        self.message = message or self.default_message
        super().__init__(self.message)


class NotFoundError(ApplicationError):
    """A resource named by the request does not exist."""

    status_code = 404
    default_message = "Not found."


# Names one error lists at most, each cut to this many characters; an
# "..." entry counts the others, so an error costs the same for 10 or 100,000
# unknown names.
LISTED_NAMES_MAX = 10
LISTED_NAME_LENGTH = 40


def listed_name_errors(
    names: Sequence[str], message_for: Callable[[str], str], *, noun: str
) -> dict[str, list[str]]:
    """Return ``{name: [message]}`` for the first names, ``"..."`` counting the rest.

    ``message_for(name)`` is the message of one name; ``noun`` (plural)
    names what the ``"..."`` entry counts: ``"3 more unknown fields."``.
    """
    errors = {
        name[:LISTED_NAME_LENGTH]: [message_for(name)]
        for name in names[:LISTED_NAMES_MAX]
    }
    if len(names) > LISTED_NAMES_MAX:
        errors["..."] = [f"{len(names) - LISTED_NAMES_MAX} more unknown {noun}."]
    return errors
