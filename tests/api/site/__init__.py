"""Tests of services/api/site/."""
