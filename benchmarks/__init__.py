"""briefgen benchmarks: ``python -m benchmarks`` prints a table and writes results/latest.json."""
