"""Persistence: ORM models, engine and migrations. Only ciphertext columns hold content."""
