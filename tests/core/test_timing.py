"""Timing rules on hand-built cues and speech regions: edges, extension, chaining, frames, cuts."""

from __future__ import annotations

from subtitler.core.model import Cue, Word
from subtitler.core.presets import get_preset
from subtitler.core.timing import END_FOLLOW_MAX_MS, END_PULL_MAX_MS, LINGER_MS, refine_timing, speech_edges

EN = get_preset("netflix-en")
FPS = 25.0
FRAME = 40


def cue(start: int, end: int, text: str) -> Cue:
    """A cue whose words share its span evenly."""
    tokens = text.split()
    step = (end - start) // len(tokens)
    words = [Word(start + k * step, start + (k + 1) * step - 10, t) for k, t in enumerate(tokens)]
    words[-1] = Word(words[-1].start, end, words[-1].text)
    return Cue.create(start, end, text, words)


def on_frames(cues: list[Cue]) -> bool:
    return all(c.start % FRAME == 0 and c.end % FRAME == 0 for c in cues)


def test_edges_move_to_the_silence_between_the_words():
    # Whisper put the boundary 250 ms early; the audio has the pause at 2000-2300.
    spans = [(1000, 1750), (1750, 3000)]
    regions = [(1020, 2000), (2300, 3100)]
    assert speech_edges(spans, regions) == [(1020, 2000), (2300, 3100)]


def test_boundary_prefers_the_long_pause_over_a_short_stop_nearby():
    spans = [(1000, 2050), (2100, 3500)]
    # A 40 ms closure right at the words' boundary, the real 300 ms pause 150 ms later.
    regions = [(1000, 2060), (2100, 2200), (2500, 3500)]
    edges = speech_edges(spans, regions)
    assert edges[0][1] == 2200 and edges[1][0] == 2500


def test_no_silence_between_cues_keeps_their_shared_word_boundary():
    spans = [(1000, 2000), (2000, 3000)]
    assert speech_edges(spans, [(900, 3100)]) == [(900, 2000), (2000, 3100)]


def test_first_word_at_zero_moves_to_the_real_onset():
    spans = [(0, 2400)]
    assert speech_edges(spans, [(1000, 2400)])[0][0] == 1000


def test_refine_snaps_in_to_onset_and_keeps_words_consistent():
    cues = [cue(850, 2000, "Hello there, my friend.")]
    out = refine_timing(cues, EN, FPS, speech=[(1013, 2010)])
    assert out[0].start == 1000  # nearest frame to the onset
    assert out[0].end >= 2010 and on_frames(out)
    assert out[0].words[0].start == 1013 and out[0].words[-1].end == 2010
    assert out[0].id == cues[0].id and out[0].text == cues[0].text


def test_reading_speed_extends_up_to_half_a_second():
    text = "This line is far too long to read quickly"  # 41 chars: 2050 ms at 20 cps
    out = refine_timing([cue(1000, 2000, text)], EN, FPS, speech=[(1000, 2000)])
    assert out[0].end == 2480  # speech end + the whole frames that fit in 500 ms


def test_extension_never_runs_into_the_next_cue():
    a = cue(1000, 2000, "This line is far too long to read quickly")
    b = cue(2300, 3500, "Next one.")
    out = refine_timing([a, b], EN, FPS, speech=[(1000, 2000), (2300, 3500)])
    assert out[1].start - out[0].end == 2 * FRAME


def test_small_gaps_within_a_sentence_are_chained_to_two_frames_and_large_ones_kept():
    a, b, c = cue(1000, 2000, "One two and"), cue(2400, 3400, "three four."), cue(5000, 6000, "Five six.")
    out = refine_timing([a, b, c], EN, FPS, speech=[(1000, 2000), (2400, 3400), (5000, 6000)])
    assert out[1].start - out[0].end == 80
    assert out[2].start - out[1].end > 12 * FRAME
    assert on_frames(out)


def test_a_cue_that_may_end_a_sentence_ends_with_its_speech():
    """Chaining or reading speed ran a sentence's out-time up to 0.5 s past its speech, so cue
    ends missed where real sentences end (33% within 0.3 s on a hoarse real recording)."""
    a, b = cue(1000, 2000, "This line is far too long, read it quickly."), cue(2400, 3400, "Next one.")
    out = refine_timing([a, b], EN, FPS, speech=[(1000, 2000), (2400, 3400)])
    assert out[0].end == 2000 + LINGER_MS  # not chained to 2320, not extended to 2480
    assert out[1].start == 2400


def test_an_out_time_lingers_after_the_speech_when_there_is_room():
    out = refine_timing([cue(1000, 2200, "Short one.")], EN, FPS, speech=[(1000, 2200)])
    assert out[0].end == 2200 + LINGER_MS


def test_overlapping_input_is_separated_by_the_minimum_gap():
    a, b = cue(1000, 2600, "First cue here."), cue(2500, 3500, "Second cue.")
    out = refine_timing([a, b], EN, FPS)
    assert out[1].start - out[0].end == 80 and out[0].end > out[0].start


def test_minimum_and_maximum_duration():
    short = cue(1000, 1300, "Hi.")
    long_cue = cue(5000, 13000, "This goes on for far too long")
    out = refine_timing([short, long_cue], EN, FPS)
    assert out[0].end - out[0].start >= EN.min_duration_ms
    assert out[1].end - out[1].start <= EN.max_duration_ms


def test_in_time_snaps_to_a_nearby_cut_and_out_time_ends_before_one():
    a = cue(1130, 2900, "A cue near two cuts.")
    out = refine_timing([a], EN, FPS, speech=[(1130, 2900)], shot_changes=[1000, 3000])
    assert out[0].start == 1000
    assert out[0].end == 3000 - 2 * FRAME


def test_other_frame_rates_stay_on_their_grid():
    fps = 23.976
    cues = [cue(1000, 2000, "One two."), cue(2400, 3400, "Three four.")]
    out = refine_timing(cues, EN, fps)
    for c in out:
        for t in (c.start, c.end):
            frames = t * fps / 1000
            assert abs(frames - round(frames)) < 0.05


def test_a_hemmed_in_cue_borrows_frames_to_reach_the_minimum_duration() -> None:
    """"plus sensible." ended 800 ms after it began, between two chained cues, under the 833 ms minimum."""
    from subtitler.core.model import Cue, Word
    from subtitler.core.presets import get_preset
    from subtitler.core.timing import refine_timing

    preset = get_preset("netflix-fr")
    cues = [
        Cue.create(0, 2960, "Sauf que le smartphone ajoute le toucher,", [Word(0, 2960, "toucher,")]),
        Cue.create(3040, 3840, "plus sensible.", [Word(3040, 3840, "sensible.")]),
        Cue.create(3920, 7000, "Et puis, évidemment, il faudrait parler", [Word(3920, 7000, "parler")]),
    ]
    refined = refine_timing(cues, preset, 25.0)
    assert all(c.end - c.start >= preset.min_duration_ms for c in refined), [(c.start, c.end) for c in refined]
    assert all(b.start - a.end >= preset.min_gap_ms(25.0) for a, b in zip(refined, refined[1:]))


def test_a_word_stretched_over_a_pause_does_not_start_the_cue_early() -> None:
    """Whisper timed "and" 16.59-18.33 s, over a pause: the cue started 1.8 s before its speech."""
    from subtitler.core.model import Cue, Word
    from subtitler.core.presets import get_preset
    from subtitler.core.timing import refine_timing

    preset = get_preset("netflix-en")
    first = Cue.create(14710, 16590, "We're just saying some words", [Word(14710, 16090, "some"), Word(16090, 16590, "words")])
    second = Cue.create(
        16590, 20840, "and here's some more words,", [Word(16590, 18330, "and"), Word(18740, 20840, "words,")]
    )
    speech = [(14500, 16600), (18400, 20800)]
    refined = refine_timing([first, second], preset, 25.0, speech=speech)
    assert abs(refined[1].start - 18400) <= 80, refined[1].start
    assert refined[0].end <= 17200


def test_a_fading_last_word_ends_where_the_silence_begins():
    """Whisper ended "intensity" 0.4 s before the voice faded; the audio shows speech up to the
    long silence, so the speech end follows it (the cue ended 0.5 s before the real sentence end)."""
    spans = [(1000, 3000), (6000, 7000)]
    regions = [(1000, 2800), (2900, 3380), (6000, 7000)]
    assert speech_edges(spans, regions)[0][1] == 3380


def test_a_last_word_ending_in_a_long_silence_comes_back_a_little():
    spans = [(1000, 3000), (6000, 7000)]
    assert speech_edges(spans, [(1000, 2700), (6000, 7000)])[0][1] == 3000 - END_PULL_MAX_MS


def test_a_sentence_end_chains_with_an_in_time_two_frames_early_at_most():
    """A 360 ms pause after a sentence: the out-time lingers 5 frames, the next in-time comes 2
    frames early, and the gap is the minimum one (no flicker of a 4-frame gap)."""
    a, b = cue(1000, 2000, "One two."), cue(2360, 3400, "Three four.")
    out = refine_timing([a, b], EN, FPS, speech=[(1000, 2000), (2360, 3400)])
    assert out[0].end == 2000 + LINGER_MS
    assert out[1].start - out[0].end == 2 * FRAME and 2360 - out[1].start <= 2 * FRAME


def test_a_last_word_ending_inside_a_sound_follows_it_when_no_silence_is_near():
    """Whisper ended "words" at 16.59 s in a sound going on to 16.92 s, with only short stops
    after it: the end follows the sound (the cue ended 0.6 s before the utterance did)."""
    spans = [(14530, 16590), (18430, 20000)]
    regions = [(14530, 15960), (16170, 16920), (17010, 17140), (18430, 20000)]
    assert speech_edges(spans, regions)[0][1] == 16920
    capped = [(14530, 15960), (16170, 17500), (18430, 20000)]
    assert speech_edges(spans, capped)[0][1] == 16590 + END_FOLLOW_MAX_MS
