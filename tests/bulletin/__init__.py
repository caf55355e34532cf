"""Tests of services/bulletin/."""
