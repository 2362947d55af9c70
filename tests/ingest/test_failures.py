"""A full disk: a clear error, and nothing already accepted is lost; a re-run finishes the
job. (An unreachable remote store: tests/store/test_unreachable.py.)"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

ARTICLES = sorted((REPO / "tests" / "data" / "eval").glob("*.txt"))[:24]


def can_mount_privately() -> bool:
    """A mount namespace of our own (as root, or through a user namespace) to put a small
    tmpfs in, so the disk that fills up is a test's, not the machine's."""
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        ["unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=1m tmpfs /mnt"],
        capture_output=True,
    )
    return probe.returncode == 0


@pytest.mark.skipif(not can_mount_privately(), reason="no private mount namespace here")
def test_a_full_disk_refuses_the_article_and_keeps_what_it_accepted(tmp_path: Path) -> None:
    point = tmp_path / "disk"
    point.mkdir()
    env = {**os.environ, "PYTHONPATH": str(REPO), "FACTKG_WIKIDATA_ENDPOINT": "off"}
    proc = subprocess.run(
        ["unshare", "-rm", sys.executable, str(REPO / "tests/ingest/full_disk.py"), str(point)]
        + [str(a) for a in ARTICLES],
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    # the disk filled up before the last article: the error says what happened
    assert "No space left on device" in out["error"], out
    assert 0 < out["accepted"] < len(ARTICLES)
    # every article accepted before is there, whole, valid; the one refused is not half there
    assert out["after_reopen"] == out["accepted"]
    assert out["valid"] is True
    # with space again, the same command finishes the job, skipping what it had stored
    assert out["rerun_ok"] is True
    assert out["skipped"] == out["accepted"]
    assert out["after_rerun"] == len(ARTICLES)
