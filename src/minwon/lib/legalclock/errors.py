"""The one exception the legal clock raises."""


class LegalClockError(ValueError):
    """Invalid input to the legal clock; the message is Korean and shown to officials as is.

    Subclassing ValueError lets callers that already treat bad values uniformly (forms, the API
    layer, argparse) catch it without knowing about this package.
    """
