"""Helpers the tests import: article strategies, IPTC schema checks, render cases, tools."""
