"""Testimony intake service: witness submission, editorial review, sealed originals."""
