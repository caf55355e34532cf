"""Versioned crosswalks to ISCO-08, ESCO and NACE: build, code lists, tables, coverage, apply."""
