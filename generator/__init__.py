"""Dossier: a static site generator that cross-links the people, organisations and places in a collection of articles."""

__version__ = "0.1.0"
