class CareError(ValueError):
    """A refused write, with a Korean sentence; `field` names the form field it belongs next to."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
