"""Errors with messages meant for the user (shown as they are, never as tracebacks)."""

from __future__ import annotations


class SubtitlerError(Exception):
    """Base of every error whose message is written for the user."""


class FormatError(SubtitlerError):
    """A subtitle file could not be read or written."""


class ProjectError(SubtitlerError):
    """A project file could not be read or written."""


class MediaError(SubtitlerError):
    """A media file could not be probed or decoded."""


class ModelError(SubtitlerError):
    """A speech model could not be found, assembled or loaded."""


class EditError(SubtitlerError):
    """An edit would produce an invalid document (overlap, inverted times, ...)."""


class Cancelled(SubtitlerError):
    """The user cancelled a long operation (decoding, transcription ...); nothing was changed."""
