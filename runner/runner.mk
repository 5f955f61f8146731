# runner/: main() of each per-ISA runner, option parsing and the CPU loop.
RUNNER_SRCS += $(wildcard runner/*.c)
