"""The player paints real video frames from the sink, seeks, steps frames and draws the cue."""

from __future__ import annotations

from pathlib import Path

from subtitler.core.model import Cue
from subtitler.ui.player import Player, cue_html


def test_cue_html_keeps_italic_bold_and_lines_and_escapes_the_rest() -> None:
    assert cue_html("<i>Hi</i> & <b>you</b>\nthere") == "<i>Hi</i> &amp; <b>you</b><br>there"
    assert cue_html("{\\an8}<script>x") == "&lt;script&gt;x"


def test_player_shows_a_frame_seeks_and_draws_the_current_cue(qtbot, sample_video: Path) -> None:
    player = Player()
    qtbot.addWidget(player)
    player.resize(640, 420)
    player.show()
    with qtbot.waitSignal(player.media_loaded, timeout=10_000):
        player.load(sample_video, 25.0)
    qtbot.waitUntil(lambda: not player.view.frame_image().isNull(), timeout=10_000)
    assert player.duration() > 20_000
    cue = Cue.create(2000, 4000, "<i>Hello</i>")
    player.set_cues([cue])
    with qtbot.waitSignal(player.position_changed, timeout=5000) as blocker:
        player.seek(3000)
    assert blocker.args == [3000]
    assert player.view._cue_text == "<i>Hello</i>"
    assert "00:00:03:00" in player.time_label.text()
    player.step_frames(2)
    assert player.position() == 3080
    player.seek(5000)
    assert player.view._cue_text == ""


def test_play_range_stops_at_its_end(qtbot, sample_video: Path) -> None:
    player = Player()
    qtbot.addWidget(player)
    with qtbot.waitSignal(player.media_loaded, timeout=10_000):
        player.load(sample_video, 25.0)
    player.play_range(1000, 1400)
    qtbot.waitUntil(lambda: player.position() >= 1400 and not player.is_playing(), timeout=10_000)
    assert player.position() < 2000
