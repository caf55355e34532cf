"""Adapters: read a partner's file as it comes into a raw DataFrame, without interpreting it."""
