"""Tests of services/publish/."""
