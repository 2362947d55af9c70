"""Extraction in worker processes, for ``factkg ingest --jobs N``: N extractors, one writer.

spaCy's parse is most of ingest's time and runs under the GIL, so threads would not help;
each worker process loads the model once and extracts whole batches of articles. The writer
(the calling process) keeps everything that reads or writes the store, in the order the
articles came, so a run with N workers stores exactly what a run with one does. At most
``2 * N`` batches are in flight, so memory stays flat however many articles there are.
Workers are spawned, not forked: the writer holds an open RocksDB store and its threads.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from kg.model import Article, Extraction

_extractor = None  # the worker's own Extractor, made once per process


#: how much less CPU a worker asks for than the writer: one writer serves every worker, so
#: when the processes outnumber the cores it goes first (at the same priority it lost a
#: third of its speed to the workers and held the whole run back, docs/benchmarks.md)
WORKER_NICENESS = 10
#: articles a worker extracts at a time, once the first pieces are out (:func:`ramped`)
PIECE = 8


def _start_worker() -> None:
    global _extractor
    os.nice(WORKER_NICENESS)
    from kg.extract import Extractor

    _extractor = Extractor()
    _extractor.nlp  # noqa: B018 (load the model now, not inside the first batch's timing)
    # the model's objects out of every collection, collections rarer (kg.pipeline.bulk_gc)
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)


def _started() -> None:
    """A task that makes the executor start a worker."""


def _extract(batch: list[Article]) -> list[Extraction]:
    assert _extractor is not None
    return list(_extractor.extract_many(batch))


class ExtractorPool:
    """``jobs`` extractor processes; use as a context manager."""

    def __init__(self, jobs: int) -> None:
        if jobs < 2:
            raise ValueError("an extractor pool has two workers or more")
        self.jobs = jobs
        self._executor = ProcessPoolExecutor(
            max_workers=jobs,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
        )
        # start every worker now (the executor spawns one per submission while none is
        # idle), so the caller can prepare its own work while they load the model
        for _ in range(jobs):
            self._executor.submit(_started)

    def __enter__(self) -> ExtractorPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)

    def extract(self, batches: Iterable[list[Article]]) -> Iterator[list[Extraction]]:
        """The extractions of each batch, in the batches' order, ``2 * jobs`` batches ahead;
        the first batches are cut small (:func:`ramped`)."""
        pending: deque[Future[list[Extraction]]] = deque()
        for batch in ramped(batches):
            pending.append(self._executor.submit(_extract, batch))
            if len(pending) >= 2 * self.jobs:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def ramped(
    batches: Iterable[list[Article]], first: int = 2, most: int = PIECE
) -> Iterator[list[Article]]:
    """``batches`` cut into pieces of ``first`` articles, then twice that, and so on up to
    ``most``: the writer waits for a first small piece, not a whole batch, while the workers
    load the model (a batch of 32 was 1.8 s of a 324-article run spent idle), and at the
    end writes the last piece alone for a moment, not a last batch of 32."""
    size = first
    for batch in batches:
        while batch:
            yield batch[:size]
            batch = batch[size:]
            size = min(2 * size, most)
