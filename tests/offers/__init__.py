"""Tests of services/offers/."""
