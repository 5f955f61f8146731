#!/usr/bin/env python3
"""Drives one boot of the system emulator for tests/integration/sysemu_boot.sh: starts
the emulator command given after "--" on a pseudo-terminal (console.py), waits for the
initramfs's marker line and shell, runs the checks of the chosen scenario in the guest
and prints one "PASS sysemu_boot LABEL CHECK" or "FAIL sysemu_boot LABEL CHECK: why"
line per check, plus "MARKER-SECONDS x.xx" for the caller's timing line.

scenarios (--scenario):
  full     uname -m, /proc/cpuinfo (--smp processors), mount /dev/vda and compare
           /hello.txt with --disk-content, udhcpc on eth0 and wget --url comparing with
           --url-content, a host connection through --hostfwd-port to a guest nc on
           port 7777, reboot -f and the shell again, then poweroff -f and exit status 0
  marker   only the time to the marker, then poweroff -f (the timing reference run)
  savevm   leaves state in the guest, saves it with the monitor (Ctrl-A c,
           "savevm --snapshot", Ctrl-A c), quits with Ctrl-A x
  loadvm   (emulator started with -loadvm) the shell answers and the state is there
"""

import argparse
import os
import socket
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import console  # noqa: E402

MARKER = "FERRY-SYSEMU-INIT-READY"
STATE = "ferry-saved-state-4711"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--label", required=True)
    ap.add_argument("--scenario", default="full")
    ap.add_argument("--log", required=True)
    ap.add_argument("--timeout", type=float, default=300)
    ap.add_argument("--smp", type=int, default=1)
    ap.add_argument("--disk-content")
    ap.add_argument("--url")
    ap.add_argument("--url-content")
    ap.add_argument("--snapshot")
    ap.add_argument("--hostfwd-port", type=int)
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
    report = console.Reporter("sysemu_boot %s" % a.label)

    c = console.Console(cmd, log_path=a.log)
    try:
        if a.scenario == "loadvm":
            return loadvm(c, a, report)
        try:
            c.expect(MARKER, a.timeout)
            print("MARKER-SECONDS %.2f" % c.elapsed(), flush=True)
            c.expect(r"# ", 60)
            c.quiet(60)
            report("boot-to-shell", True)
        except console.Timeout as e:
            report("boot-to-shell", False, str(e))
            return 1
        if a.scenario == "full":
            full(c, a, report)
        elif a.scenario == "savevm":
            return savevm(c, a, report)
        if a.scenario == "full":
            c.power_off("poweroff -f", report, "poweroff-exit-status", 120)
        else:
            c.send("poweroff -f\r")
            c.wait(120)
    except console.Timeout as e:
        report("console", False, str(e))
    finally:
        c.kill()
    return 0 if report.all_passed() else 1


def check_run(c, report, name, cmd, want=None, contains=None, timeout=120):
    try:
        st, out = c.run(cmd, timeout)
    except console.Timeout as e:
        report(name, False, str(e))
        raise
    if st != 0:
        report(name, False, "%r exited %d: %r" % (cmd, st, out[-300:]))
    elif want is not None and out != want:
        report(name, False, "%r printed %r, expected %r" % (cmd, out[-300:], want))
    elif contains is not None and contains not in out:
        report(name, False, "%r printed %r, no %r" % (cmd, out[-300:], contains))
    else:
        report(name, True)
    return out


def full(c, a, report):
    check_run(c, report, "uname-m", "uname -m", want="riscv64")
    out = check_run(c, report, "cpuinfo", "cat /proc/cpuinfo", contains="rv64")
    n = sum(1 for line in out.split("\n") if line.startswith("processor"))
    report("cpuinfo-processors", n == a.smp, "%d processor lines, expected %d" % (n, a.smp))
    check_run(c, report, "cpus-online", "cat /sys/devices/system/cpu/online",
              want="0" if a.smp == 1 else "0-%d" % (a.smp - 1))
    if a.disk_content:
        want = open(a.disk_content).read().rstrip("\n")
        check_run(c, report, "virtio-blk-ext4",
                  "mount -t ext4 /dev/vda /mnt && cat /mnt/hello.txt", want=want)
        check_run(c, report, "virtio-blk-write",
                  "echo written > /mnt/new.txt && sync && umount /mnt && "
                  "mount -t ext4 -o ro /dev/vda /mnt && cat /mnt/new.txt && umount /mnt",
                  want="written")
    if a.url:
        check_run(c, report, "virtio-net-dhcp",
                  "ifconfig eth0 up && udhcpc -i eth0 -n -q -t 5 -T 3 "
                  "-s /usr/share/udhcpc/default.script >/dev/null 2>&1 && "
                  "ifconfig eth0 | grep -c 'inet addr:10.0.2.15'", want="1")
        want = open(a.url_content).read().rstrip("\n")
        check_run(c, report, "virtio-net-wget", "wget -q -O - %s" % a.url, want=want)
    if a.hostfwd_port:
        hostfwd(c, a, report)
    reboot(c, report)


def hostfwd(c, a, report):
    """-netdev user,hostfwd=tcp:127.0.0.1:PORT-:7777: a host connection to PORT reaches
    a server the guest runs on port 7777 (busybox nc)."""
    c.send("nc -l -p 7777 -e echo ferry-hostfwd-ok &\r")
    got = b""
    for _ in range(40):
        time.sleep(0.25)
        try:
            with socket.create_connection(("127.0.0.1", a.hostfwd_port), 2) as s:
                s.settimeout(5)
                while b"\n" not in got:
                    d = s.recv(100)
                    if not d:
                        break
                    got += d
        except OSError:
            continue
        if got:
            break
    report("virtio-net-hostfwd", got.strip() == b"ferry-hostfwd-ok", "host read %r" % got)


def reboot(c, report):
    """reboot -f goes through OpenSBI's system reset: the machine boots again to a shell."""
    try:
        c.send("reboot -f\r")
        c.expect(MARKER, 120)
        c.expect(r"# ", 60)
        c.quiet(60)
        report("reboot", True)
    except console.Timeout as e:
        report("reboot", False, str(e))
        raise


def savevm(c, a, report):
    check_run(c, report, "state-before-save",
              "echo %s > /root/state && cat /root/state" % STATE, want=STATE)
    c.send(b"\x01c")
    time.sleep(1)
    c.send("savevm %s\r" % a.snapshot)
    time.sleep(5)
    c.send(b"\x01c")
    time.sleep(1)
    c.send(b"\x01x")
    st = c.wait(120)
    ok = st is not None and os.path.exists(a.snapshot) and os.path.getsize(a.snapshot) > 0
    report("savevm", ok, "exit status %s, snapshot file %s" % (
        st, "present" if os.path.exists(a.snapshot) else "missing"))
    return 0 if ok else 1


def loadvm(c, a, report):
    try:
        time.sleep(2)
        c.send("\r")
        st, out = c.run("cat /root/state", 120)
        report("loadvm-shell-answers", True)
        report("loadvm-state", st == 0 and out.strip() == STATE, "got %r" % out[-200:])
        c.power_off("poweroff -f", report, "loadvm-poweroff", 120)
    except console.Timeout as e:
        report("loadvm-shell-answers", False, str(e))
    finally:
        c.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
