"""Benchmarks of ksr-library: they print figures; they are not tests and never fail on speed."""
