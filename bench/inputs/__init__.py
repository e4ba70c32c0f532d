"""Benchmark inputs, generated at run time into a temporary directory."""
