"""Hostile-input tests (issue 6): a package, so its conftest and helpers have their own names."""
