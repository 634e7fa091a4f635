"""Work on a few items at once in threads, with the results handed back in the items' order."""

from __future__ import annotations

from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Callable, Iterable, Iterator, TypeVar

__all__ = ["run_in_order"]

T = TypeVar("T")
R = TypeVar("R")


def run_in_order(work: Callable[[T], R], items: Iterable[T], workers: int) -> Iterator[R]:
    """``work(item)`` for every item, up to ``workers`` at once, each result yielded in the items' order.

    At most ``workers`` items are taken ahead of the one being yielded, so memory stays bounded. An
    exception in ``work`` is raised here. Closing the iterator early starts no further item and waits
    for the running ones (they may be inside native code, which must not be torn down under them).
    """
    if workers <= 1:
        yield from map(work, items)
        return
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="subtitler-decode")
    running: deque[Future[R]] = deque()
    try:
        for item in items:
            running.append(pool.submit(work, item))
            if len(running) == workers:
                yield running.popleft().result()
        while running:
            yield running.popleft().result()
    finally:
        for future in running:
            future.cancel()
        pool.shutdown(wait=True)
