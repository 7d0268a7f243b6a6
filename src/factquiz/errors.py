"""Named exceptions for user mistakes; the CLI turns each into a message and exit code 2."""


class FactquizError(Exception):
    """A problem the user can fix; its message says what and how."""
