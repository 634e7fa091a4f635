"""Property tests: whatever bytes a file holds, loading gives a result or a FormatError."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from subtitler.core import formats
from subtitler.core.errors import FormatError

EXTENSIONS = formats.extensions()

# Pieces of real subtitle syntax, so that generated text reaches deep into every parser.
FRAGMENTS = [
    "\n", "\r\n", "\n\n", " ", "1", "42", "-", ":", ",", ".", "-->", " --> ", "->", "00:00:01,000", "00:00:02.500",
    "-00:00:01,000", "1:02:03.45", "99:99:99,999", "WEBVTT", "NOTE", "STYLE", "REGION", "align:start",
    "[Script Info]", "[V4+ Styles]", "[V4 Styles]", "[Events]", "[Fonts]", "fontname: a.ttf",
    "Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text",
    "Format: Start, Text", "Style: Default,Arial,20,&H00FFFFFF,&H000000FF,&H0,&H0,0,0,0,0,100,100,0,0,1,2,2,2,10,10,10,1",
    "Style: X,Arial,big,&Hzz", "Dialogue: ", "Comment: ", "0,0:00:01.00,0:00:02.00,Default,,0,0,0,,",
    "{\\i1}", "{\\i0}", "{\\an8}", "{\\t(0,1,\\b1)}", "{", "}", "\\N", "<i>", "</i>", "<b>", "<v Bob>", "&amp;",
    "&#0;", "&#x110000;", "Ã©", "Ă ", "Â", "é", "\u00a0", "\ufeff", "\x00", "\x1a", "\t",
]


def _load(data: bytes, ext: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz{ext}"
        path.write_bytes(data)
        try:
            result = formats.load(path)
        except FormatError as exc:
            assert str(exc)
            return
        assert isinstance(result, formats.LoadResult)
        assert all(p.line >= 1 for p in result.problems)
        # Whatever loaded can be written back out in every format.
        for out_ext in EXTENSIONS:
            formats.save(result.document, Path(folder) / f"out{out_ext}")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=2048), ext=st.sampled_from(EXTENSIONS))
def test_arbitrary_bytes_never_crash_the_loader(data: bytes, ext: str) -> None:
    _load(data, ext)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    parts=st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=60),
    ext=st.sampled_from(EXTENSIONS),
    encoding=st.sampled_from(["utf-8", "utf-16", "cp1252"]),
)
def test_subtitle_like_text_never_crashes_the_loader(parts: list[str], ext: str, encoding: str) -> None:
    _load("".join(parts).encode(encoding, errors="replace"), ext)
