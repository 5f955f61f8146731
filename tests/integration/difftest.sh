#!/bin/bash
# The differential tester's fixed share of `make check`: the regression files and
# 100,000 random instructions per guest ISA from fixed seeds (tests/difftest/run.sh),
# under the JIT, compared with qemu-<isa>. About 20 s per ISA on one core. Skipped
# (exit 77) when qemu or the cross binutils are missing.
set -u
BUILD_DIR=${1:?usage: $0 BUILD_DIR}
for tool in qemu-riscv64 qemu-aarch64 riscv64-linux-gnu-as aarch64-linux-gnu-as; do
	if ! command -v "$tool" >/dev/null; then
		echo "skipped: $tool is not installed"
		echo "0 passed, 0 failed, 1 skipped"
		exit 77
	fi
done
exec "$(dirname "$0")/../difftest/run.sh" --n 100000 --seed 1 "$BUILD_DIR"
