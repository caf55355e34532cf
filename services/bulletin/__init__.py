"""The quarterly cross-border bulletin: zones, indicators, disclosure control, releases."""
