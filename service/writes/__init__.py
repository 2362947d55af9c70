"""Writes: the bearer token, SPARQL Update, the Graph Store Protocol, validate-then-commit."""
