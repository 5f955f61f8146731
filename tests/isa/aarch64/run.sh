#!/bin/bash
# aarch64 ISA corner-case tests: tests/isa/run-isa.sh for aarch64. The sources pick
# their architecture level with .arch (LSE and RCpc need armv8.1-a and armv8.3-a).
# usage: tests/isa/aarch64/run.sh [--generate] BUILD_DIR
export ISA=aarch64
export ISA_CFLAGS=""
export ISA_NOSTDLIB_FLAGS=""
exec "$(dirname "$0")/../run-isa.sh" "$@"
