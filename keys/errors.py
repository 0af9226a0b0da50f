"""Exceptions raised by the keys package.

Messages name *what* failed (wrong key, tampering, wrong record, wrong passphrase,
missing shares) and never contain key material or plaintext.
"""


class DecryptionError(Exception):
    """Something could not be opened or failed an integrity check."""


class KeyFileError(Exception):
    """A key file is unreadable or corrupt, or the passphrase is wrong."""
