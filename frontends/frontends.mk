# frontends/: one decoder and translator set per guest ISA.
ISA_SRCS_riscv64 += $(wildcard frontends/riscv64/*.c)
# The FP helpers switch the host rounding mode at run time: no constant folding or
# contraction across it, and sqrt of a negative must not detour through errno.
$(BUILD)/obj/frontends/riscv64/fp_helpers.o: CFLAGS += -frounding-math -ffp-contract=off -fno-math-errno
