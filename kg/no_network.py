"""A process that cannot open a network connection: for the workers that run client SPARQL.

pyoxigraph makes real HTTP requests for ``SERVICE`` and ``LOAD`` and has no switch to stop
it. The service refuses such requests after reading them with the engine's grammar
(kg.sparql.reach); as a second wall, the processes that run client queries and updates move
into a Linux network namespace of their own, whose only interface is a loopback that is down.
"""

from __future__ import annotations

import ctypes
import os

CLONE_NEWUSER = 0x10000000  # linux/sched.h
CLONE_NEWNET = 0x40000000
FLAG = "--no-network"


def isolate_network() -> str | None:
    """Move this process into a network namespace of its own; None when done, else why it
    could not be (then only the reading of each request stands between a client and the
    network). Root may create the namespace directly; another user needs a user namespace
    first (most Linux kernels allow it unprivileged). Must run before any thread starts."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        unshare = libc.unshare
    except (OSError, AttributeError) as e:
        return f"no unshare() here ({e})"
    if unshare(CLONE_NEWNET) == 0 or unshare(CLONE_NEWUSER | CLONE_NEWNET) == 0:
        return None
    return os.strerror(ctypes.get_errno())
