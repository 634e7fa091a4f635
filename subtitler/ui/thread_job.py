"""What the controllers of worker threads share: one run at a time, as a job of the document, with progress in the status bar."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Sequence

from PySide6.QtCore import QObject, SignalInstance

from ..core.timecode import format_duration

if TYPE_CHECKING:
    from .main_window import MainWindow
    from .workers import CancellableThread

__all__ = ["ThreadJobController"]


class ThreadJobController(QObject):
    """Runs one worker thread at a time as a job of the window's document; subclasses start it and say what it did."""

    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window
        self.thread: CancellableThread | None = None
        self._job: object | None = None
        self._started = 0.0

    @property
    def running(self) -> bool:
        return self.thread is not None

    def cancel(self, wait: bool = False) -> None:
        """Stop the running thread, then ``_after_cancel``; ``wait``: until it ends (the window is closing)."""
        thread = self.thread
        if thread is None:
            return
        thread.cancel()
        self._finish()
        self._after_cancel()
        if wait:
            thread.wait(10_000)  # let the work notice before Qt tears the thread down

    def _after_cancel(self) -> None:
        """Put back what the run changed and say it was cancelled."""
        raise NotImplementedError

    def _start_thread(self, thread: "CancellableThread", slots: Sequence[tuple[SignalInstance, Callable[..., None]]],
                      waiting_text: str) -> None:
        """Start ``thread`` as the current run, its signals wired to ``slots``, the progress at 0 saying ``waiting_text``."""
        for signal, slot in slots:
            signal.connect(self._from(thread, slot))
        thread.finished.connect(thread.deleteLater)
        self.thread = thread
        self._show_progress(True)
        self.window.progress_bar.setValue(0)
        self.window.time_left_label.setText(waiting_text)
        thread.start()

    def _from(self, thread: "CancellableThread", slot: Callable[..., None]) -> Callable[..., None]:
        """``slot`` called only while ``thread`` is the current run: a cancelled run's late signals are dropped."""
        return lambda *args: slot(*args) if self.thread is thread else None

    def _on_thread_progress(self, fraction: float, seconds_left: float) -> None:
        window = self.window
        window.progress_bar.setValue(int(fraction * 1000))
        window.progress_bar.setFormat(f"{fraction * 100:.0f} %")
        if seconds_left >= 0:
            window.time_left_label.setText(self.tr("%1 left").replace("%1", format_duration(seconds_left)))
        else:
            window.time_left_label.setText(self.tr("Estimating time left…"))

    def _on_thread_cancelled(self) -> None:
        self.cancel()

    def _finish(self) -> bool:
        """The run is over: the document is no longer busy; True when its result still applies."""
        self.thread = None
        job, self._job = self._job, None
        self._show_progress(False)
        return job is not None and self.window.controller.end_job(job)

    def _show_progress(self, visible: bool) -> None:
        for widget in (self.window.progress_bar, self.window.time_left_label):
            widget.setVisible(visible)
