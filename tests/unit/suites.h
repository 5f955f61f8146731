/* The unit-test suites, one per concern; each is defined in tests/unit/test_<name>.c. */
#ifndef FERRY_TEST_SUITES_H
#define FERRY_TEST_SUITES_H

#include <check.h>

#define UNIT_SUITES(X)                                                            \
	X(ir_suite)                                                                      \
	X(optimizer_suite)                                                               \
	X(interp_suite)                                                                  \
	X(engine_suite)                                                                  \
	X(guest_mem_suite)                                                               \
	X(elf_loader_suite)                                                              \
	X(syscall_conv_suite)                                                            \
	X(riscv64_decode_suite)                                                          \
	X(aarch64_decode_suite)                                                          \
	X(a64_simd_suite)                                                                \
	X(aarch64_vec_suite)                                                             \
	X(signal_frame_suite)                                                            \
	X(riscv64_fp_suite)                                                              \
	X(x86_emit_suite)                                                                \
	X(binfmt_suite)                                                                  \
	X(rootfs_suite)                                                                  \
	X(io_conv_suite)                                                                 \
	X(exec_suite)                                                                    \
	X(net_conv_suite)                                                                \
	X(futex_suite)                                                                   \
	X(block_suite)                                                                   \
	X(net_slirp_suite)                                                               \
	X(jit_suite)                                                                     \
	X(bus_clock_suite)                                                               \
	X(virtio_suite)                                                                  \
	X(uart_suite)                                                                    \
	X(intc_suite)                                                                    \
	X(devices_suite)                                                                 \
	X(console_suite)                                                                 \
	X(softmmu_suite)                                                                 \
	X(rv_hart_suite)                                                                 \
	X(rv_mmu_suite)                                                                  \
	X(rv_codepages_suite)                                                            \
	X(sysemu_options_suite)                                                          \
	X(sysemu_boot_suite)                                                             \
	X(sysemu_fdt_suite)                                                              \
	X(sysemu_snapshot_suite)

#define UNIT_DECLARE(fn) Suite *fn(void) __attribute__((weak));
UNIT_SUITES(UNIT_DECLARE)
#undef UNIT_DECLARE

#endif
