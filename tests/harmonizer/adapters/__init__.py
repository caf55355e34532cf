"""Tests of services/harmonizer/adapters/."""
