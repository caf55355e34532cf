"""Renderers at the edge: one table of figures as CSV, SDMX-CSV, JSON-stat or a data package."""
