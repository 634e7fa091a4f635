"""Burned-in subtitles on the bundled sample: text pixels exactly inside each cue's time, on top when asked,
the audio copied, nothing left behind by a cancel; `subtitler burn` from the command line."""

from __future__ import annotations

import threading
from pathlib import Path

import av
import numpy as np
import pytest

from subtitler.cli import main
from subtitler.core import formats
from subtitler.core.errors import Cancelled, MediaError
from subtitler.core.model import Cue, Document
from subtitler.media.burn import BurnOptions, burn_subtitles

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "resources" / "samples" / "sample.mp4"
FAST = BurnOptions(speed="ultrafast")
CUES = [
    Cue.create(1000, 4240, "Welcome to Subtitler,\nthe offline subtitle editor."),
    Cue.create(12800, 16560, "{\\an8}You can drag each cue on the waveform"),
]
# Frame times (ms, 25 fps) around and inside the cues.
TIMES = (960, 1000, 2000, 4200, 4240, 8000, 12760, 12800, 14000, 16560)


def gray_frames(path: Path, times: tuple[int, ...]) -> dict[int, np.ndarray]:
    """The frames shown at ``times`` (ms), as grey levels."""
    found: dict[int, np.ndarray] = {}
    with av.open(str(path)) as container:
        for frame in container.decode(video=0):
            at = round(frame.time * 1000)
            if at in times:
                found[at] = frame.to_ndarray(format="gray").astype(np.int16)
    assert sorted(found) == sorted(times)
    return found


def audio_packets(path: Path) -> list[bytes]:
    """The coded audio, packet by packet."""
    with av.open(str(path)) as container:
        return [bytes(packet) for packet in container.demux(audio=0) if packet.size]


def text_pixels(burned: dict[int, np.ndarray], source: dict[int, np.ndarray], at: int) -> tuple[int, int]:
    """Pixels of the top and bottom thirds that the burning changed a lot (text and its outline)."""
    changed = np.abs(burned[at] - source[at]) > 100
    third = changed.shape[0] // 3
    return int(changed[:third].sum()), int(changed[-third:].sum())


@pytest.fixture(scope="module")
def source_frames() -> dict[int, np.ndarray]:
    return gray_frames(SAMPLE, TIMES)


def test_text_is_drawn_inside_each_cues_time_and_nowhere_else(tmp_path: Path, source_frames) -> None:
    out = tmp_path / "burned.mp4"
    seen: list[tuple[float, float | None]] = []
    burn_subtitles(SAMPLE, Document(CUES), out, FAST, on_progress=lambda f, left: seen.append((f, left)))
    burned = gray_frames(out, TIMES)
    top, bottom = zip(*(text_pixels(burned, source_frames, at) for at in TIMES))
    shown = dict(zip(TIMES, zip(top, bottom)))
    for at in (1000, 2000, 4200):  # the first cue, at the bottom, from its first frame to its last
        assert shown[at][1] > 500 and shown[at][0] == 0
    for at in (12800, 14000):  # the {\an8} cue, on top
        assert shown[at][0] > 500 and shown[at][1] == 0
    for at in (960, 4240, 8000, 12760, 16560):  # the frame before, the end frame, between cues
        assert shown[at] == (0, 0)
    assert [f for f, _ in seen] == sorted(f for f, _ in seen) and seen[-1][0] == 1.0
    assert any(left is not None and left > 0 for _, left in seen)
    assert audio_packets(out) == audio_packets(SAMPLE)  # the audio is copied, not re-encoded
    with av.open(str(out)) as burned_file:
        assert burned_file.streams.video[0].codec_context.name == "h264"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["burned.mp4"]


def test_the_presets_look_differs_bbc_draws_a_box(tmp_path: Path, source_frames) -> None:
    from subtitler.core.burn_style import style_for

    darkened = {}
    for preset in ("bbc", "netflix-en"):
        out = tmp_path / f"{preset}.mp4"
        burn_subtitles(SAMPLE, Document(CUES[:1]), out, BurnOptions(style_for(preset), speed="ultrafast"))
        frame, source = gray_frames(out, (2000,))[2000], source_frames[2000]
        darkened[preset] = int(((frame < 30) & (source > 60)).sum())
    # A black box behind two lines of text, against a thin outline.
    assert darkened["bbc"] > 3000 and darkened["bbc"] > 3 * darkened["netflix-en"]


def test_cancel_leaves_no_partial_file(tmp_path: Path) -> None:
    cancel = threading.Event()
    out = tmp_path / "never.mp4"

    def on_progress(fraction: float, _left: float | None) -> None:
        if fraction > 0.05:
            cancel.set()

    with pytest.raises(Cancelled):
        burn_subtitles(SAMPLE, Document(CUES), out, BurnOptions(speed="slow"), on_progress, cancel)
    assert list(tmp_path.iterdir()) == []


def test_bad_requests_are_refused_with_a_message(tmp_path: Path) -> None:
    with pytest.raises(MediaError, match="written as .mp4"):
        burn_subtitles(SAMPLE, Document(CUES), tmp_path / "out.gif")
    with pytest.raises(MediaError, match="would overwrite the video"):
        burn_subtitles(SAMPLE, Document(CUES), SAMPLE)
    with pytest.raises(MediaError, match="quality"):
        BurnOptions(quality=80)
    assert list(tmp_path.iterdir()) == []


def test_burn_command(tmp_path: Path, capsys: pytest.CaptureFixture[str], source_frames) -> None:
    subs = tmp_path / "subs.vtt"
    formats.save(Document(CUES), subs)
    out = tmp_path / "out.mp4"
    out.write_bytes(b"older")
    args = ["burn", str(SAMPLE), str(subs), "-o", str(out), "--speed", "ultrafast", "--font-size", "30"]
    assert main(args) == 2  # OUT exists: left alone without --force
    assert "already exists" in capsys.readouterr().err and out.read_bytes() == b"older"
    assert main([*args, "--force"]) == 0
    assert (tmp_path / "out.mp4.bak").read_bytes() == b"older"
    assert "2 cues burned in" in capsys.readouterr().out
    shown = text_pixels(gray_frames(out, (2000, 14000)), source_frames, 14000)
    assert shown[0] > 500 and shown[1] == 0  # the WebVTT line:0 cue stays on top
    assert main(["burn", str(SAMPLE), str(subs), "-o", str(tmp_path / "x.avi")]) == 2
    assert "written as .mp4" in capsys.readouterr().err
