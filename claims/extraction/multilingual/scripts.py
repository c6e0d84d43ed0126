"""Unicode scripts of text: moved to ``workbench.langid.scripts`` (shared), re-exported."""

from workbench.langid.scripts import (
    COMMON,
    DECISIVE,
    OTHER,
    ScriptRun,
    dominant_script,
    script_counts,
    script_of,
    script_runs,
)

__all__ = [
    "COMMON",
    "DECISIVE",
    "OTHER",
    "ScriptRun",
    "dominant_script",
    "script_counts",
    "script_of",
    "script_runs",
]
