"""Client queries run in killable worker processes, read first with the engine's grammar."""
