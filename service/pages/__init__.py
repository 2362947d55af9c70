"""The Linked Data pages: resource pages, browsing lists with facets, search."""
