# runner/: main() of each per-ISA runner, option parsing and the CPU loop; and the `ferry`
# front command (ferry_*.c), which links none of the emulator, only binfmt/.
RUNNER_SRCS += $(filter-out runner/ferry_%.c,$(wildcard runner/*.c))
FERRY_SRCS += $(wildcard runner/ferry_*.c)
