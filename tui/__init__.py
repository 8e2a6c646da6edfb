"""Parallax: read one news story through several outlets at once."""

__version__ = "0.1.0"
