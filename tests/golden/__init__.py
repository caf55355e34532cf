"""Golden check of issue #13: the refactor must leave every published byte unchanged."""
