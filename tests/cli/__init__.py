"""Tests of services/cli/."""
