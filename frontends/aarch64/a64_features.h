/*
 * What the aarch64 runner tells a program about the CPU, kept in one place so the
 * auxiliary vector (AT_HWCAP, AT_HWCAP2), the ID registers that Linux emulates for
 * EL0 (mrs of ID_AA64*_EL1, MIDR_EL1: translate_sys.c) and /proc/cpuinfo agree and
 * expose exactly what is implemented: the ARMv8.0-A base with scalar FP and Advanced
 * SIMD, the AES (with 64-bit PMULL), SHA1, SHA256 and CRC32 extensions, LSE atomics
 * (FEAT_LSE), ldapr (FEAT_LRCPC) and the ID register emulation itself (HWCAP_CPUID).
 * Half-precision arithmetic (FEAT_FP16: HWCAP_FPHP/ASIMDHP) is not implemented, so
 * ID_AA64PFR0_EL1.FP and AdvSIMD read 0 (present, no FP16).
 *
 * MIDR_EL1 names no real part (implementer 0x00, architecture 0xf, part 0) so that
 * libraries do not pick routines tuned for a particular core. The generic timer runs
 * at 1 GHz, the frequency ARMv8.6 and later mandate: CNTVCT_EL0 is the host's
 * CLOCK_MONOTONIC in nanoseconds.
 */
#ifndef FERRY_A64_FEATURES_H
#define FERRY_A64_FEATURES_H

#include <stdint.h>

/* AT_HWCAP bits (arch/arm64/include/uapi/asm/hwcap.h) */
#define A64_HWCAP_FP      (1ull << 0)
#define A64_HWCAP_ASIMD   (1ull << 1)
#define A64_HWCAP_AES     (1ull << 3)
#define A64_HWCAP_PMULL   (1ull << 4)
#define A64_HWCAP_SHA1    (1ull << 5)
#define A64_HWCAP_SHA2    (1ull << 6)
#define A64_HWCAP_CRC32   (1ull << 7)
#define A64_HWCAP_ATOMICS (1ull << 8)
#define A64_HWCAP_CPUID   (1ull << 11)
#define A64_HWCAP_LRCPC   (1ull << 15)

#define A64_HWCAP                                                                         \
	(A64_HWCAP_FP | A64_HWCAP_ASIMD | A64_HWCAP_AES | A64_HWCAP_PMULL | A64_HWCAP_SHA1 |     \
	 A64_HWCAP_SHA2 | A64_HWCAP_CRC32 | A64_HWCAP_ATOMICS | A64_HWCAP_CPUID | A64_HWCAP_LRCPC)
#define A64_HWCAP2 0ull
/* The Features line of /proc/cpuinfo, in the kernel's order of the bits above. */
#define A64_CPUINFO_FEATURES "fp asimd aes pmull sha1 sha2 crc32 atomics cpuid lrcpc"

#define A64_MIDR      0x000f0000ull /* implementer 0, variant 0, arch 0xf, part 0 */
#define A64_MPIDR     0x80000000ull /* what Linux shows EL0: RES1 only */
#define A64_CTR       0x8444c004ull /* 64-byte lines, PIPT I-cache, IDC = DIC = 0 */
#define A64_DCZID     4ull          /* dc zva zeroes 2^4 words = 64 bytes */
#define A64_DCZ_BYTES 64u
#define A64_CNTFRQ    1000000000ull
/* ID registers: EL0 and EL1 AArch64-only, FP and AdvSIMD implemented (0, no FP16);
 * ISAR0: AES 2 (with PMULL), SHA1 1, SHA2 1, CRC32 1, Atomics 2. LRCPC in ISAR1.
 * Every other register in the ID space reads as zero. */
#define A64_ID_AA64PFR0  0x0000000000000011ull
#define A64_ID_AA64ISAR0 0x0000000000211120ull
#define A64_ID_AA64ISAR1 0x0000000000100000ull

#endif
