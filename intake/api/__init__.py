"""JSON API, one router per audience."""
