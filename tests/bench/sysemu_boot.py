"""Boot-time benchmark of the system mode (make bench-sysemu): boots Debian's riscv64
kernel with the busybox initramfs of scripts/sysemu-assets.sh under ferry-sysemu-riscv64
and under Debian's qemu-system-riscv64, same firmware, kernel, initramfs and command line,
runs alternating, and prints per emulator the median wall time from start to the
initramfs's marker line (its /init running) and the guest's uptime when the kernel started
/init, then ferry's time as a fraction of qemu's. A figure, never an assertion.

usage: sysemu_boot.py BUILD_DIR ASSETS_DIR [RUNS] [SMP]"""

import os
import re
import statistics
import subprocess
import sys
import time

MARKER = b"FERRY-SYSEMU-INIT-READY"


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


if __name__ == "__main__":
    main()
