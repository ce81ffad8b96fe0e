"""The callwatch service: settings, the SQLite store, the ingest pipeline and the command line."""
