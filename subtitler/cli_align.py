"""`subtitler align VIDEO TRANSCRIPT -o OUT`: the user's own text, timed to the video and cut into subtitles."""

from __future__ import annotations

import argparse
import os
import sys

from .core.errors import SubtitlerError

__all__ = ["add_align", "cmd_align"]


def add_align(sub: argparse._SubParsersAction) -> None:
    """Declare the align command and its options."""
    from .cli import _add_force_option, _add_preset_options, _add_words_option, _positive

    p = sub.add_parser(
        "align",
        help="time a transcript you already have (text, SRT or VTT) to a video, then cut it into subtitles",
        description=(
            "Align every word of TRANSCRIPT to the speech of VIDEO with a local Whisper model, then cut "
            "the words into subtitles under a rules preset. The transcript is cleaned up first (encoding "
            "and mojibake repair, line breaks joined, speaker labels read as turns, [sound] tags and "
            "fillers kept unless told otherwise); each step is printed. Your words are kept as they are: "
            "none is lost, added or reordered; words that cannot be heard are placed between their "
            "neighbours and flagged. Text without punctuation gets sentence ends and capitals from "
            "Whisper's own hypothesis of the audio. OUT's extension picks the format (.subtitler keeps "
            "the words, the source transcript and the clean-up). An existing OUT is replaced only with "
            "--force (keeping OUT.bak)."
        ),
    )
    p.add_argument("video", metavar="VIDEO", help="video or audio file")
    p.add_argument("transcript", metavar="TRANSCRIPT", help="text file, or SRT/VTT whose times are to be replaced")
    p.add_argument("-o", "--output", metavar="OUT", required=True, help="subtitle file or .subtitler project to write")
    p.add_argument("--model", metavar="NAME|PATH", help="model name (see `subtitler models`) or folder (default: base)")
    p.add_argument("--language", metavar="xx", help="spoken language code (default: detect)")
    p.add_argument("--audio-track", type=_positive(int), metavar="N", help="audio track number (default: the default track)")
    p.add_argument("--encoding", help="text encoding of TRANSCRIPT (default: BOM, else UTF-8, cp1252, latin-1)")
    p.add_argument("--no-repair", action="store_true", help="leave text mangled by a wrong decoding as it is")
    p.add_argument("--keep-lines", action="store_true", help="keep each line of TRANSCRIPT apart (do not join them)")
    p.add_argument("--no-speakers", action="store_true", help="read speaker labels and dashes as plain text")
    p.add_argument("--drop-sounds", action="store_true", help="leave out [Music], (applause) ... tags")
    p.add_argument("--drop-fillers", action="store_true", help="leave out fillers (um, uh, euh ...)")
    p.add_argument("--keep-case", action="store_true", help="when punctuation is restored, keep your text's case")
    _add_words_option(p)
    _add_force_option(p)
    _add_preset_options(p)
    p.set_defaults(handler=cmd_align)


def cmd_align(args: argparse.Namespace) -> int:
    """Import TRANSCRIPT, align it to VIDEO, cut it into cues and write OUT atomically."""
    from pathlib import Path

    from .asr.align import AlignOptions
    from .asr.engine import ProgressEvent
    from .asr.models import DEFAULT_MODEL
    from .asr.transcript_alignment import align_transcript, language_preset
    from .cli import _kept, _preset_from, _ProgressBar, _refuse_overwrite, _write_output
    from .cli_words import apply_words, check_output, words_from
    from .core.formats.encoding import read_limited
    from .core.model import Document, MediaRef
    from .core.presets import DEFAULT_FPS
    from .core.project import media_fingerprint
    from .core.transcript_import import ImportOptions, import_transcript
    from .media.probe import probe

    video, source, output = Path(args.video), Path(args.transcript), Path(args.output)
    words = words_from(args)
    check_output(output, words)
    if output.resolve() in (video.resolve(), source.resolve()):
        raise SubtitlerError(f"the output {output} would overwrite an input")
    _refuse_overwrite(output, args.force)
    options = ImportOptions(
        encoding=args.encoding, repair=not args.no_repair, join_lines=not args.keep_lines,
        speakers=not args.no_speakers, keep_sounds=not args.drop_sounds, keep_fillers=not args.drop_fillers,
    )
    imported = import_transcript(read_limited(source), source.name, options)
    for step in imported.steps:
        if step.applied or step.count:
            print(f"{source}: {_describe(step)}", file=sys.stderr)
    texts = [t.text for t in imported.words]
    if not texts:
        raise SubtitlerError(f"{source} holds no words to align")
    info = probe(video)
    track = args.audio_track - 1 if args.audio_track else None
    info.audio_track(track)
    fps = args.fps or info.fps or DEFAULT_FPS
    bar = _ProgressBar(sys.stderr) if sys.stderr.isatty() else None

    def on_event(event: object) -> None:
        if bar and isinstance(event, ProgressEvent):
            bar.update(event.fraction, event.eta_seconds)

    try:
        aligned = align_transcript(
            video, imported, AlignOptions(model=args.model or DEFAULT_MODEL, language=args.language, audio_track=track),
            preset=lambda language: _preset_from(args, language_preset(language)), fps=fps, keep_case=args.keep_case, on_event=on_event,
        )
    except KeyboardInterrupt:
        if bar:
            bar.close()
        print("subtitler align: interrupted; nothing was written", file=sys.stderr, flush=True)
        os._exit(130)
    if bar:
        bar.close()
    if aligned.punctuation_restored:
        print(f"{source}: note: the text had no punctuation; sentence ends and capitals were restored "
              "from Whisper's hypothesis", file=sys.stderr)
    media = MediaRef(str(video.absolute()), media_fingerprint(video), info.duration_ms or aligned.transcript.duration, fps)
    document = Document(cues=aligned.cues, transcript=aligned.transcript, media=media, preset=aligned.preset.name,
                        extras={"transcript_source": aligned.record})
    document = apply_words(document, words, aligned.preset, fps)
    written, backup = _write_output(document, output, args.force, fps)
    note = f"; {aligned.unheard} not heard, placed between their neighbours and flagged" if aligned.unheard else ""
    print(f"wrote {len(document.cues)} cues ({len(texts)} words aligned{note}, language {aligned.language}) "
          f"to {written}{_kept(backup)}")
    return 0


def _describe(step: object) -> str:
    """One line about a clean-up step."""
    name, applied, count, detail = (getattr(step, k) for k in ("name", "applied", "count", "detail"))
    lines = {
        "encoding": f"read as {detail}",
        "mojibake": (f"repaired {count} words of UTF-8 text read as {detail}" if applied
                     else f"{count} words look like UTF-8 read as {detail} (left as they are)"),
        "times": f"dropped the times of {count} cues",
        "lines": f"joined {count} line breaks",
        "speakers": f"read {count} speaker turns ({detail})" if applied else f"{count} speaker labels left as text",
        "sounds": f"{'dropped' if applied else 'kept'} {count} sound events ({detail})",
        "fillers": f"{'removed' if applied else 'kept'} {count} fillers ({detail})",
    }
    return lines.get(name, name)
