"""Errors the services raise; their messages are safe to show and never quote user input."""

from __future__ import annotations


class IntakeError(Exception):
    status_code = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidInput(IntakeError):
    status_code = 422


class NotFound(IntakeError):
    status_code = 404


class ReceiptNotFound(NotFound):
    def __init__(self, message: str = "No testimony matches this receipt code.") -> None:
        super().__init__(message)


class RateLimited(IntakeError):
    status_code = 429


class AuthError(IntakeError):
    status_code = 401

    def __init__(self, message: str = "Wrong username, password or code.") -> None:
        super().__init__(message)


class Forbidden(IntakeError):
    status_code = 403

    def __init__(self, message: str = "Your role does not allow this.") -> None:
        super().__init__(message)


class Conflict(IntakeError):
    status_code = 409
