"""StageTimes: wall time per named stage, from any thread."""

from __future__ import annotations

import threading
import time

from subtitler.core.stage_times import StageTimes


def test_stages_add_up_in_first_seen_order() -> None:
    times = StageTimes()
    with times.stage("b"):
        time.sleep(0.02)
    with times.stage("a"):
        pass
    with times.stage("b"):
        time.sleep(0.02)
    assert list(times.seconds) == ["b", "a"] and times.seconds["b"] >= 0.04 > times.seconds["a"]
    assert times.lines()[0].startswith("profile: b ") and times.lines()[1].endswith(" s")


def test_a_stage_that_raises_is_still_counted() -> None:
    times = StageTimes()
    try:
        with times.stage("failing"):
            raise ValueError
    except ValueError:
        pass
    assert "failing" in times.seconds


def test_wrapped_calls_from_many_threads_are_all_counted() -> None:
    times = StageTimes()
    step = times.wrap("step", lambda: time.sleep(0.001))
    threads = [threading.Thread(target=lambda: [step() for _ in range(50)]) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert times.seconds["step"] >= 200 * 0.001
