"""``factkg backup``: a consistent copy of the embedded store and its search index, taken while
the store is in use (``factkg serve`` holds it open read-write).

The store is copied quad by quad from a read-only snapshot (``Store.read_only`` sees the
store, the writer's latest writes included, as of the moment it opened) into a new store.
pyoxigraph's own ``Store.backup`` (a RocksDB checkpoint) is not used: called on a read-only
store (the only way in while the service holds the store) it copies the files on disk and
misses the writes still in the writer's write-ahead log, so a graph the service had just
dropped came back in the copy (measured with pyoxigraph 0.5.13). The index is copied with SQLite's
online backup API, which gives a consistent copy of the file while the service writes to it.
The two copies are not taken at the same instant: a write landing between them (the index
follows the store a moment later, in the store's write listener) may leave the index copy a
graph behind or ahead of the store copy. So the copy of the index is then checked against the
copy of the store, graph by graph, and any graph whose rows differ is indexed again from the
store copy: the index is derived data, the store is the authority.

The layout is that of a store and its default index, ``DIR/<name>`` and
``DIR/<name>.search.sqlite``, so ``factkg serve --store DIR/<name>`` restores it as it is.
"""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from kg import search
from kg.errors import StoreError
from kg.store.oxigraph import OxigraphStore


@dataclass(frozen=True)
class BackupReport:
    store: Path
    index: Path
    graphs: int
    #: graphs whose index rows were rebuilt (written while the backup ran)
    reindexed: int

    def summary(self) -> str:
        repaired = f", {self.reindexed} re-indexed from the copy" if self.reindexed else ""
        return (
            f"backed up {self.graphs} graph{'s' if self.graphs != 1 else ''} to {self.store} "
            f"and the search index to {self.index}{repaired}"
        )


def backup(store_path: Path, target: Path, index_path: Path | None = None) -> BackupReport:
    """Copy the store at ``store_path`` and its index (``index_path``, else the default one
    beside the store) into the directory ``target`` (created; must be absent or empty)."""
    if not (store_path / "CURRENT").is_file():
        raise StoreError(f"no store at {store_path}: nothing to back up")
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise StoreError(f"{target} exists and is not an empty directory: back up into a new one")
    source_index = index_path if index_path is not None else search.default_path(store_path)
    assert source_index is not None  # an on-disk store has one
    name = store_path.resolve().name
    store_copy = target / name
    index_copy = search.default_path(store_copy)
    assert index_copy is not None
    created = not target.exists()
    target.mkdir(parents=True, exist_ok=True)
    try:
        # the index first: a write after this point is in the store copy and repaired below
        if Path(source_index).is_file():
            _copy_sqlite(Path(source_index), index_copy)
        with (
            OxigraphStore(store_path, read_only=True) as snapshot,
            OxigraphStore(store_copy) as copy,
        ):
            try:
                copy.raw.bulk_extend(snapshot.raw.quads_for_pattern(None, None, None, None))
                copy.raw.flush()
            except (OSError, RuntimeError) as e:
                raise StoreError(
                    f"cannot back up the store {store_path} to {store_copy}: {e}"
                ) from e
        with OxigraphStore(store_copy) as copy:
            index = search.SearchIndex(index_copy)
            try:
                reindexed = index.repair(copy)
                graphs = len(copy.graph_iris())
            finally:
                index.close()
    except BaseException:  # a failed or interrupted backup leaves no half copy behind
        shutil.rmtree(store_copy, ignore_errors=True)
        index_copy.unlink(missing_ok=True)
        if created:
            shutil.rmtree(target, ignore_errors=True)
        raise
    return BackupReport(store_copy, index_copy, graphs, reindexed)


def _copy_sqlite(source: Path, target: Path) -> None:
    """SQLite's online backup: a consistent copy while another process writes the source."""
    try:
        with closing(sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)) as src:
            with closing(sqlite3.connect(target)) as dst:
                src.backup(dst)
    except sqlite3.Error as e:
        raise StoreError(f"cannot back up the search index {source}: {e}") from e
