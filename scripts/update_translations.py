"""Refresh the interface translations: extract, translate, compile (``make translations``).

1. ``pyside6-lupdate`` extracts every ``tr()``/``translate()`` string from subtitler/ui and app.py.
2. Contexts are corrected: lupdate's Python parser files ``tr = self.tr; tr("…")`` under an empty
   context and ``parent.tr("…")`` under "parent", but at run time PySide looks a string up under
   the caller's class and its bases down to ``QObject``. Each ``tr`` string therefore goes under
   its enclosing class, or under ``QObject`` when it is called outside any class.
3. French comes from scripts/translations_fr.py (keyed by English source text); a finished
   translation already in the .ts (made in Qt Linguist, say) is kept when the dict has none.
   English needs only its plurals ("%n cues" -> "1 cue", "2 cues"), from scripts/translations_en.py.
4. ``pyside6-lrelease`` compiles the .qm files that ship. Untranslated strings are listed;
   ``--check`` writes nothing and exits 1 when there are any or when a committed .qm is out of date.
"""

from __future__ import annotations

import argparse
import ast
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from translations_en import ENGLISH_PLURALS  # noqa: E402
from translations_fr import FRENCH  # noqa: E402

BIN = ROOT / ".venv" / "bin"
FOLDER = ROOT / "resources" / "translations"
FALLBACK_CONTEXT = "QObject"


@dataclass(frozen=True)
class Target:
    """One shipped translation: its language, where its texts live, and whether it covers only plurals."""

    language: str
    texts: dict[str, str | tuple[str, ...]]
    plurals_only: bool = False

    @property
    def ts(self) -> Path:
        return FOLDER / f"subtitler_{self.language}.ts"

    @property
    def qm(self) -> Path:
        return self.ts.with_suffix(".qm")

    @property
    def script(self) -> str:
        return f"scripts/translations_{self.language}.py"


TARGETS = (Target("fr", FRENCH), Target("en", ENGLISH_PLURALS, plurals_only=True))


@dataclass
class Message:
    """One translatable string as it will be written to the .ts."""

    context: str
    source: str
    comment: str | None
    numerus: bool = False
    locations: list[tuple[str, str]] = field(default_factory=list)
    translation: str | tuple[str, ...] | None = None


def source_files() -> list[Path]:
    """The Python files whose strings the interface shows."""
    return sorted((ROOT / "subtitler" / "ui").rglob("*.py")) + [ROOT / "subtitler" / "app.py"]


def _tr_calls(path: Path) -> list[tuple[int, int, str, str]]:
    """(first line, last line, text, enclosing class or fallback) of each ``tr("…")`` call in a file."""
    calls: list[tuple[int, int, str, str]] = []

    def visit(node: ast.AST, owner: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                visit(child, child.name)
                continue
            if isinstance(child, ast.Call) and child.args:
                func = child.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                first = child.args[0]
                if name == "tr" and isinstance(first, ast.Constant) and isinstance(first.value, str):
                    calls.append((child.lineno, child.end_lineno or child.lineno, first.value, owner))
            visit(child, owner)

    visit(ast.parse(path.read_text(encoding="utf-8")), FALLBACK_CONTEXT)
    return calls


def runtime_context(calls: list[tuple[int, int, str, str]], line: int, text: str) -> str | None:
    """The context PySide will look ``text`` up in, for the ``tr`` call at ``line``."""
    near = [owner for first, last, value, owner in calls if value == text and first <= line <= last]
    anywhere = [owner for _first, _last, value, owner in calls if value == text]
    found = near or anywhere
    return found[0] if found else None


def extract() -> list[Message]:
    """Run lupdate into a scratch .ts and return its messages under run-time contexts."""
    files = source_files()
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp) / "scratch.ts"
        subprocess.run(
            [str(BIN / "pyside6-lupdate"), "-silent", "-locations", "absolute",
             *[str(f) for f in files], "-ts", str(scratch)],
            check=True,
        )
        root = ET.parse(scratch).getroot()
        scratch_dir = scratch.parent
    calls = {f.resolve(): _tr_calls(f) for f in files}
    merged: dict[tuple[str, str, str | None], Message] = {}
    for context in root.iter("context"):
        lupdate_context = context.findtext("name") or ""
        for element in context.iter("message"):
            source = element.findtext("source") or ""
            comment = element.findtext("comment")
            locations = []
            chosen = lupdate_context
            for loc in element.iter("location"):
                path = (scratch_dir / loc.get("filename", "")).resolve()
                line = loc.get("line", "0")
                locations.append((path.relative_to(ROOT).as_posix(), line))
                fixed = runtime_context(calls.get(path, []), int(line), source)
                if fixed is not None:
                    chosen = fixed
            key = (chosen, source, comment)
            message = merged.setdefault(key, Message(chosen, source, comment, element.get("numerus") == "yes"))
            message.locations.extend(locations)
    return sorted(merged.values(), key=_in_file_order)


def _in_file_order(message: Message) -> tuple[str, str, int]:
    filename, line = message.locations[0] if message.locations else ("", "0")
    return (message.context, filename, int(line))


Key = tuple[str, str, str | None]
Translation = str | tuple[str, ...]


def existing_translations(path: Path) -> dict[Key, Translation]:
    """Finished translations already in the .ts, by (context, source, comment)."""
    if not path.is_file():
        return {}
    found: dict[Key, Translation] = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for element in context.iter("message"):
            translation = element.find("translation")
            if translation is None or translation.get("type") is not None:
                continue
            forms = tuple(f.text or "" for f in translation.iter("numerusform"))
            text = forms if element.get("numerus") == "yes" else translation.text
            if text and all(text):
                found[(name, element.findtext("source") or "", element.findtext("comment"))] = text
    return found


def translate(messages: list[Message], texts: dict[str, Translation], kept: dict[Key, Translation]) -> None:
    """Fill each message from ``texts``, else from the existing .ts; plural strings need a tuple."""
    for message in messages:
        text = texts.get(message.source) or kept.get((message.context, message.source, message.comment))
        if text is not None and isinstance(text, tuple) != message.numerus:
            print(f"ignored: {message.source!r} needs {'plural forms' if message.numerus else 'one text'}")
            text = None
        message.translation = text


def write_ts(messages: list[Message], target: Target, path: Path) -> None:
    """Write a Qt Linguist TS 2.1 file with a do-not-edit header."""
    root = ET.Element("TS", version="2.1", language=target.language, sourcelanguage="en")
    by_context: dict[str, list[Message]] = defaultdict(list)
    for message in messages:
        by_context[message.context].append(message)
    for name in sorted(by_context):
        context = ET.SubElement(root, "context")
        ET.SubElement(context, "name").text = name
        for message in by_context[name]:
            element = ET.SubElement(context, "message", numerus="yes") if message.numerus else ET.SubElement(
                context, "message"
            )
            for filename, line in message.locations:
                rel = Path("../..") / filename
                ET.SubElement(element, "location", filename=rel.as_posix(), line=line)
            ET.SubElement(element, "source").text = message.source
            if message.comment:
                ET.SubElement(element, "comment").text = message.comment
            translation = ET.SubElement(element, "translation")
            if not message.translation:
                translation.set("type", "unfinished")
            if message.numerus:
                for form in message.translation or ("",):
                    ET.SubElement(translation, "numerusform").text = form
            elif message.translation:
                translation.text = message.translation
    ET.indent(root, space="    ")
    body = ET.tostring(root, encoding="unicode")
    header = (
        " Generated by scripts/update_translations.py (make translations): do not edit by hand.\n"
        f"     Translations live in {target.script}; {target.qm.name} is compiled from this file. "
    )
    text = f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<!--{header}-->\n{body}\n'
    tmp = path.with_suffix(".ts.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def release(ts: Path, qm: Path) -> None:
    """Compile the .ts into the .qm the app loads."""
    subprocess.run([str(BIN / "pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)


def update(target: Target, extracted: list[Message], check: bool) -> bool:
    """Write (or with ``check`` compare) one target's .ts and .qm; True when it is complete and current."""
    messages = [replace(m) for m in extracted if m.numerus or not target.plurals_only]
    translate(messages, target.texts, existing_translations(target.ts))
    missing = [m for m in messages if not m.translation]
    stale = False
    if check:
        with tempfile.TemporaryDirectory() as tmp:
            fresh_ts, fresh_qm = Path(tmp) / target.ts.name, Path(tmp) / target.qm.name
            write_ts(messages, target, fresh_ts)
            release(fresh_ts, fresh_qm)
            stale = not target.qm.is_file() or target.qm.read_bytes() != fresh_qm.read_bytes()
        if stale:
            print(f"{target.qm.relative_to(ROOT)} is out of date: run `make translations`")
    else:
        FOLDER.mkdir(parents=True, exist_ok=True)
        write_ts(messages, target, target.ts)
        release(target.ts, target.qm)
        print(f"{target.ts.relative_to(ROOT)}: {len(messages)} strings, {len(messages) - len(missing)} translated")
    unused = sorted(set(target.texts) - {m.source for m in messages})
    if unused:
        print(f"{len(unused)} translations in {target.script} match no string in the interface:")
        print("".join(f"  {source!r}\n" for source in unused), end="")
    for message in missing:
        where = ", ".join(f"{f}:{line}" for f, line in message.locations)
        print(f"untranslated [{message.context}] {message.source!r} ({where}): add it to {target.script}")
    return not (missing or stale)


def main(argv: list[str] | None = None) -> int:
    """Extract, translate, write each .ts and .qm; list what is still untranslated."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true",
        help="write nothing; exit 1 if a string is untranslated or a committed .qm is out of date",
    )
    args = parser.parse_args(argv)
    extracted = extract()
    complete = [update(target, extracted, args.check) for target in TARGETS]
    return 1 if args.check and not all(complete) else 0


if __name__ == "__main__":
    sys.exit(main())
