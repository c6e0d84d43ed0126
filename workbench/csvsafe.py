"""CSV that spreadsheets open as text: every CSV the workbench writes goes through here.

OWASP's rule against CSV (formula) injection: a cell that starts with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return is prefixed with a single quote, so that Excel, LibreOffice
and Google Sheets show it as text instead of evaluating it (``=HYPERLINK(...)``,
``@SUM(...)``, ``-2+3``). Numbers stay numbers: only text is neutralised. ``restore`` undoes
it for programs that read our own files back.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from typing import Any

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """``value`` as a safe cell: text starting with a formula trigger gets a leading quote."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def restore(value: str) -> str:
    """The text ``neutralise`` was given (for reading our own exports back)."""
    if value.startswith("'") and value[1:].startswith(FORMULA_TRIGGERS):
        return value[1:]
    return value


class SafeWriter:
    """``csv.writer`` whose every row is neutralised."""

    def __init__(self, f: Any, *args: Any, **kwargs: Any) -> None:
        self._writer = csv.writer(f, *args, **kwargs)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([neutralise(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


class SafeDictWriter(csv.DictWriter):
    """``csv.DictWriter`` whose every row (not the header) is neutralised."""

    def writerow(self, rowdict: Mapping[str, Any]) -> Any:
        return super().writerow({key: neutralise(value) for key, value in rowdict.items()})

    def writerows(self, rowdicts: Iterable[Mapping[str, Any]]) -> None:
        for rowdict in rowdicts:
            self.writerow(rowdict)
