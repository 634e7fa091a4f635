"""Batches on real Dask clusters of two worker processes, with the real tiny.en model: a corrupt file
reported while the others succeed, a rerun that skips them, the model loaded once per worker, and a
worker killed mid-batch that costs nothing but a retry."""

from __future__ import annotations

import json
import logging
import os
import signal
from pathlib import Path

import pytest
from distributed import Client, LocalCluster

from subtitler.batch.cluster import FileStarted, run_batch
from subtitler.batch.inputs import find_inputs
from subtitler.batch.settings import BatchSettings
from subtitler.batch.work import RECORDS
from subtitler.cli import main

pytestmark = pytest.mark.slow
GOOD = ["intro", "outro", "season2/ep1", "season2/ep2", "season2/ep3"]


def _outputs(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() and RECORDS not in p.parts)


def test_batch_on_an_embedded_cluster_of_two_workers(library: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, report = tmp_path / "subs", tmp_path / "report.json"
    args = ["batch", str(library), "-o", str(out), "--model", "tiny.en", "--workers", "2", "--format", "srt,vtt"]
    assert main([*args, "--project", "--report", str(report)]) == 1  # one file failed
    expected = sorted(f"{name}{ext}" for name in GOOD for ext in (".srt", ".vtt", ".subtitler"))
    assert _outputs(out) == expected
    assert "offline" in (out / "intro.srt").read_text(encoding="utf-8").lower()
    data = json.loads(report.read_text(encoding="utf-8"))
    status = {f["name"]: f["status"] for f in data["files"]}
    assert status == {**{name: "done" for name in GOOD}, "season2/broken": "failed"}
    broken = next(f for f in data["files"] if f["status"] == "failed")
    assert "broken.mp4" in broken["message"] and data["totals"] == {"done": 5, "failed": 1}
    assert len({f["worker"] for f in data["files"] if f["status"] == "done"}) == 2  # both workers had files
    assert all(f["words"] > 5 and f["cues"] >= 1 and 4900 <= f["duration_ms"] <= 5100 for f in data["files"] if f["status"] == "done")
    printed = capsys.readouterr().out
    assert printed.count("[") >= 6 and "file" in printed and "5 done, 1 failed" in printed

    written = {p: p.stat().st_mtime_ns for p in out.rglob("*.srt")}
    assert main([*args, "--project"]) == 1  # the same settings: the five are skipped, the broken one fails again
    assert "5 skipped, 1 failed" in capsys.readouterr().out
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.srt")} == written
    # Other settings make the files again (the earlier outputs are the batch's own: kept as .bak).
    assert main(["batch", str(library / "intro.mp4"), "-o", str(out), "--model", "tiny.en", "--workers", "1",
                 "--format", "srt", "--preset", "bbc"]) == 0  # fmt: skip
    assert (out / "intro.srt.bak").is_file() and "1 done" in capsys.readouterr().out


@pytest.fixture
def cluster():
    """An existing cluster of two worker processes of one thread each, as `dask worker` would start them."""
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=logging.ERROR) as running, Client(running) as client:  # fmt: skip
        yield running, client


def test_existing_cluster_loads_the_model_once_per_worker(library: Path, tmp_path: Path, cluster) -> None:
    running, client = cluster
    items = [i for i in find_inputs([library]) if "broken" not in i.name.as_posix()]
    results = run_batch(items, tmp_path / "a", BatchSettings(model="tiny.en"), scheduler=running.scheduler_address)
    assert [r.status for r in results] == ["done"] * 5
    from subtitler.asr.engine import load_model

    loads = client.run(lambda: load_model.cache_info().misses)
    used = {r.worker for r in results}
    assert used == set(loads) and all(loads[w] == 1 for w in used)  # five files, one load per worker


def test_a_worker_killed_mid_batch_loses_only_its_file_which_is_done_once_elsewhere(library: Path, tmp_path: Path, cluster) -> None:
    running, client = cluster
    items = [i for i in find_inputs([library]) if "broken" not in i.name.as_posix()]
    pids = client.run(os.getpid)
    killed: list[tuple[str, str]] = []

    def on_event(event: object) -> None:
        if isinstance(event, FileStarted) and not killed:
            killed.append((event.worker, event.source))
            os.kill(pids[event.worker], signal.SIGKILL)  # mid-file: it has only just started

    out = tmp_path / "b"
    results = run_batch(items, out, BatchSettings(model="tiny.en"), scheduler=running.scheduler_address, on_event=on_event)
    assert killed and [r.status for r in results] == ["done"] * 5
    worker, source = killed[0]
    assert next(r for r in results if r.source == source).worker != worker  # retried on another worker
    assert _outputs(out) == sorted(f"{name}.srt" for name in GOOD)  # each written once: no .bak of a second write
    assert sorted(p.name for p in (out / RECORDS).rglob("*.json")) == sorted(f"{Path(n).name}.json" for n in GOOD)
