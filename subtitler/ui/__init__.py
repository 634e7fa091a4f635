"""The Qt desktop editor."""

from ._pyside_fixes import protect_singletons

protect_singletons()
