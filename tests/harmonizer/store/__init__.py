"""Tests of services/harmonizer/store/."""
