class ComplaintError(ValueError):
    """A refused write, with a Korean sentence for the person who tried it.

    `field` names the form field the message belongs next to, when there is one.
    """

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class IntakeError(ComplaintError):
    """Bad intake input: every problem found at once, keyed by field, so a form loses nothing."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(" ".join(errors.values()))
        self.errors = errors
