"""Benchmarks run by `make bench`; they measure and report, they never fail the build."""
