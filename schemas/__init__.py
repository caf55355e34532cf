"""Pandera schemas: raw (one per source) and canonical. Imports nothing of crossbmo."""
