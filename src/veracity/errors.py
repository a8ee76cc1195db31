"""The one error tree of veracity, each error with its exit code.

The command line prints ``str(error)`` as one line and exits with
``error.exit_code``; it never shows a traceback for these errors.

>>> str(InputError("not a table", source="leak.csv", place="line 3"))
'leak.csv: line 3: not a table'
>>> InputError("empty file", source="a.csv").exit_code
2
"""

from __future__ import annotations


class VeracityError(Exception):
    """Base of every error veracity reports to a user."""

    exit_code = 2


class InputError(VeracityError):
    """A file or value given to veracity cannot be used; names the file and place."""

    def __init__(self, message: str, source: str = "", place: str = "") -> None:
        self.message, self.source, self.place = message, source, place
        super().__init__(": ".join(part for part in (source, place, message) if part))


class UsageError(VeracityError):
    """The command was called wrongly (unknown case, option or field)."""


class ConfigError(VeracityError):
    """A taxonomy, setting or reference table is malformed."""


class IntegrityError(VeracityError):
    """Evidence or the audit log does not match what the case recorded."""

    exit_code = 1
