"""Tests of services/harmonizer/."""
