"""Entry point: ``subtitler COMMAND ...`` runs the CLI; ``subtitler [FILE]`` opens the editor."""

from __future__ import annotations

import os
import shlex
import sys


def has_display() -> bool:
    """Whether a window can be shown (a display server, or an explicit Qt platform)."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def main(argv: list[str] | None = None) -> int:
    import multiprocessing

    multiprocessing.freeze_support()
    args = list(sys.argv[1:] if argv is None else argv)
    from . import cli

    if args and (args[0] in cli.COMMANDS or args[0].startswith("-")):
        return cli.main(args)
    if not has_display():
        from .paths import sample_video

        target = args[0] if args else str(sample_video())
        print(
            "No display found: the editor cannot open here, so Subtitler transcribes "
            f"{target} headless instead.",
            file=sys.stderr,
        )
        out = os.path.splitext(os.path.basename(target))[0] + ".srt"
        if os.path.lexists(out):
            # Nothing here can say --force: tell the user the command that can.
            again = shlex.join(["subtitler", "transcribe", target, "-o", out, "--force"])
            print(f"{out} already exists and was left unchanged. To replace it: {again}", file=sys.stderr)
            return 2
        return cli.main(["transcribe", target, "-o", out])
    from .app import main as app_main

    return app_main(args)


if __name__ == "__main__":
    sys.exit(main())
