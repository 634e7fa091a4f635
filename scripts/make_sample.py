"""Generate the bundled sample videos with known speech timing.

Each sentence is synthesized separately with espeak-ng, trimmed at about -40 dBFS and
joined with known silences, so the true start and end of every sentence is exact.
The audio is muxed under an ffmpeg test pattern (H.264 + AAC). Needs espeak-ng and ffmpeg.

    python scripts/make_sample.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import wave
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "samples"

ENGLISH = [
    ("Welcome to Subtitler, the offline subtitle editor.", 700),
    ("It listens to your video and writes every word with its time.", 450),
    ("Then it cuts the words into subtitles that follow the rules.", 250),
    ("You can drag each cue on the waveform until the timing feels right.", 600),
    ("When you are happy, export the result as SRT, ASS or WebVTT.", 800),
]
FRENCH = [
    ("Bonjour et bienvenue dans Subtitler.", 700),
    ("Ce logiciel transcrit la vidéo sans connexion internet.", 400),
    ("Vous pouvez ensuite corriger le texte et le minutage.", 800),
]
LEAD_IN_MS = 1000


def synthesize(text: str, voice: str, workdir: Path) -> tuple[np.ndarray, int]:
    """Speak one sentence with espeak-ng; return int16 samples and the sample rate."""
    wav_path = workdir / "sentence.wav"
    subprocess.run(["espeak-ng", "-v", voice, "-s", "155", "-w", str(wav_path), text], check=True)
    with wave.open(str(wav_path)) as wav:
        rate = wav.getframerate()
        samples = np.frombuffer(wav.readframes(wav.getnframes()), dtype=np.int16)
    return samples, rate


def trim(samples: np.ndarray, threshold_dbfs: float = -40.0) -> np.ndarray:
    """Cut leading and trailing audio quieter than the threshold."""
    level = 32768 * 10 ** (threshold_dbfs / 20)
    loud = np.flatnonzero(np.abs(samples.astype(np.int32)) > level)
    return samples[loud[0] : loud[-1] + 1] if loud.size else samples[:0]


def build(sentences: list[tuple[str, int]], voice: str, name: str, language: str) -> None:
    """Write NAME.mp4 and add its truth to sample.json."""
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        pieces: list[np.ndarray] = []
        truth = []
        rate = 22050
        cursor = 0
        pieces.append(np.zeros(LEAD_IN_MS * rate // 1000, dtype=np.int16))
        cursor += pieces[-1].size
        for text, silence_after in sentences:
            samples, rate = synthesize(text, voice, workdir)
            speech = trim(samples)
            start = cursor
            pieces.append(speech)
            cursor += speech.size
            truth.append(
                {"text": text, "start": round(start * 1000 / rate), "end": round(cursor * 1000 / rate)}
            )
            pieces.append(np.zeros(silence_after * rate // 1000, dtype=np.int16))
            cursor += pieces[-1].size
        audio = np.concatenate(pieces)
        wav_path = workdir / "speech.wav"
        with wave.open(str(wav_path), "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(rate)
            wav.writeframes(audio.tobytes())
        seconds = audio.size / rate
        target = OUT / f"{name}.mp4"
        subprocess.run(
            [
                "ffmpeg", "-v", "error", "-y",
                "-f", "lavfi", "-i", f"testsrc2=size=640x360:rate=25:duration={seconds:.3f}",
                "-i", str(wav_path),
                "-c:v", "libx264", "-preset", "veryslow", "-crf", "30", "-pix_fmt", "yuv420p",
                "-c:a", "aac", "-b:a", "64k", "-ar", "44100",
                "-shortest", "-movflags", "+faststart", str(target),
            ],
            check=True,
        )
    _write_truth(name, {"language": language, "duration": round(seconds * 1000), "sentences": truth})
    print(f"wrote {target} ({seconds:.1f} s, {len(truth)} sentences)")


def _write_truth(name: str, entry: dict) -> None:
    path = OUT / "sample.json"
    data = json.loads(path.read_text()) if path.exists() else {}
    data[name] = entry
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    build(ENGLISH, "en-us", "sample", "en")
    build(FRENCH, "fr", "sample-fr", "fr")
    return 0


if __name__ == "__main__":
    sys.exit(main())
