"""Domain errors: the one exception type that services raise for a refused request.

Admin actions show its message; the API maps it to a problem+json response.
"""


class DomainError(Exception):
    """A request the domain refuses. ``code`` is stable; the message is for people."""

    code = "invalid"
    status_code = 400

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code:
            self.code = code


class PermissionDenied(DomainError):
    code = "permission_denied"
    status_code = 403


class Conflict(DomainError):
    code = "conflict"
    status_code = 409
