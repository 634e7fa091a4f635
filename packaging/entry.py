"""Frozen-app entry point (PyInstaller): the same dispatch as ``python -m subtitler``."""

import multiprocessing
import sys

from subtitler.__main__ import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
