"""Language identification: moved to ``workbench.langid`` (shared with sources), re-exported."""

from workbench.langid.detect import (
    MIN_RUN_LETTERS,
    SAMPLE_CHARS,
    UNDETERMINED,
    Detection,
    LanguageRun,
    detect,
    detect_runs,
)

__all__ = [
    "MIN_RUN_LETTERS",
    "SAMPLE_CHARS",
    "UNDETERMINED",
    "Detection",
    "LanguageRun",
    "detect",
    "detect_runs",
]
