"""Pictures of a timeline layer cut into fixed-width tiles, kept while what they show stays the same.

Tile ``k`` at a zoom of ``ms_per_px`` shows the pixel columns [k * TILE_W, (k + 1) * TILE_W) of
the whole file drawn at that zoom (column c starts at c * ms_per_px), so scrolling reuses tiles
and only the columns that come into view are drawn. Each tile remembers the signature of what it
was drawn from (the cues in it, the selection among them, the peaks version...); a tile whose
signature changed is drawn again, so nothing has to remember to invalidate it.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Callable, Hashable

from PySide6.QtGui import QImage

from .scale import TimeScale

__all__ = ["TILE_W", "TileCache", "tile_indices", "tile_view"]

TILE_W = 256
"""Tile width in pixels: a 1600 px view is 7 or 8 tiles."""


def tile_indices(first_px: int, last_px: int) -> range:
    """The tiles that cover global pixel columns [first_px, last_px)."""
    return range(first_px // TILE_W, (max(first_px, last_px) - 1) // TILE_W + 1)


def tile_view(k: int, ms_per_px: float, duration_ms: int) -> TimeScale:
    """The stretch of time tile ``k`` shows at this zoom."""
    return TimeScale(start_ms=k * TILE_W * ms_per_px, ms_per_px=ms_per_px, width=TILE_W, duration_ms=duration_ms)


class TileCache:
    """Tiles holding up to ``max_bytes`` of pixels, the least recently used dropped first."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._tiles: OrderedDict[Hashable, tuple[object, QImage]] = OrderedDict()
        self._bytes = 0

    def get(self, key: Hashable, signature: object, draw: Callable[[], QImage]) -> QImage:
        """The tile at ``key``, drawn again with ``draw`` unless it was drawn for this ``signature``."""
        entry = self._tiles.get(key)
        if entry is not None and entry[0] == signature:
            self._tiles.move_to_end(key)
            return entry[1]
        image = draw()
        if entry is not None:
            self._bytes -= entry[1].sizeInBytes()
        self._tiles[key] = (signature, image)
        self._tiles.move_to_end(key)
        self._bytes += image.sizeInBytes()
        while self._bytes > self.max_bytes and len(self._tiles) > 1:
            self._bytes -= self._tiles.popitem(last=False)[1][1].sizeInBytes()
        return image

    def clear(self) -> None:
        """Forget every tile (their data went away)."""
        self._tiles.clear()
        self._bytes = 0
