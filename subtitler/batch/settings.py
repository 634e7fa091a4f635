"""What every file of a batch is transcribed with, and the fingerprint that lets a rerun skip finished files."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from ..asr.models import DEFAULT_MODEL
from ..core.errors import SubtitlerError
from ..core.presets import Preset, get_preset, preset_for_language
from ..core.word_export import JSON_EXTENSION, WordExport

__all__ = ["BatchSettings", "OUTPUT_FORMATS"]

OUTPUT_FORMATS = (".srt", ".vtt", ".ass", ".ssa", ".txt", JSON_EXTENSION)
"""Subtitle formats a batch writes (``.json``: faster-whisper's words)."""
_VERSION = 1
"""Bumped when the same settings would make different outputs: files done before are done again."""


@dataclass(frozen=True)
class BatchSettings:
    """The options of a batch, the same for every file."""

    model: str = DEFAULT_MODEL
    language: str | None = None
    """ISO code; None detects it per file."""
    task: str = "transcribe"
    preset: str | None = None
    """Rules preset; None: each file's language's (Netflix French for French speech)."""
    limits: tuple[tuple[str, object], ...] = ()
    """Preset limits changed from the preset's, as (field, value) pairs."""
    formats: tuple[str, ...] = (".srt",)
    project: bool = False
    """Also write a ``.subtitler`` project (every word's time and the raw transcript)."""
    words: WordExport | None = None
    vad: bool = True
    initial_prompt: str | None = None

    def __post_init__(self) -> None:
        if not self.formats and not self.project:
            raise SubtitlerError("nothing to write: give at least one format or --project")
        for suffix in self.formats:
            if suffix not in OUTPUT_FORMATS:
                raise SubtitlerError(f"unknown output format '{suffix}' (known: {', '.join(OUTPUT_FORMATS)})")
            if self.words is not None:
                self.words.check_target(Path("x" + suffix))
        if self.preset is not None:
            try:
                get_preset(self.preset)
            except ValueError as exc:
                raise SubtitlerError(str(exc)) from None
        self.preset_for("")  # unknown limits are refused now, not on every file

    def preset_for(self, language: str) -> Preset:
        """The preset a file in ``language`` is cut under."""
        try:
            return get_preset(self.preset or preset_for_language(language)).adjusted(**dict(self.limits))
        except ValueError as exc:
            raise SubtitlerError(str(exc)) from None

    def outputs(self, base: Path) -> list[Path]:
        """The files written for one input, ``base`` being its path under OUTDIR without extension."""
        paths = [base.with_name(base.name + suffix) for suffix in self.formats]
        if self.project:
            paths.append(base.with_name(base.name + ".subtitler"))
        return paths

    def fingerprint(self) -> str:
        """A digest of everything that shapes the outputs: equal digests, equal outputs."""
        data = {**asdict(self), "version": _VERSION}
        text = json.dumps(data, sort_keys=True, default=str)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
