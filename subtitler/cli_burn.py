"""`subtitler burn VIDEO SUBS -o OUT`: a copy of the video with the subtitles drawn into the picture."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .core.errors import SubtitlerError

if TYPE_CHECKING:
    from .core.model import Document

__all__ = ["add_burn", "cmd_burn"]


def add_burn(sub: argparse._SubParsersAction) -> None:
    """Declare the burn command and its options."""
    from .cli import _add_force_option, _positive
    from .core.presets import PRESETS
    from .media.burn import VIDEO_OUTPUTS

    p = sub.add_parser(
        "burn",
        help="write a copy of a video with the subtitles drawn in (open captions)",
        description=(
            "Draw SUBS (a subtitle file or a .subtitler project) into a copy of VIDEO with ffmpeg and "
            "libass, in the look of a rules preset: white text with a black outline for Netflix, on a "
            "black box for the BBC; cues placed on top ({\\an8}, WebVTT line:0) stay on top. An ASS file "
            "keeps its own styles. The picture is encoded with H.264 (--quality, --speed); the audio is "
            f"copied as it is. OUT is {', '.join(VIDEO_OUTPUTS)}. Nothing is left at OUT when the command "
            "fails or is interrupted. An existing OUT is replaced only with --force (keeping OUT.bak)."
        ),
    )
    p.add_argument("video", metavar="VIDEO", help="the video to draw on")
    p.add_argument("subs", metavar="SUBS", help="subtitle file (.srt, .ass, .vtt ...) or .subtitler project")
    p.add_argument("-o", "--output", metavar="OUT", required=True, help="video file to write")
    g = p.add_argument_group("look")
    g.add_argument("--preset", choices=list(PRESETS), help="the look of a preset (default: the project's, else netflix-en)")
    g.add_argument("--font", metavar="NAME", help="font family (default: the system's sans-serif)")
    g.add_argument("--font-size", type=_positive(float), metavar="PX", help="text height in pixels of the video")
    g.add_argument("--outline", type=_positive(float, True), metavar="PX", help="outline thickness in pixels")
    g.add_argument("--margin", type=_positive(float, True), metavar="PX", help="distance from the bottom edge in pixels")
    g.add_argument("--box", action=argparse.BooleanOptionalAction, help="a black box behind the text instead of an outline")
    g.add_argument("--fonts", metavar="FOLDER", help="a folder of font files to choose --font from")
    e = p.add_argument_group("encoding")
    e.add_argument("--quality", type=int, default=20, metavar="CRF", help="H.264 quality: 18 visually lossless, 23 smaller (default 20)")
    e.add_argument("--speed", default="medium", metavar="PRESET", help="x264 speed: ultrafast ... medium (default) ... veryslow")
    e.add_argument("--encoding", help="text encoding of a subtitle file (default: BOM, else UTF-8, cp1252, latin-1)")
    _add_force_option(p)
    p.set_defaults(handler=cmd_burn)


def _read_subtitles(path: Path, encoding: str | None) -> "Document":
    """The document in SUBS: a project, or a subtitle file (its problems printed as warnings)."""
    from .core import formats
    from .core.project import EXTENSION, open_project

    if path.suffix.lower() == EXTENSION:
        loaded = open_project(path)
        for warning in loaded.warnings:
            print(f"{path}: note: {warning}", file=sys.stderr)
        return loaded.document
    result = formats.load(path, encoding=encoding)
    for problem in result.problems:
        print(f"{path}:{problem.line}: warning: {problem.message}", file=sys.stderr)
    return result.document


def cmd_burn(args: argparse.Namespace) -> int:
    """Burn SUBS into VIDEO and write OUT atomically."""
    from .cli import _kept, _ProgressBar, _refuse_overwrite
    from .core.burn_style import style_for
    from .core.project import backup_path_for
    from .media.burn import VIDEO_OUTPUTS, BurnOptions, burn_subtitles
    from .media.probe import probe

    video, output = Path(args.video), Path(args.output)
    if output.suffix.lower() not in VIDEO_OUTPUTS:
        raise SubtitlerError(f"'{output.name}': a burned video is written as {', '.join(VIDEO_OUTPUTS)}")
    if output.resolve() in (video.resolve(), Path(args.subs).resolve()):
        raise SubtitlerError(f"the output {output} would overwrite an input")
    _refuse_overwrite(output, args.force)
    document = _read_subtitles(Path(args.subs), args.encoding)
    height = probe(video).height or 0
    if not height:
        raise SubtitlerError(f"{video.name} has no picture to draw subtitles on")

    def fraction(px: float | None) -> float | None:
        return px / height if px is not None else None

    style = style_for(args.preset or document.preset).adjusted(
        font=args.font, size=fraction(args.font_size), outline=fraction(args.outline),
        margin=fraction(args.margin), box=args.box,
    )  # fmt: skip
    options = BurnOptions(style, args.quality, args.speed)
    fonts = Path(args.fonts) if args.fonts else None
    if fonts is not None and not fonts.is_dir():
        raise SubtitlerError(f"--fonts {fonts}: not a folder")
    bar = _ProgressBar(sys.stderr) if sys.stderr.isatty() else None
    backup = backup_path_for(output) if output.exists() else None
    try:
        burn_subtitles(video, document, output, options, bar.update if bar else None, fonts=fonts, backup=backup)
    finally:
        if bar:
            bar.close()
    print(f"wrote {output} with {len(document.cues)} cues burned in{_kept(backup)}")
    return 0
