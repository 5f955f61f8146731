"""Benchmark of the system mode (make bench-sysemu): boots Debian's riscv64 kernel with the
busybox initramfs of scripts/sysemu-assets.sh under ferry-sysemu-riscv64 and under Debian's
qemu-system-riscv64, same firmware, kernel, initramfs and command line, runs alternating,
and prints per emulator the median wall time from start to the initramfs's marker line
(its /init running) and the guest's uptime when the kernel started /init, then the wall
time of a few shell workloads typed at the guest's shell (CPU-bound user code, system
calls and page faults, a kernel-heavy pipe), and ferry's times as a fraction of qemu's.
Figures, never assertions.

usage: sysemu_boot.py BUILD_DIR ASSETS_DIR [RUNS] [SMP]"""

import os
import re
import statistics
import subprocess
import sys
import time

MARKER = b"FERRY-SYSEMU-INIT-READY"
WORKLOADS = [
    ("md5sum 64 MiB", "dd if=/dev/zero bs=1M count=64 2>/dev/null | md5sum"),
    ("shell loop", "i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done"),
    ("fork+exec 300", "for i in $(seq 300); do /bin/true; done"),
]

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "sysemu"))
import console  # noqa: E402


def boot_once(argv):
    """Returns (seconds to the marker, uptime printed at "Run /init") or None."""
    start = time.monotonic()
    p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT)
    out = b""
    took = None
    while True:
        chunk = p.stdout.read1(65536)
        if not chunk:
            break
        out += chunk
        if MARKER in out:
            took = time.monotonic() - start
            break
        if time.monotonic() - start > 120:
            break
    p.kill()
    p.wait()
    m = re.search(rb"\[\s*([0-9.]+)\] Run /init", out)
    return (took, float(m.group(1)) if m else None) if took else None


def workloads_once(argv):
    """Times each workload typed at the guest's shell; a list of seconds, or None."""
    c = console.Console(argv)
    try:
        c.expect(MARKER, 120)
        c.expect(rb"# ", 60)
        c.quiet(60)
        times = []
        for _, cmd in WORKLOADS:
            start = time.monotonic()
            st, _ = c.run(cmd, 600)
            times.append(time.monotonic() - start if st == 0 else None)
        return times
    except console.Timeout:
        return None
    finally:
        c.kill()


def main():
    build, assets = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    smp = sys.argv[4] if len(sys.argv) > 4 else "1"
    common = ["-M", "virt", "-m", "512M", "-smp", smp, "-nographic",
              "-bios", os.path.join(assets, "fw_dynamic.bin"),
              "-kernel", os.path.join(assets, "Image"),
              "-initrd", os.path.join(assets, "initramfs.cpio.gz"),
              "-append", "console=ttyS0"]
    emus = {"ferry": [os.path.join(build, "ferry-sysemu-riscv64")] + common,
            "qemu": ["qemu-system-riscv64"] + common}
    results = {k: [] for k in emus}
    for _ in range(runs):
        for name, argv in emus.items():
            r = boot_once(argv)
            if r:
                results[name].append(r)
    print("boot to /init, -m 512M -smp %s, median of %d runs" % (smp, runs))
    print("%-8s %12s %16s" % ("emulator", "wall (s)", "guest uptime (s)"))
    med = {}
    for name, rs in results.items():
        if not rs:
            print("%-8s %12s %16s" % (name, "failed", "-"))
            continue
        med[name] = statistics.median(r[0] for r in rs)
        ups = [r[1] for r in rs if r[1] is not None]
        print("%-8s %12.2f %16s" % (name, med[name],
                                      "%.2f" % statistics.median(ups) if ups else "-"))
    if "ferry" in med and "qemu" in med:
        print("ferry/qemu wall: %.2f" % (med["ferry"] / med["qemu"]))
    work = {k: [] for k in emus}
    for _ in range(runs):
        for name, argv in emus.items():
            r = workloads_once(argv)
            if r:
                work[name].append(r)
    print("\nguest shell workloads, wall seconds, median of %d runs" % runs)
    print("%-16s %8s %8s %11s" % ("workload", "ferry", "qemu", "ferry/qemu"))
    for i, (label, _) in enumerate(WORKLOADS):
        m = {}
        for name in emus:
            vals = [r[i] for r in work[name] if r[i] is not None]
            m[name] = statistics.median(vals) if vals else None
        ratio = "%.2f" % (m["ferry"] / m["qemu"]) if m["ferry"] and m["qemu"] else "-"
        print("%-16s %8s %8s %11s" % (label, "%.2f" % m["ferry"] if m["ferry"] else "-",
                                       "%.2f" % m["qemu"] if m["qemu"] else "-", ratio))


if __name__ == "__main__":
    main()
