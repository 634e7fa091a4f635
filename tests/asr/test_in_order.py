"""run_in_order: work on a few items at once, results in the items' order, bounded, stoppable."""

from __future__ import annotations

import threading
import time

import pytest

from subtitler.asr.in_order import run_in_order


def test_results_come_in_the_items_order_whichever_finishes_first() -> None:
    def slow_first(n: int) -> int:
        time.sleep(0.05 if n % 2 == 0 else 0.0)
        return n * n

    assert list(run_in_order(slow_first, range(7), workers=2)) == [n * n for n in range(7)]


def test_items_run_at_once_up_to_the_workers_and_no_further_ahead() -> None:
    lock = threading.Lock()
    running, most, started = 0, 0, []

    def work(n: int) -> int:
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
            started.append(n)
        time.sleep(0.05)
        with lock:
            running -= 1
        return n

    results = run_in_order(work, range(6), workers=2)
    assert next(results) == 0
    assert len(started) <= 2  # nothing taken beyond the workers' share before the first result is used
    assert list(results) == [1, 2, 3, 4, 5]
    assert most == 2


def test_an_error_in_the_work_is_raised_to_the_caller() -> None:
    def work(n: int) -> int:
        if n == 3:
            raise ValueError("bad item")
        return n

    with pytest.raises(ValueError, match="bad item"):
        list(run_in_order(work, range(6), workers=2))


def test_closing_early_starts_no_further_item() -> None:
    started: list[int] = []

    def work(n: int) -> int:
        started.append(n)
        time.sleep(0.02)
        return n

    results = run_in_order(work, range(100), workers=2)
    assert next(results) == 0
    results.close()
    assert len(started) <= 3


def test_one_worker_works_in_the_callers_thread() -> None:
    threads = list(run_in_order(lambda n: threading.current_thread(), range(3), workers=1))
    assert threads == [threading.current_thread()] * 3
