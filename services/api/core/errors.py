"""Base classes of the application's expected, user-facing errors.

They carry no HTTP knowledge beyond a ``status_code`` attribute, which
``core.exceptions.exception_handler`` turns into the response status.  Apps
subclass them (``jobs.exceptions``); this module imports nothing from them.
"""


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
