"""A loopback TCP port in front of a real service that the test can break and mend: `Switch`.

`with Switch((host, port)) as switch:` listens on 127.0.0.1:`switch.port` and forwards to the
backend. The test then points a server at the switch and calls:

- `switch.refuse()`: the service is down. Open connections are closed, new ones refused.
- `switch.hang()`: the service hangs. Open connections stop carrying bytes (held open, never
  answered); new ones are accepted and held the same way.
- `switch.forward()`: the service is back after a restart. Held connections are closed (as a
  hung service's are in the end, by the kernel or a restart), so clients reconnect; new ones
  are forwarded.
- `switch.resume()`: the service was only stalled (a slow command, a pause, a network blip).
  Held connections carry bytes again, with what was sent meanwhile; new ones are forwarded.

One thread does the work; a switch returns once that thread has applied it. Everything is on
127.0.0.1 and closed when the block ends.
"""

import contextlib
import queue
import selectors
import socket
import threading
from collections.abc import Iterator

HOST = "127.0.0.1"
BACKLOG = 64
# How often the thread looks up from `select` for a switch to apply.
POLL_SECONDS = 0.02
SWITCH_WITHIN_SECONDS = 5
CHUNK_BYTES = 65536
BACKEND_CONNECT_TIMEOUT_SECONDS = 5

FORWARD, HANG, REFUSE, RESUME = "forward", "hang", "refuse", "resume"


class Switch:
    def __init__(self, backend: tuple[str, int]) -> None:
        self.backend = backend
        self.mode = FORWARD
        self._listener = self._bound()
        self.port = self._listener.getsockname()[1]
        self._listener.listen(BACKLOG)
        self._selector = selectors.DefaultSelector()
        self._selector.register(self._listener, selectors.EVENT_READ)
        self._peers: dict[socket.socket, socket.socket] = {}  # forwarded, both directions
        self._backends: set[socket.socket] = set()  # which end of each pair is the backend's
        # Connections a hang stopped: the client's, and its backend's (None if it had none yet).
        self._held: list[tuple[socket.socket, socket.socket | None]] = []
        self._switches: queue.Queue = queue.Queue()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="fault-switch", daemon=True)
        self._thread.start()

    def _bound(self, port: int = 0) -> socket.socket:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        # Closing and binding again on the same port (refuse, then forward) must not wait.
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((HOST, port))
        return listener

    # What the test calls

    def forward(self) -> None:
        self._switch(FORWARD)

    def hang(self) -> None:
        self._switch(HANG)

    def refuse(self) -> None:
        self._switch(REFUSE)

    def resume(self) -> None:
        self._switch(RESUME)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=SWITCH_WITHIN_SECONDS)
        self._close_all()
        self._listener.close()
        self._selector.close()

    def _switch(self, mode: str) -> None:
        done = threading.Event()
        self._switches.put((mode, done))
        if not done.wait(SWITCH_WITHIN_SECONDS):
            raise RuntimeError(f"the fault switch did not turn to {mode}")

    # The thread

    def _run(self) -> None:
        while not self._stop.is_set():
            self._apply_switches()
            for key, _events in self._selector.select(timeout=POLL_SECONDS):
                if key.fileobj is self._listener:
                    self._accept()
                else:
                    self._pump(key.fileobj)

    def _apply_switches(self) -> None:
        while not self._switches.empty():
            mode, done = self._switches.get()
            if mode == REFUSE:
                self._close_all()
                self._stop_listening()
            elif mode == HANG:
                self._hold_all()
            elif mode == RESUME:
                held, self._held = self._held, []
                for client, backend in held:
                    self._forward(client, backend)
                self._listen_again()
            else:
                self._close_held()
                self._listen_again()
            self.mode = FORWARD if mode == RESUME else mode
            done.set()

    def _hold_all(self) -> None:
        """Stop carrying bytes on every forwarded pair, keeping both ends open."""
        for client in list(self._peers):
            if client in self._backends or client not in self._peers:
                continue  # each pair once, from its client's side
            backend = self._peers.pop(client)
            self._peers.pop(backend)
            for connection in (client, backend):
                self._selector.unregister(connection)
            self._held.append((client, backend))

    def _close_held(self) -> None:
        for client, backend in self._held:
            client.close()
            if backend is not None:
                self._backends.discard(backend)
                backend.close()
        self._held.clear()

    def _stop_listening(self) -> None:
        """Bound but not listening: connecting is refused at once, and the port stays ours."""
        if self.mode != REFUSE:
            self._selector.unregister(self._listener)
            self._listener.close()
            self._listener = self._bound(self.port)

    def _listen_again(self) -> None:
        if self.mode == REFUSE:
            self._listener.listen(BACKLOG)
            self._selector.register(self._listener, selectors.EVENT_READ)

    def _accept(self) -> None:
        try:
            client, _address = self._listener.accept()
        except OSError:
            return
        if self.mode == HANG:
            self._held.append((client, None))
        else:
            self._forward(client, None)

    def _forward(self, client: socket.socket, backend: socket.socket | None) -> None:
        if backend is None:
            try:
                backend = socket.create_connection(
                    self.backend, timeout=BACKEND_CONNECT_TIMEOUT_SECONDS
                )
            except OSError:
                client.close()
                return
        self._backends.add(backend)
        for one, other in ((client, backend), (backend, client)):
            one.settimeout(SWITCH_WITHIN_SECONDS)
            self._peers[one] = other
            self._selector.register(one, selectors.EVENT_READ)

    def _pump(self, connection: socket.socket) -> None:
        other = self._peers.get(connection)
        if other is None:
            return
        try:
            data = connection.recv(CHUNK_BYTES)
            if data:
                other.sendall(data)
                return
        except OSError:
            pass
        self._close_pair(connection, other)

    def _close_pair(self, one: socket.socket, other: socket.socket) -> None:
        for connection in (one, other):
            self._peers.pop(connection, None)
            self._backends.discard(connection)
            with contextlib.suppress(KeyError, ValueError):
                self._selector.unregister(connection)
            connection.close()

    def _close_all(self) -> None:
        for connection in list(self._peers):
            if connection in self._peers:
                self._close_pair(connection, self._peers[connection])
        self._close_held()


@contextlib.contextmanager
def switch_in_front_of(backend: tuple[str, int]) -> Iterator[Switch]:
    switch = Switch(backend)
    try:
        yield switch
    finally:
        switch.close()
