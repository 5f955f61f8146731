# frontends/: one decoder and translator set per guest ISA.
ISA_SRCS_riscv64 += $(wildcard frontends/riscv64/*.c)
