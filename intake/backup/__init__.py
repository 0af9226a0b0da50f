"""Encrypted backups that only key holders can open, and the restore that needs them.

A backup is the database (SQLite online-backup image or ``pg_dump``) plus the server's key
directory, packed in a tar archive that never touches the disk in plaintext and sealed like a
testimony: AES-256-GCM under a fresh data key, the data key wrapped with HPKE to the configured
key holders (``keys.wrap``/``keys.seal``). A stolen backup is therefore as useless as a stolen
database plus its server; restoring needs a key holder's private key and passphrase.
"""
