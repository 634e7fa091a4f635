"""Encodings on load, refusals of non-text files, and mojibake detection and repair."""

from __future__ import annotations

import codecs
import time
from pathlib import Path

import pytest

from subtitler.core import formats
from subtitler.core.errors import FormatError
from subtitler.core.formats.encoding import decode
from subtitler.core.formats.mojibake import mojibake_score, repair_text, suggest_repair

FRENCH = "1\n00:00:01,000 --> 00:00:02,000\nCafé déjà prêt, l'été\n\n2\n00:00:03,000 --> 00:00:04,000\nÇa va\u00a0? Oui.\n"


def _srt(tmp_path: Path, data: bytes, name: str = "in.srt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (FRENCH.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + FRENCH.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + FRENCH.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + FRENCH.encode("utf-16-be"), "utf-16-be"),
        (FRENCH.encode("utf-16-le"), "utf-16-le"),
        (FRENCH.encode("cp1252"), "cp1252"),
        # 0x81 is undefined in cp1252, so only latin-1 reads this one.
        (FRENCH.encode("latin-1").replace(b"Oui", b"Oui\x81"), "latin-1"),
    ],
)
def test_encodings_are_detected_and_reported(tmp_path: Path, data: bytes, encoding: str) -> None:
    result = formats.load(_srt(tmp_path, data))
    assert result.encoding == encoding
    assert result.document.cues[0].text == "Café déjà prêt, l'été"
    assert result.mojibake is None


def test_forced_encoding_is_used_and_a_wrong_one_is_refused(tmp_path: Path) -> None:
    path = _srt(tmp_path, FRENCH.encode("cp1252"))
    assert formats.load(path, encoding="latin-1").encoding == "latin-1"
    with pytest.raises(FormatError, match="not valid utf-8 text \\(line 3\\)"):
        formats.load(path, encoding="utf-8")
    with pytest.raises(FormatError, match="unknown text encoding"):
        formats.load(path, encoding="klingon-8")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "is empty"),
        (b"\n\r\n  \n", "contains no text"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00" + bytes(range(256)) * 4, "not a text file"),
        (bytes([0x01, 0x02, 0x03, 0x04, 0x05]) + b"1\n00:00:01,000 --> 00:00:02,000\nx\n", "not a text file"),
    ],
)
def test_empty_and_binary_files_are_refused(tmp_path: Path, data: bytes, message: str) -> None:
    with pytest.raises(FormatError, match=message):
        formats.load(_srt(tmp_path, data))


def test_two_gigabyte_file_is_refused_at_once(tmp_path: Path) -> None:
    path = tmp_path / "huge.srt"
    with open(path, "wb") as handle:
        handle.truncate(2 * 1024**3)  # sparse: no disk used
    begin = time.perf_counter()
    with pytest.raises(FormatError, match="too large .*2.0 GB"):
        formats.load(path)
    assert time.perf_counter() - begin < 0.5


def test_missing_file_folder_and_unknown_extension_are_refused(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="does not exist"):
        formats.load(tmp_path / "missing.srt")
    folder = tmp_path / "folder.srt"
    folder.mkdir()
    with pytest.raises(FormatError, match="is a folder"):
        formats.load(folder)
    with pytest.raises(FormatError, match="'.doc': not a subtitle format"):
        formats.load(_srt(tmp_path, b"hello", name="letter.doc"))


def test_decode_names_the_fallback_it_used() -> None:
    assert decode("naïve".encode("cp1252"), "x") == ("naïve", "cp1252")
    assert decode("naïve".encode("utf-8"), "x") == ("naïve", "utf-8")


# --- mojibake -------------------------------------------------------------------------

ORIGINALS = [
    "Café, présenté à Paris.",
    "Voilà",
    "Déjà vu ? Prêt à partir.",
    "Ça va\u00a0? Où ça\u00a0?",
    "zażółć gęślą jaźń – “quoted”",
]


def _sloppy_decode(data: bytes, codec: str) -> str:
    """Decode like careless software: bytes the code page leaves undefined pass through as C1."""
    return "".join(bytes([b]).decode(codec, errors="ignore") or chr(b) for b in data)


def _mangle(text: str, codec: str, lose_nbsp: bool = False) -> str:
    mangled = _sloppy_decode(text.encode("utf-8"), codec)
    if lose_nbsp:
        # Editors turn the code page's non-breaking space into a space, and strip it at line ends.
        mangled = "\n".join(line.rstrip() for line in mangled.replace("\u00a0", " ").split("\n"))
    return mangled


def _same_text(a: str, b: str) -> bool:
    # A lost non-breaking space comes back as one, or as the space it had become.
    return " ".join(a.replace("\u00a0", " ").split()) == " ".join(b.replace("\u00a0", " ").split())


@pytest.mark.parametrize("codec", ["cp1252", "latin-1", "cp1250"])
@pytest.mark.parametrize("lose_nbsp", [False, True])
def test_mojibake_is_detected_and_repaired(codec: str, lose_nbsp: bool) -> None:
    mangled = [_mangle(t, codec, lose_nbsp) for t in ORIGINALS]
    suggestion = suggest_repair(mangled)
    assert suggestion is not None
    assert suggestion.codec == codec
    assert suggestion.changed == len(ORIGINALS)
    assert suggestion.examples[0] == (mangled[0], ORIGINALS[0])
    for bad, good in zip(mangled, ORIGINALS):
        fixed = repair_text(bad, codec)
        assert _same_text(fixed, good), (bad, fixed)
        assert mojibake_score(fixed) == 0


def test_cp1250_cases_that_ftfy_alone_leaves_broken() -> None:
    import ftfy

    for bad, good in [("VoilĂ", "Voilà"), ("Ă  la maison", "à la maison"), ("prĂŞt", "prêt"), ("oĂą", "où")]:
        assert ftfy.fix_encoding(bad) == bad  # the reason our own pass exists
        assert _same_text(repair_text(bad, "cp1250"), good)


def test_cp1252_lost_nbsp_at_line_end() -> None:
    assert repair_text("VoilÃ\nDÃ©jÃ  vu", "cp1252") == "Voilà\nDéjà vu"


def test_clean_text_gets_no_suggestion() -> None:
    texts = ["CASĂ NOUĂ pe strada mare", "Café déjà prêt", "Æsir ©2020 – “quotes” …", "SCHÖN…", "Ελληνικά", "日本語"]
    assert suggest_repair(texts) is None
    assert all(repair_text(t, "cp1252") == t for t in texts[1:])


def test_double_mangling_is_undone() -> None:
    twice = _mangle(_mangle("présenté", "cp1252"), "cp1252")
    assert repair_text(twice, "cp1252") == "présenté"


def test_load_reports_and_repairs_mojibake(tmp_path: Path) -> None:
    mangled = FRENCH.encode("utf-8").decode("cp1250").replace("\u00a0", " ")
    path = _srt(tmp_path, mangled.encode("utf-8"))
    result = formats.load(path)
    assert result.mojibake is not None and result.mojibake.codec == "cp1250"
    assert not result.repaired
    assert "cp1250" in result.mojibake.describe() and "Café" in result.mojibake.describe()
    assert result.document.cues[0].text == "CafĂ© dĂ©jĂ  prĂŞt, l'Ă©tĂ©"

    repaired = formats.load(path, repair=True)
    assert repaired.repaired
    assert [c.text for c in repaired.document.cues] == ["Café déjà prêt, l'été", "Ça va\u00a0? Oui."]

    fixed = formats.repair_mojibake(result.document)
    assert [c.text for c in fixed.cues] == [
        c.text for c in repaired.document.cues
    ]
    assert [c.id for c in fixed.cues] == [c.id for c in result.document.cues]


def test_repair_mojibake_keeps_the_rest_of_the_document() -> None:
    from subtitler.core.model import Cue, Document, MediaRef

    doc = Document(
        [Cue.create(0, 1000, "CafÃ©", style="Sign")],
        media=MediaRef("film.mp4"),
        preset="bbc",
        extras={"ass": {"format": "ass"}},
    )
    fixed = formats.repair_mojibake(doc)
    assert fixed.cues[0].text == "Café" and fixed.cues[0].style == "Sign"
    assert (fixed.media, fixed.preset, fixed.extras) == (doc.media, doc.preset, doc.extras)
    assert fixed.extras is not doc.extras
    assert doc.cues[0].text == "CafÃ©"


def test_latin10_with_stripped_nbsp_and_dropped_controls() -> None:
    # UTF-8 read as ISO-8859-16: the NBSP of "à" stripped (its space kept), the 0x87 of "Ç" dropped.
    original = "Ça va être prêt à te lancer, déjà là ? Oui."
    mangled = _sloppy_decode(original.encode("utf-8"), "iso8859_16").replace("\u00a0", "").replace("\x87", "")
    assert mangled == "Ăa va ĂȘtre prĂȘt Ă te lancer, dĂ©jĂ lĂ ? Oui."
    suggestion = suggest_repair([mangled])
    assert suggestion is not None and suggestion.codec == "iso8859_16"
    assert repair_text(mangled, "iso8859_16") == original
