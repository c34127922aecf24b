"""Retention: due tickets are offered to the archive, then anonymised or deleted in batches."""
