"""The SPARQL 1.1 Protocol endpoint: /sparql, its service description, its editor page."""
