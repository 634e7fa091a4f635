"""Synthesize test speech with exact sentence truth for benchmarks/segmentation.py.

Every sentence (or clause piece, for sentences with a pause at a comma) is spoken separately
by espeak-ng, resampled to 16 kHz by sox, trimmed where it first/last reaches -40 dBFS, and
joined with silences of known length (several under 0.3 s). A faint noise floor is added so
the speech detector cannot rely on digital silence. Writes benchmarks/out/synth-<lang>.wav
and synth-<lang>.json: {"language", "duration", "sentences": [{"text", "start", "end",
"pieces": [[start, end], ...]}]} in ms.

Usage: .venv/bin/python benchmarks/synth_speech.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import wave
from pathlib import Path

import numpy as np

RATE = 16000
OUT = Path(__file__).resolve().parent / "out"
TRIM_DBFS = -40.0
NOISE_DBFS = -66.0
LEAD_IN_MS = 800

# "|" marks a pause inside a sentence (after a comma): the pieces are spoken separately.
# Each entry: (text, silence after it in ms, pause at each "|" in ms).
ENGLISH: list[tuple[str, int, int]] = [
    ("Welcome to the evening news.", 700, 0),
    ("Tonight we look at the weather, | the markets | and a story from the coast.", 250, 180),
    ("The storm that crossed the northern islands on Tuesday left thousands of homes without power for two days.", 900, 0),
    ("Engineers worked through the night.", 180, 0),
    ("By Thursday morning, | most of the lines were repaired.", 600, 220),
    ("Mr. Jones, who runs the harbour café, said the damage was the worst he had seen in forty years.", 450, 0),
    ("Is it safe to go back?", 150, 0),
    ("Not yet, | according to the local police.", 800, 250),
    ("Prices rose again this month.", 280, 0),
    ("Food and energy were the main reasons, | but rents also went up in most large cities across the country.", 700, 200),
    ("The central bank is expected to raise its rates next week.", 350, 0),
    ("Some economists disagree.", 220, 0),
    ("They argue that higher rates would slow the economy just as it begins to recover from a long winter.", 1200, 0),
    ("In sport, the national team won its first match of the season.", 500, 0),
    ("It was a close game!", 160, 0),
    ("The only goal came in the last minute, | from a young player who had joined the club in the summer.", 650, 240),
    ("Now, | the story from the coast.", 400, 200),
    ("A family of seals has made its home on a beach near the old lighthouse.", 300, 0),
    ("Visitors are asked to keep their distance.", 240, 0),
    ("Dogs must stay on a lead.", 900, 0),
    ("The seals arrived in early spring and have been seen every day since then by walkers, fishermen and school children.", 500, 0),
    ("Why did they choose this beach?", 200, 0),
    ("Nobody knows for sure.", 600, 0),
    ("Dr. Patel, a marine biologist, believes the water there is unusually rich in fish.", 350, 0),
    ("She will study the animals for the next three years.", 1000, 0),
    ("That is all for tonight.", 260, 0),
    ("Thank you for watching, | and good night.", 700, 230),
    ("Here are the headlines again.", 300, 0),
    ("Power has returned to most homes in the north, | prices continue to rise, | and the seals are doing well.", 550, 190),
    ("We will be back tomorrow at the same time with more news from home and abroad, as well as the full weather forecast.", 800, 0),
    ("Please stay safe.", 210, 0),
    ("Good night.", 500, 0),
]

FRENCH: list[tuple[str, int, int]] = [
    ("Bonsoir et bienvenue.", 600, 0),
    ("Ce soir, | nous parlons de la météo et des transports.", 250, 200),
    ("La tempête qui a traversé le nord du pays mardi a privé des milliers de foyers d'électricité pendant deux jours.", 800, 0),
    ("Les équipes ont travaillé toute la nuit.", 200, 0),
    ("Est-ce que la situation est revenue à la normale ?", 500, 0),
    ("Pas encore, | selon la préfecture.", 700, 220),
    ("M. Dupont, qui tient le café du port, dit qu'il n'avait jamais vu de tels dégâts.", 300, 0),
    ("Les trains reprendront demain matin.", 180, 0),
    ("Les voyageurs sont invités à vérifier les horaires avant de partir, | car de nombreux retards sont encore prévus.", 900, 240),
    ("Merci de nous avoir suivis.", 260, 0),
    ("Bonne soirée à tous.", 500, 0),
    ("À demain !", 500, 0),
]


def speak(text: str, voice: str, workdir: Path, speed: int) -> np.ndarray:
    """One piece of speech as float32 at 16 kHz, trimmed at -40 dBFS at both ends."""
    raw, resampled = workdir / "raw.wav", workdir / "16k.wav"
    subprocess.run(["espeak-ng", "-v", voice, "-s", str(speed), "-w", str(raw), text], check=True)
    subprocess.run(["sox", str(raw), "-r", str(RATE), "-c", "1", "-b", "16", str(resampled)], check=True)
    with wave.open(str(resampled), "rb") as fh:
        samples = np.frombuffer(fh.readframes(fh.getnframes()), np.int16).astype(np.float32) / 32768
    loud = np.flatnonzero(np.abs(samples) >= 10 ** (TRIM_DBFS / 20))
    return samples[loud[0] : loud[-1] + 1]


def build(name: str, language: str, voice: str, speed: int, sentences: list[tuple[str, int, int]]) -> None:
    """Write synth-<name>.wav and its truth JSON."""
    pieces: list[np.ndarray] = [np.zeros(LEAD_IN_MS * RATE // 1000, np.float32)]
    cursor = len(pieces[0])
    truth = []
    with tempfile.TemporaryDirectory() as tmp:
        for text, silence_after, pause in sentences:
            spans = []
            parts = [p.strip() for p in text.split("|")]
            for n, part in enumerate(parts):
                audio = speak(part, voice, Path(tmp), speed)
                spans.append([cursor * 1000 // RATE, (cursor + len(audio)) * 1000 // RATE])
                pieces.append(audio)
                cursor += len(audio)
                if n + 1 < len(parts):
                    pieces.append(np.zeros(pause * RATE // 1000, np.float32))
                    cursor += len(pieces[-1])
            pieces.append(np.zeros(silence_after * RATE // 1000, np.float32))
            cursor += len(pieces[-1])
            truth.append({"text": " ".join(parts), "start": spans[0][0], "end": spans[-1][1], "pieces": spans})
    audio = np.concatenate(pieces)
    rng = np.random.default_rng(7)
    audio = audio + rng.normal(0, 10 ** (NOISE_DBFS / 20), len(audio)).astype(np.float32)
    OUT.mkdir(parents=True, exist_ok=True)
    with wave.open(str(OUT / f"synth-{name}.wav"), "wb") as fh:
        fh.setnchannels(1)
        fh.setsampwidth(2)
        fh.setframerate(RATE)
        fh.writeframes((np.clip(audio, -1, 1) * 32767).astype(np.int16).tobytes())
    entry = {"language": language, "duration": len(audio) * 1000 // RATE, "sentences": truth}
    (OUT / f"synth-{name}.json").write_text(json.dumps(entry, indent=1, ensure_ascii=False), encoding="utf-8")
    print(f"synth-{name}: {len(truth)} sentences, {len(audio) / RATE:.1f} s")


def main() -> int:
    build("en", "en", "en-us", 165, ENGLISH)
    build("fr", "fr", "fr", 165, FRENCH)
    return 0


if __name__ == "__main__":
    sys.exit(main())
