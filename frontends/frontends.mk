# frontends/: one decoder and translator set per guest ISA.
ISA_SRCS_riscv64 += $(wildcard frontends/riscv64/*.c)
# The FP helpers switch the host rounding mode at run time: no constant folding or
# contraction across it, and sqrt of a negative must not detour through errno.
$(BUILD)/obj/frontends/riscv64/fp_helpers.o: CFLAGS += -frounding-math -ffp-contract=off -fno-math-errno
ISA_SRCS_aarch64 += $(wildcard frontends/aarch64/*.c)
# 16-byte compare-and-swap (ldxp/stxp, casp) inline as cmpxchg16b.
$(BUILD)/obj/frontends/aarch64/translate_atomic.o $(BUILD)/obj/frontends/aarch64/translate_lse.o: CFLAGS += -mcx16
# The aarch64 FP and SIMD helpers change the host rounding mode at run time and ask
# for fused multiply-adds explicitly.
$(BUILD)/obj/frontends/aarch64/fp_core.o $(BUILD)/obj/frontends/aarch64/fp_convert.o \
$(BUILD)/obj/frontends/aarch64/fp_helpers.o $(BUILD)/obj/frontends/aarch64/simd_fp.o: \
	CFLAGS += -frounding-math -ffp-contract=off -fno-math-errno
