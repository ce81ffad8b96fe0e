"""Turn the bytes of a transcript file into a `Transcript` (and, later, a transcript into key items)."""
