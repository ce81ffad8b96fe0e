"""Fixtures shared by the worker tests: the `service` fixture (real `callwatch run` processes)."""

from tests.worker.test_service import service  # noqa: F401 (a fixture, found by name)
