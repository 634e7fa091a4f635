"""End-to-end tests drive the same real editor window as the UI tests."""

from tests.ui.conftest import make_window  # noqa: F401 - the fixture, shared
