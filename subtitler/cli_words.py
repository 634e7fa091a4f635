"""The ``--words`` option of the commands that write subtitles: what the word layer becomes in OUT."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from .core.errors import SubtitlerError

if TYPE_CHECKING:
    from pathlib import Path

    from .core.model import Document
    from .core.presets import Preset
    from .core.word_export import WordExport

__all__ = ["add_words_option", "words_from", "check_output", "apply_words"]

WORDS_HELP = (
    "word timing in OUT: karaoke (ASS, a \\k tag per word), vtt-timestamps (WebVTT, <00:00:01.000> "
    "before each word), json (faster-whisper's segments and words; OUT.json), or per-word N "
    "(cues of 1 to N words, for vertical video)"
)


def add_words_option(p: argparse.ArgumentParser) -> None:
    """--words MODE [N] and --karaoke-fill."""
    g = p.add_argument_group("word-level export")
    g.add_argument("--words", nargs="+", metavar="MODE", help=WORDS_HELP)
    g.add_argument("--karaoke-fill", action="store_true", help="karaoke that sweeps across each word (\\kf) instead of lighting it at once (\\k)")


def words_from(args: argparse.Namespace) -> "WordExport | None":
    """The WordExport --words asks for; SubtitlerError with the right usage when it is malformed."""
    from .core.word_export import MODES, WordExport

    given = getattr(args, "words", None)
    if not given:
        if getattr(args, "karaoke_fill", False):
            raise SubtitlerError("--karaoke-fill goes with --words karaoke")
        return None
    mode, rest = given[0], given[1:]
    if mode not in MODES:
        raise SubtitlerError(f"--words: unknown mode '{mode}' (choose {', '.join(MODES[:-1])} or per-word N)")
    if mode == "per-word":
        if len(rest) != 1 or not rest[0].isdigit() or int(rest[0]) < 1:
            raise SubtitlerError("--words per-word takes the most words per cue, a number from 1: --words per-word 3")
        return WordExport(mode, max_words=int(rest[0]))
    if rest:
        raise SubtitlerError(f"--words {mode} takes no value, but got {' '.join(rest)!r} (put --words after the file names)")
    if args.karaoke_fill and mode != "karaoke":
        raise SubtitlerError("--karaoke-fill goes with --words karaoke")
    return WordExport(mode, fill=bool(args.karaoke_fill))


def check_output(output: "Path", words: "WordExport | None") -> None:
    """Refuse, before any work, an OUT whose extension Subtitler cannot write or that cannot hold ``words``."""
    from .core import formats
    from .core.project import EXTENSION
    from .core.word_export import JSON_EXTENSION

    suffix = output.suffix.lower()
    if words is not None:
        words.check_target(output)
        if suffix == EXTENSION and words.mode != "per-word":
            raise SubtitlerError(f"--words {words.mode} is for subtitle files; a {EXTENSION} project keeps every word anyway")
    if suffix not in (EXTENSION, JSON_EXTENSION):
        formats.format_for(output)


def apply_words(
    document: "Document", words: "WordExport | None", preset: "Preset", fps: float, speech: object = None
) -> "Document":
    """The document to write: ``document`` itself without ``words``, else a copy carrying them."""
    if words is None:
        return document
    from .core.word_export import export_document

    return export_document(document, words, preset, fps, speech)
