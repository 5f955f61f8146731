#!/bin/bash
# riscv64 ISA corner-case tests: tests/isa/run-isa.sh with RV64GC flags (gp-relative
# relaxation off for programs without libc, which set gp themselves).
# usage: tests/isa/riscv64/run.sh [--generate] BUILD_DIR
export ISA=riscv64
export ISA_CFLAGS="-march=rv64gc -mabi=lp64d"
export ISA_NOSTDLIB_FLAGS="-Wl,--no-relax"
exec "$(dirname "$0")/../run-isa.sh" "$@"
