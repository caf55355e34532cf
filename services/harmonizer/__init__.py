"""The harmonizer: adapters, raw validation, harmonization, store. Never imports the API."""
