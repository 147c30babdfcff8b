"""Derived sentiment lexicons shipped with Veille (see PROVENANCE.md)."""
