"""Helpers imported by the book's notebooks: self-checks, progress, timing and demos."""
