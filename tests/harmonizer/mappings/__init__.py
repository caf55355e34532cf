"""Tests of services/harmonizer/mappings/."""
