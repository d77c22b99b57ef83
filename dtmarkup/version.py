"""The version of dtmarkup: a leaf module, so that reporters can name it without importing
the whole public API."""

__version__ = "1.0.0"
