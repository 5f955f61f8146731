"""A small expect-like driver for an emulator's serial console, used by the system-mode
boot test (tests/sysemu/boot_session.py). Starts the emulator on a pseudo-terminal, so
-nographic's stdio console and its Ctrl-A monitor escapes behave as for a person, keeps
a log of everything read, and offers expect/send/run on top."""

import os
import pty
import re
import select
import signal
import time


class Timeout(Exception):
    pass


class Console:
    def __init__(self, argv, log_path=None, env=None):
        self.argv = argv
        self.buf = b""
        self.log = open(log_path, "ab") if log_path else None
        if self.log:
            self.log.write(("\n=== start: %s\n" % " ".join(argv)).encode())
        self.start = time.monotonic()
        pid, fd = pty.fork()
        if pid == 0:
            try:
                if env is not None:
                    os.execvpe(argv[0], argv, env)
                os.execvp(argv[0], argv)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self.status = None
        import termios, tty
        # raw: no echo or line editing on our side of the terminal
        try:
            tty.setraw(fd)
        except termios.error:
            pass

    def _read(self, timeout):
        if self.fd is None:
            return False
        r, _, _ = select.select([self.fd], [], [], max(0.0, timeout))
        if not r:
            return True
        try:
            data = os.read(self.fd, 65536)
        except OSError:
            data = b""
        if not data:
            self.fd_closed()
            return False
        self.buf += data
        if self.log:
            self.log.write(data)
            self.log.flush()
        return True

    def fd_closed(self):
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None

    def expect(self, pattern, timeout):
        """Waits for the regular expression (bytes or str) in the output read since the
        last match; returns the match and consumes the output up to its end."""
        if isinstance(pattern, str):
            pattern = pattern.encode()
        rx = re.compile(pattern)
        end = time.monotonic() + timeout
        while True:
            m = rx.search(self.buf)
            if m:
                self.buf = self.buf[m.end():]
                return m
            left = end - time.monotonic()
            if left <= 0:
                raise Timeout("no %r within %gs; last output: %r"
                              % (pattern, timeout, self.buf[-300:]))
            if not self._read(min(left, 0.5)) and self.fd is None:
                raise Timeout("the emulator closed its console before %r; last output: %r"
                              % (pattern, self.buf[-300:]))

    def send(self, data):
        if isinstance(data, str):
            data = data.encode()
        if self.fd is None:
            raise Timeout("console closed")
        # a slow guest UART loses nothing, but keep bursts short anyway
        for i in range(0, len(data), 16):
            os.write(self.fd, data[i:i + 16])
            time.sleep(0.01)

    def run(self, cmd, timeout=60):
        """Runs a shell command in the guest; returns (exit status, output)."""
        tag = "%08x" % (int(time.monotonic() * 1000) & 0xffffffff)
        # The end marker is built from two pieces so the echoed command never matches.
        self.send("%s; echo \"@@E\"\"ND-%s $?@@\"\r" % (cmd, tag))
        m = self.expect(rb"(?s)(.*?)@@END-" + tag.encode() + rb" (\d+)@@", timeout)
        out = m.group(1).decode("utf-8", "replace").replace("\r", "")
        # with echo on, drop the echoed command line (quiet() turns echo off)
        lines = out.split("\n")
        if lines and "@@E" in lines[0]:
            lines = lines[1:]
        return int(m.group(2)), "\n".join(lines).strip("\n")

    def quiet(self, timeout=30):
        """Turns the guest terminal's echo and the shell prompt off, so run() returns
        exactly a command's output (busybox's line editor honours stty -echo)."""
        self.send("stty -echo; PS1=''; PS2=''\r")
        return self.run("true", timeout)

    def wait(self, timeout):
        """Waits for the emulator to exit (reading its output); returns its exit status
        or None on timeout."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            pid, st = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                while self.fd is not None and self._read(0.1):
                    pass
                self.fd_closed()
                self.status = os.waitstatus_to_exitcode(st)
                return self.status
            if self.fd is not None:
                self._read(0.2)
            else:
                time.sleep(0.2)
        return None

    def kill(self):
        if self.status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.wait(10)
        self.fd_closed()

    def power_off(self, command, report, name, timeout=180):
        """Types a power-off command at the guest's shell and reports whether the
        emulator then exits with status 0."""
        self.send(command + "\r")
        st = self.wait(timeout)
        report(name, st == 0, "exit status %s" % st)

    def elapsed(self):
        return time.monotonic() - self.start


class Reporter:
    """Prints one "PASS PREFIX CHECK" or "FAIL PREFIX CHECK: why" line per check and
    remembers whether every check so far passed (the session scripts' exit status)."""

    def __init__(self, prefix):
        self.prefix = prefix
        self.results = []

    def __call__(self, name, ok, why=""):
        self.results.append(ok)
        print("%s %s %s%s" % ("PASS" if ok else "FAIL", self.prefix, name,
                              "" if ok else ": " + why), flush=True)

    def all_passed(self):
        return bool(self.results) and all(self.results)
