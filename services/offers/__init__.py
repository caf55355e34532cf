"""Cross-border job offers: canonical offers, adapters, store and search."""
