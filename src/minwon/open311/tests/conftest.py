from minwon.api.tests.conftest import tokens  # noqa: F401
