"""The local socket through which a second launch on the same file asks the open window to
come forward (``watchdesk.instance`` holds the lock that tells them apart)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from watchdesk.instance import RAISE_REQUEST, channel_name

WAIT_MS = 1000


class WindowChannel(QObject):
    """Listens while this process holds the file's lock; ``on_raise`` shows the window."""

    def __init__(self, database: Path, on_raise: Callable[[], None]) -> None:
        super().__init__()
        self.on_raise = on_raise
        self.server = QLocalServer(self)
        name = channel_name(database)
        QLocalServer.removeServer(name)  # left by a crash; we hold the lock, so it is ours
        self.server.listen(name)
        self.server.newConnection.connect(self._connected)

    def _connected(self) -> None:
        while (peer := self.server.nextPendingConnection()) is not None:
            peer.readyRead.connect(lambda peer=peer: self._read(peer))

    def _read(self, peer: QLocalSocket) -> None:
        if bytes(peer.readAll().data()).startswith(RAISE_REQUEST.strip()):
            self.on_raise()
        peer.disconnectFromServer()

    def close(self) -> None:
        self.server.close()


def ask_to_come_forward(database: Path) -> bool:
    """Ask the window that has ``database`` open to come forward; False if none answers."""
    peer = QLocalSocket()
    peer.connectToServer(channel_name(database))
    if not peer.waitForConnected(WAIT_MS):
        return False
    peer.write(RAISE_REQUEST)
    sent = peer.waitForBytesWritten(WAIT_MS)
    peer.disconnectFromServer()
    return sent
