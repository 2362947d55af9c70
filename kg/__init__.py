"""factkg: claims in news articles as a validated, linked RDF knowledge graph."""

from __future__ import annotations

import os

# numpy's OpenBLAS threads: one. factkg's matrices are small (a sentence encoded for claim
# matching); with a thread per core, an encoding waited for a busy second core: 22 ms median,
# 97 ms p90, against 14 and 15 ms with one thread (docs/benchmarks.md, "Claim matching").
# spaCy's parse is no slower for it (~10% faster here). Read when numpy is first imported,
# so set here, before; a value the user set wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

__version__ = "0.1.0"
__all__ = ["__version__"]
