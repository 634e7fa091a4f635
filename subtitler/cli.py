"""Headless commands: transcribe, resegment, check, fix, convert, models.

Each command has an ``_add_<name>(sub)`` that declares its arguments and a
``cmd_<name>(args)`` that runs it. Bad input prints one clear line and exits non-zero;
tracebacks are for bugs only.
"""

from __future__ import annotations

import argparse
import sys

from . import __version__
from .core.errors import SubtitlerError

COMMANDS = ("transcribe", "resegment", "check", "fix", "convert", "models")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="subtitler",
        description=(
            "Offline subtitle timing editor. Without a command, opens the editor "
            "(on FILE if given: a video or a .subtitler project)."
        ),
    )
    parser.add_argument("--version", action="version", version=f"subtitler {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    # Each _add_<name> below registers one command; keep this list in COMMANDS order.
    return parser


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
