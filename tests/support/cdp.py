"""Drive headless Chromium over the DevTools protocol with the standard library only.

A minimal WebSocket client (RFC 6455: masked text frames out, unmasked frames in, ping/pong,
fragments) is enough for the protocol, so tests and measurements need no extra package.

    with Chromium(path) as browser:
        page = browser.open(Path("view.html"))
        page.evaluate("rcx.counts()")

The browser runs with ``--proxy-server=127.0.0.1:9`` (nothing listens there), so any request
a page makes fails, and every request is recorded (``Network.requestWillBeSent``) so a test can
assert that none was attempted. Dialogs (``alert``) are recorded and dismissed.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import shutil
import socket
import struct
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-default-apps",
    "--disable-extensions",
    "--mute-audio",
    "--proxy-server=127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
)


class CDPError(RuntimeError):
    """The browser answered a command with an error, or did not answer in time."""


class WebSocket:
    """Just enough of a WebSocket client for the DevTools protocol on 127.0.0.1."""

    def __init__(self, url: str, timeout: float = 30.0) -> None:
        assert url.startswith("ws://")
        hostport, _, path = url[5:].partition("/")
        host, _, port = hostport.partition(":")
        self.sock = socket.create_connection((host, int(port)), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall(
            (
                f"GET /{path} HTTP/1.1\r\nHost: {hostport}\r\nUpgrade: websocket\r\n"
                f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                "Sec-WebSocket-Version: 13\r\n\r\n"
            ).encode()
        )
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(1)
            if not chunk:
                raise CDPError("DevTools closed the connection during the handshake")
            head += chunk
        if b" 101 " not in head.split(b"\r\n", 1)[0]:
            raise CDPError(f"WebSocket handshake refused: {head[:200]!r}")

    def _exact(self, n: int) -> bytes:
        buf = bytearray()
        while len(buf) < n:
            chunk = self.sock.recv(min(n - len(buf), 1 << 20))
            if not chunk:
                raise CDPError("DevTools closed the connection")
            buf += chunk
        return bytes(buf)

    def send(self, text: str, opcode: int = 1) -> None:
        data = text.encode()
        n = len(data)
        if n < 126:
            head = struct.pack("!BB", 0x80 | opcode, 0x80 | n)
        elif n < 1 << 16:
            head = struct.pack("!BBH", 0x80 | opcode, 0x80 | 126, n)
        else:
            head = struct.pack("!BBQ", 0x80 | opcode, 0x80 | 127, n)
        mask = os.urandom(4)
        body = (
            bytes(b ^ mask[i % 4] for i, b in enumerate(data))
            if n < 4096
            else (
                int.from_bytes(data, "big") ^ int.from_bytes((mask * (n // 4 + 1))[:n], "big")
            ).to_bytes(n, "big")
        )
        self.sock.sendall(head + mask + body)

    def recv(self) -> str:
        parts: list[bytes] = []
        while True:
            b0, b1 = self._exact(2)
            n = b1 & 0x7F
            if n == 126:
                n = struct.unpack("!H", self._exact(2))[0]
            elif n == 127:
                n = struct.unpack("!Q", self._exact(8))[0]
            mask = self._exact(4) if b1 & 0x80 else b""
            payload = self._exact(n)
            if mask:
                payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
            opcode = b0 & 0x0F
            if opcode == 9:  # ping
                self.send(payload.decode(errors="replace"), opcode=10)
                continue
            if opcode == 8:
                raise CDPError("DevTools closed the WebSocket")
            if opcode in (0, 1, 2):
                parts.append(payload)
                if b0 & 0x80:
                    return b"".join(parts).decode()

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.sock.close()


class Page:
    """One tab, attached in flat mode: commands carry its session id."""

    def __init__(self, browser: Chromium, session: str) -> None:
        self.browser = browser
        self.session = session
        self.requests: list[str] = []
        self.console: list[dict[str, Any]] = []
        self.dialogs: list[str] = []
        self.exceptions: list[str] = []

    def call(self, method: str, params: dict[str, Any] | None = None, timeout: float = 60) -> Any:
        return self.browser.call(method, params, session=self.session, timeout=timeout)

    def evaluate(self, expression: str, timeout: float = 60) -> Any:
        """The JSON value of a JS expression (promises awaited); raises on a JS exception."""
        res = self.call(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
            timeout=timeout,
        )
        if "exceptionDetails" in res:
            raise CDPError(f"JS exception in {expression!r}: {res['exceptionDetails']}")
        return res["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 60, interval: float = 0.05) -> Any:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            value = self.evaluate(expression)
            if value:
                return value
            time.sleep(interval)
        raise CDPError(f"timed out waiting for {expression!r}")

    def screenshot(self, path: Path, width: int = 1600, height: int = 1000) -> Path:
        self.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )
        data = self.call("Page.captureScreenshot", {"format": "png"})["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
        return path

    def click(self, x: float, y: float) -> None:
        """A real mouse click at page coordinates."""
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.call(
                "Input.dispatchMouseEvent",
                {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1},
            )

    def _event(self, msg: dict[str, Any]) -> None:
        method, params = msg["method"], msg.get("params", {})
        if method == "Network.requestWillBeSent":
            self.requests.append(params["request"]["url"])
        elif method == "Runtime.consoleAPICalled":
            text = " ".join(str(a.get("value", a.get("description", ""))) for a in params["args"])
            self.console.append({"level": params["type"], "text": text})
        elif method == "Log.entryAdded":
            entry = params["entry"]
            self.console.append({"level": entry["level"], "text": entry.get("text", "")})
        elif method == "Runtime.exceptionThrown":
            self.exceptions.append(json.dumps(params["exceptionDetails"])[:500])
        elif method == "Page.javascriptDialogOpening":
            self.dialogs.append(params.get("message", ""))
            self.browser.send("Page.handleJavaScriptDialog", {"accept": False}, self.session)

    @property
    def errors(self) -> list[str]:
        """Console errors and uncaught exceptions seen so far."""
        return self.exceptions + [c["text"] for c in self.console if c["level"] == "error"]


class Chromium:
    """A headless Chromium with a fresh profile, stopped (and its profile removed) on exit."""

    def __init__(self, executable: str, *, width: int = 1600, height: int = 1000) -> None:
        self.executable = executable
        self.size = (width, height)
        self.proc: subprocess.Popen[bytes] | None = None
        self.profile = ""
        self.ws: WebSocket | None = None
        self._id = 0
        self.pages: dict[str, Page] = {}

    def __enter__(self) -> Chromium:
        self.profile = tempfile.mkdtemp(prefix="rcx-chromium-")
        cmd = [
            self.executable,
            *FLAGS,
            f"--user-data-dir={self.profile}",
            f"--window-size={self.size[0]},{self.size[1]}",
            "--remote-debugging-port=0",
            "about:blank",
        ]
        self.proc = subprocess.Popen(
            cmd,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        port_file = Path(self.profile) / "DevToolsActivePort"
        end = time.monotonic() + 60
        while not (port_file.exists() and len(port_file.read_text().split()) >= 2):
            if self.proc.poll() is not None or time.monotonic() > end:
                self.__exit__(None, None, None)
                raise CDPError("Chromium did not start (no DevToolsActivePort)")
            time.sleep(0.05)
        port, path = port_file.read_text().split()[:2]
        self.ws = WebSocket(f"ws://127.0.0.1:{port}{path}")
        return self

    def __exit__(self, *exc: object) -> None:
        if self.ws is not None:
            with contextlib.suppress(Exception):
                self.send("Browser.close", {})
            self.ws.close()
            self.ws = None
        if self.proc is not None:
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
            self.proc = None
        if self.profile:
            shutil.rmtree(self.profile, ignore_errors=True)

    def send(self, method: str, params: dict[str, Any], session: str | None = None) -> int:
        assert self.ws is not None
        self._id += 1
        msg: dict[str, Any] = {"id": self._id, "method": method, "params": params}
        if session:
            msg["sessionId"] = session
        self.ws.send(json.dumps(msg))
        return self._id

    def call(
        self,
        method: str,
        params: dict[str, Any] | None = None,
        *,
        session: str | None = None,
        timeout: float = 60,
    ) -> Any:
        assert self.ws is not None
        mid = self.send(method, params or {}, session)
        self.ws.sock.settimeout(timeout)
        while True:
            try:
                msg = json.loads(self.ws.recv())
            except TimeoutError as e:
                raise CDPError(f"no answer to {method} within {timeout}s") from e
            if msg.get("id") == mid:
                if "error" in msg:
                    raise CDPError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            if "method" in msg and msg.get("sessionId") in self.pages:
                self.pages[msg["sessionId"]]._event(msg)

    def open(
        self,
        path: Path | str,
        *,
        fragment: str = "",
        wait: str = "window.rcx && rcx.ready",
        timeout: float = 120,
    ) -> Page:
        """Open a local file in a new tab with every event recorded; wait until ``wait``."""
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        page = Page(self, session)
        self.pages[session] = page
        for domain in ("Page", "Runtime", "Log", "Network"):
            page.call(f"{domain}.enable")
        page.call(
            "Emulation.setDeviceMetricsOverride",
            {
                "width": self.size[0],
                "height": self.size[1],
                "deviceScaleFactor": 1,
                "mobile": False,
            },
        )
        url = Path(path).resolve().as_uri() + (f"#{fragment}" if fragment else "")
        page.call("Page.navigate", {"url": url})
        if wait:
            page.wait_for(wait, timeout=timeout)
        return page
