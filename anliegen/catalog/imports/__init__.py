"""Catalogue import: read a source (DLDB, XZuFi, CSV/XLSX) → validate → diff → apply.

Every format reader produces the same format-neutral ``Catalogue``; validation, the diff and
the transaction that applies it know nothing about formats (docs/admin/catalogue-import.md).
"""
