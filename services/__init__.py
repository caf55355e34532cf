"""crossbmo: the cross-border hiring-needs exchange (harmonizer, store, API, CLI)."""
