"""factkg: claims in news articles as a validated, linked RDF knowledge graph."""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["__version__"]
