"""The HTTP API (FastAPI): translates HTTP in and out; the work is done by the harmonizer."""
