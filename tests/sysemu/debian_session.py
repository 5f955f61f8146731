#!/usr/bin/env python3
"""Drives one boot of a Debian root filesystem for tests/integration/sysemu_debian.sh: the
emulator command after "--" starts on a pseudo-terminal (console.py); the initramfs
switches to the ext4 disk (ferry.root=/dev/vda) and systemd boots to a login prompt on
the serial console; root logs in (empty password), the shell reports the architecture
and Debian release and systemd's state, and `systemctl poweroff` must end the emulator
with status 0. Prints "PASS/FAIL sysemu_debian CHECK" lines and "LOGIN-SECONDS x.x"."""

import argparse
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import console  # noqa: E402


def clean(out):
    """A command's output without terminal control sequences (bash's bracketed paste)."""
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", out).strip()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--log", required=True)
    ap.add_argument("--timeout", type=float, default=600)
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
    report = console.Reporter("sysemu_debian")

    c = console.Console(cmd, log_path=a.log)
    try:
        c.expect(r"login: ", a.timeout)
        print("LOGIN-SECONDS %.1f" % c.elapsed(), flush=True)
        report("systemd-login-prompt", True)
        c.send("root\r")
        c.expect(r"root@[^:]*:[^#]*# ", 120)
        report("login", True)
        c.quiet(60)
        for name, run, want in [
            ("uname-m", "uname -m", "riscv64"),
            ("debian-release", ". /etc/os-release && echo $VERSION_CODENAME", "trixie"),
            ("rootfs-on-virtio", "findmnt -n -o SOURCE /", "/dev/vda"),
        ]:
            st, out = c.run(run, 120)
            out = clean(out)
            report(name, st == 0 and out == want, "%r printed %r (status %d)" % (run, out, st))
        st, out = c.run("systemctl is-system-running --wait", 300)
        out = clean(out)
        report("systemd-state", out in ("running", "degraded"), "is-system-running said %r" % out)
        c.power_off("systemctl poweroff", report, "poweroff-exit-status")
    except console.Timeout as e:
        report("console", False, str(e))
    finally:
        c.kill()
    return 0 if report.all_passed() else 1


if __name__ == "__main__":
    sys.exit(main())
