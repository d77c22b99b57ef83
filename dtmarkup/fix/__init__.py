"""Fixes as data, and applying them: ``dtmarkup fix``.

fixers.py turns findings into edits of the original bytes (source.py maps the tree onto
them); apply.py applies the safe ones (or all, on request) until nothing changes, and
refuses any pass that would add a finding.
"""
