"""The snapshot round trip of tests/integration/sysemu_images.sh on the ticker program:
runs it, waits for a few ticks, saves the machine from the monitor (Ctrl-A c, savevm,
info registers, Ctrl-A c), quits (Ctrl-A x), then starts a new emulator with -loadvm and checks that the
program goes on counting from where it was saved (no second "ticker start", the next
tick numbers follow the saved ones) and that a 'q' typed into the restored UART ends it
with exit status 0. Prints PASS/FAIL lines; exit status 0 when every check passed.

usage: savevm_ticker.py SNAPSHOT EMULATOR ARGS..."""

import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from console import Console, Reporter, Timeout  # noqa: E402

report = Reporter("sysemu_images")


def main():
    snap, argv = sys.argv[1], sys.argv[2:]
    c = Console(argv)
    try:
        c.expect(r"ticker start", 30)
        saved = int(c.expect(rb"tick (\d+)\r*\n", 30).group(1))
        while saved < 5:
            saved = int(c.expect(rb"tick (\d+)\r*\n", 30).group(1))
        c.send(b"\x01c")
        c.expect(r"\(ferry\) ", 10)
        c.send("savevm %s\r" % snap)
        c.expect(r"\(ferry\) ", 60)
        c.send("info registers\r")
        regs = c.expect(rb"(?s)hart 0  pc [0-9a-f]{16}  priv M.*?stimecmp.*?\(ferry\) ", 10)
        report("info-registers", b"mstatus" in regs.group(0) and b"a0 " in regs.group(0),
               "monitor printed %r" % regs.group(0)[:200])
        c.send(b"\x01c")
        c.send(b"\x01x")
        status = c.wait(30)
        report("savevm", status == 0 and os.path.getsize(snap) > 0,
               "exit status %s" % status)
    except Timeout as e:
        report("savevm", False, str(e))
        c.kill()
        return
    r = Console(argv + ["-loadvm", snap])
    try:
        first = int(r.expect(rb"tick (\d+)\r*\n", 30).group(1))
        restarted = b"ticker start" in r.buf or first < saved
        report("loadvm-resumes", not restarted and first >= saved,
               "first tick after -loadvm: %d, saved at %d" % (first, saved))
        r.send("q")
        done = int(r.expect(rb"ticker done at (\d+)", 30).group(1))
        status = r.wait(30)
        report("loadvm-exit", status == 0 and done >= first,
               "exit status %s, done at %d" % (status, done))
    except Timeout as e:
        report("loadvm", False, str(e))
        r.kill()


if __name__ == "__main__":
    main()
    sys.exit(0 if report.all_passed() else 1)
