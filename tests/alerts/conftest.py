import pytest

from tests.receivers import HttpReceiver, SmtpServer


@pytest.fixture
def smtp():
    server = SmtpServer().start()
    yield server
    server.stop()


@pytest.fixture
def http():
    receiver = HttpReceiver().start()
    yield receiver
    receiver.stop()
