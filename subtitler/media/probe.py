"""What a media file holds: duration, picture size, frame rate and audio tracks (PyAV, a few ms)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from subtitler.core.errors import MediaError

if TYPE_CHECKING:
    import av.container

__all__ = ["AudioTrack", "MediaInfo", "check_readable", "describe", "open_media", "probe"]

# First bytes of containers we may meet: a file that starts like one but does not open is damaged,
# a file that starts like none of them is simply not media.
_SIGNATURES: tuple[tuple[int, bytes, str], ...] = (
    (4, b"ftyp", "MP4/MOV"),
    (4, b"moov", "MOV"),
    (4, b"mdat", "MOV"),
    (4, b"free", "MOV"),
    (4, b"wide", "MOV"),
    (0, b"\x1a\x45\xdf\xa3", "Matroska/WebM"),
    (0, b"RIFF", "AVI/WAV"),
    (0, b"OggS", "Ogg"),
    (0, b"fLaC", "FLAC"),
    (0, b"ID3", "MP3"),
    (0, b"FLV", "FLV"),
    (0, b"\x00\x00\x01\xba", "MPEG program stream"),
    (0, b"\x30\x26\xb2\x75", "ASF/WMV"),
)


@dataclass(frozen=True)
class AudioTrack:
    """One audio stream of a media file."""

    index: int  # position among the file's audio tracks (0 = first): what decode_audio(track=) takes
    stream_index: int  # index among all of the container's streams
    codec: str
    channels: int
    sample_rate: int
    language: str | None  # ISO 639 tag as stored ("eng", "fre"), None when absent or "und"
    title: str | None
    default: bool

    def label(self) -> str:
        """A one-line description for a track chooser: 'Track 2 · eng · Commentary · aac 2 ch 48 kHz'."""
        parts = [f"Track {self.index + 1}"]
        parts += [p for p in (self.language, self.title) if p]
        parts.append(f"{self.codec} {self.channels} ch {self.sample_rate / 1000:g} kHz")
        return " · ".join(parts)


@dataclass(frozen=True)
class MediaInfo:
    """The facts about a media file that the editor and the engine need."""

    path: Path
    format_name: str  # container as FFmpeg names it ("mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm")
    duration_ms: int  # 0 when the container does not say
    has_video: bool
    width: int | None
    height: int | None
    fps: float | None  # average frame rate of the first video stream
    audio_tracks: tuple[AudioTrack, ...]
    video_stream_index: int | None = None  # container index of the video stream described above

    @property
    def has_audio(self) -> bool:
        """Whether there is at least one audio track."""
        return bool(self.audio_tracks)

    def audio_track(self, track: int | None = None) -> AudioTrack:
        """The chosen audio track (None: the one marked default, else the first); MediaError if absent."""
        if not self.audio_tracks:
            raise MediaError(f"{self.path.name} has no audio track, so there is nothing to transcribe.")
        if track is None:
            return next((t for t in self.audio_tracks if t.default), self.audio_tracks[0])
        if not 0 <= track < len(self.audio_tracks):
            raise MediaError(
                f"{self.path.name} has {len(self.audio_tracks)} audio track(s); track {track + 1} does not exist."
            )
        return self.audio_tracks[track]


def _kind_from_signature(head: bytes) -> str | None:
    for offset, magic, kind in _SIGNATURES:
        if head[offset : offset + len(magic)] == magic:
            return kind
    if head[:1] == b"\x47" and (len(head) < 189 or head[188:189] == b"\x47"):
        return "MPEG transport stream"
    if head[:2] in (b"\xff\xfb", b"\xff\xf3", b"\xff\xf2", b"\xff\xf1", b"\xff\xf9"):
        return "MP3/AAC"
    return None


def _unreadable(path: Path, exc: Exception) -> MediaError:
    """A message for a file that exists but FFmpeg cannot open: damaged, or not media at all."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(512)
    except OSError:
        head = b""
    kind = _kind_from_signature(head)
    detail = getattr(exc, "strerror", None) or str(exc)
    if kind:
        return MediaError(
            f"{path.name} looks like {kind} media but cannot be read: it is corrupt or truncated ({detail})."
        )
    return MediaError(f"{path.name} is not a video or audio file Subtitler can read ({detail}).")


def check_readable(path: str | Path) -> Path:
    """The absolute path of an existing, non-empty, readable regular file; MediaError otherwise."""
    p = Path(path).absolute()
    if not p.exists():
        raise MediaError(f"{p.name or p}: no such file ({p.parent}).")
    if p.is_dir():
        raise MediaError(f"{p.name} is a folder, not a media file.")
    if not p.is_file():
        raise MediaError(f"{p.name} is not a regular file.")
    if not os.access(p, os.R_OK):
        raise MediaError(f"{p.name} cannot be read: permission denied.")
    if p.stat().st_size == 0:
        raise MediaError(f"{p.name} is empty (0 bytes).")
    return p


@contextmanager
def open_media(path: str | Path) -> Iterator["av.container.InputContainer"]:
    """Open a media file with PyAV, turning every failure into a MediaError with a clear message."""
    import av

    p = check_readable(path)
    try:
        # An absolute path never reads as a protocol ("a:b.mp4") and PyAV never parses it as an option.
        container = av.open(str(p), mode="r", metadata_errors="replace")
    except av.error.PermissionError as exc:
        raise MediaError(f"{p.name} cannot be read: permission denied.") from exc
    except (av.error.FFmpegError, OSError, UnicodeDecodeError) as exc:
        raise _unreadable(p, exc) from exc
    try:
        yield container
    finally:
        container.close()


def _tag(metadata: dict[str, str], key: str) -> str | None:
    value = (metadata.get(key) or "").strip()
    return value if value and value.lower() != "und" else None


def _duration_ms(container: "av.container.InputContainer") -> int:
    if container.duration:
        return max(0, round(container.duration / 1000))  # AV_TIME_BASE is microseconds
    ends = [float(s.duration * s.time_base) for s in container.streams if s.duration and s.time_base]
    return round(max(ends) * 1000) if ends else 0


def probe(path: str | Path) -> MediaInfo:
    """Describe a media file; MediaError when it is missing, a folder, not media, or damaged."""
    p = Path(path).absolute()
    with open_media(p) as container:
        return describe(p, container)


def describe(path: Path, container: "av.container.InputContainer") -> MediaInfo:
    """The MediaInfo of a container already opened with open_media."""
    from av.stream import Disposition

    videos = [s for s in container.streams.video if not (s.disposition & Disposition.attached_pic)]
    audios = list(container.streams.audio)
    if not videos and not audios:
        raise MediaError(f"{path.name} has no audio or video stream.")
    video = videos[0] if videos else None
    fps = None
    if video is not None:
        rate = video.average_rate or video.guessed_rate or video.base_rate
        fps = float(rate) if rate else None
    tracks = tuple(
        AudioTrack(
            index=i,
            stream_index=s.index,
            codec=s.codec_context.name if s.codec_context else "unknown",
            channels=s.channels or 0,
            sample_rate=s.sample_rate or 0,
            language=_tag(s.metadata, "language"),
            title=_tag(s.metadata, "title"),
            default=bool(s.disposition & Disposition.default),
        )
        for i, s in enumerate(audios)
    )
    return MediaInfo(
        path=path,
        format_name=container.format.name,
        duration_ms=_duration_ms(container),
        has_video=video is not None,
        width=video.width if video is not None else None,
        height=video.height if video is not None else None,
        fps=fps,
        audio_tracks=tracks,
        video_stream_index=video.index if video is not None else None,
    )
