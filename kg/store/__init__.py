"""Triple stores behind one contract (:class:`kg.store.base.Store`)."""

from kg.store.base import ResultFormat, Store
from kg.store.oxigraph import OxigraphStore

__all__ = ["OxigraphStore", "ResultFormat", "Store"]
