/*
 * Unit tests of signal frames and siginfo: the riscv64 rt_sigframe written by the ABI
 * hook, checked at the offsets the riscv64 uapi headers give (pc at 304, ra 312, sp 320,
 * a0 384, f0 560, fcsr 816, uc_sigmask 168, uc_stack 144), the registers a handler is
 * entered with, rt_sigreturn reading back a frame the handler edited (through
 * linux_syscall), syscall restart, and the siginfo layouts of the conversion module for
 * 64-bit little-endian and 32-bit big-endian guests.
 */
#include <check.h>
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>

#include "frontends/riscv64/rv_cpu.h"
#include "syscall/abi/abi.h"
#include "syscall/linux/conv.h"
#include "syscall/linux/linux.h"
#include "syscall/linux/proc_state.h"
#include "tests/unit/suites.h"

/* Offsets in struct rt_sigframe from riscv64-linux-gnu's asm/ucontext.h (offsetof). */
enum {
	OFF_UC = 128,
	OFF_UC_STACK = 144,
	OFF_UC_SIGMASK = 168,
	OFF_PC = 304,
	OFF_RA = 312,
	OFF_SP = 320,
	OFF_A0 = 384,
	OFF_F0 = 560,
	OFF_FCSR = 816,
	FRAME_SIZE = 1088,
};
enum { NR_RT_SIGPROCMASK = 135, NR_RT_SIGRETURN = 139 };

static const LinuxAbi abi_be32 = {.isa = "test32be", .word_bits = 32, .big_endian = true};

static GuestMem *mem;
static LinuxProc *proc;
static RiscvCpu cpu;
static uint64_t area; /* 64 KiB of guest RW memory */

static void setup(void)
{
	mem = gmem_new(linux_abi.va_bits);
	ck_assert_ptr_nonnull(mem);
	int64_t a =
	    gmem_mmap(mem, 0, 65536, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ck_assert_int_gt(a, 0);
	area = (uint64_t)a;
	LinuxProcInit init = {.exe_path = "/opt/guest/prog", .start_brk = area + (1 << 24)};
	proc = linux_proc_new(&linux_abi, mem, &init);
	memset(&cpu, 0, sizeof cpu);
	linux_abi.cpu_init(&cpu.common, 0x10abc, area + 65536 - 8);
	cpu.common.guest_base = gmem_base(mem);
	for (int i = 1; i < 32; i++)
		if (i != 2)
			cpu.x[i] = 0x1000 + i;
	for (int i = 0; i < 32; i++)
		cpu.f[i] = 0x2000 + i;
	cpu.fflags = 0x1f;
	cpu.frm = 3;
}

static void teardown(void)
{
	gmem_free(mem);
}

static uint64_t rd64(uint64_t addr)
{
	uint64_t v = 0;
	ck_assert_int_eq(conv_get_u64(&linux_abi, mem, addr, &v), 0);
	return v;
}

static uint32_t rd32(uint64_t addr)
{
	uint32_t v = 0;
	ck_assert_int_eq(conv_get_u32(&linux_abi, mem, addr, &v), 0);
	return v;
}

/* Builds a frame for signal 10 below the current sp; returns its address. */
static uint64_t build_frame(void)
{
	uint8_t info[CONV_SIGINFO_SIZE];
	for (int i = 0; i < CONV_SIGINFO_SIZE; i++)
		info[i] = (uint8_t)i;
	LinuxSigFrame f = {
	    .sig = 10,
	    .siginfo = info,
	    .handler = 0x20000,
	    .return_addr = 0x30000,
	    .mask = 0x5,
	    .ss_sp = 0x40000,
	    .ss_size = 0x8000,
	    .ss_flags = 2,
	};
	int64_t frame = linux_abi.sigframe_setup(&cpu.common, mem, cpu.x[2], &f);
	ck_assert_int_gt(frame, 0);
	return (uint64_t)frame;
}

START_TEST(riscv64_frame_offsets)
{
	uint64_t sp = cpu.x[2];
	uint64_t frame = build_frame();
	ck_assert_uint_eq(frame, (sp - FRAME_SIZE) & ~(uint64_t)15);
	ck_assert_uint_eq(linux_abi.sigframe_size, FRAME_SIZE);
	ck_assert_uint_eq(rd32(frame + 4), 0x07060504);
	ck_assert_uint_eq(rd64(frame + OFF_PC), 0x10abc);
	ck_assert_uint_eq(rd64(frame + OFF_RA), 0x1001);
	ck_assert_uint_eq(rd64(frame + OFF_SP), sp);
	ck_assert_uint_eq(rd64(frame + OFF_A0), 0x100a);
	ck_assert_uint_eq(rd64(frame + OFF_PC + 31 * 8), 0x101f);
	ck_assert_uint_eq(rd64(frame + OFF_F0), 0x2000);
	ck_assert_uint_eq(rd64(frame + OFF_F0 + 31 * 8), 0x201f);
	ck_assert_uint_eq(rd32(frame + OFF_FCSR), (3 << 5) | 0x1f);
	ck_assert_uint_eq(rd64(frame + OFF_UC_SIGMASK), 0x5);
	ck_assert_uint_eq(rd64(frame + OFF_UC_STACK), 0x40000);
	ck_assert_uint_eq(rd32(frame + OFF_UC_STACK + 8), 2);
	ck_assert_uint_eq(rd64(frame + OFF_UC_STACK + 16), 0x8000);
	ck_assert_uint_eq(rd64(frame + OFF_UC), 0);     /* uc_flags */
	ck_assert_uint_eq(rd64(frame + OFF_UC + 8), 0); /* uc_link */
}
END_TEST

START_TEST(riscv64_handler_entry_registers)
{
	uint64_t frame = build_frame();
	ck_assert_uint_eq(cpu.common.pc, 0x20000);
	ck_assert_uint_eq(cpu.x[1], 0x30000);
	ck_assert_uint_eq(cpu.x[2], frame);
	ck_assert_uint_eq(cpu.x[10], 10);
	ck_assert_uint_eq(cpu.x[11], frame);
	ck_assert_uint_eq(cpu.x[12], frame + OFF_UC);
	ck_assert_uint_eq(cpu.x[9], 0x1009); /* the rest is left as interrupted */
}
END_TEST

START_TEST(riscv64_frame_refused_on_bad_stack)
{
	uint8_t info[CONV_SIGINFO_SIZE] = {0};
	LinuxSigFrame f = {.sig = 10, .siginfo = info, .handler = 0x20000};
	ck_assert_int_eq(linux_abi.sigframe_setup(&cpu.common, mem, area + 512, &f), -EFAULT);
	ck_assert_uint_eq(cpu.common.pc, 0x10abc);
	cpu.x[2] = 0x1000;
	ck_assert_int_eq(linux_abi.sigframe_restore(&cpu.common, mem, &f), -EFAULT);
}
END_TEST

/* The handler edits the frame; rt_sigreturn resumes with the edits and puts the saved
 * mask back; the value the syscall "returns" is the restored a0. */
START_TEST(rt_sigreturn_applies_frame_edits)
{
	uint64_t sp = cpu.x[2];
	uint64_t frame = build_frame();
	ck_assert_int_eq(conv_put_u64(&linux_abi, mem, frame + OFF_PC, 0x10ac0), 0);
	ck_assert_int_eq(conv_put_u64(&linux_abi, mem, frame + OFF_A0, 0x77), 0);
	ck_assert_int_eq(conv_put_u32(&linux_abi, mem, frame + OFF_FCSR, (1 << 5) | 0x2), 0);
	ck_assert_int_eq(conv_put_u64(&linux_abi, mem, frame + OFF_UC_STACK + 16, 0), 0);
	cpu.x[17] = NR_RT_SIGRETURN;
	cpu.x[9] = 0xdead;
	linux_syscall(proc, &cpu.common);
	ck_assert_uint_eq(cpu.common.pc, 0x10ac0);
	ck_assert_uint_eq(cpu.x[10], 0x77);
	ck_assert_uint_eq(cpu.x[2], sp);
	ck_assert_uint_eq(cpu.x[1], 0x1001);
	ck_assert_uint_eq(cpu.x[9], 0x1009);
	ck_assert_uint_eq(cpu.f[7], 0x2007);
	ck_assert_uint_eq(cpu.frm, 1);
	ck_assert_uint_eq(cpu.fflags, 2);
	/* rt_sigprocmask(SIG_BLOCK, NULL, &old, 8) reports the mask from the frame */
	cpu.x[10] = 0;
	cpu.x[11] = 0;
	cpu.x[12] = area;
	cpu.x[13] = 8;
	cpu.x[17] = NR_RT_SIGPROCMASK;
	linux_syscall(proc, &cpu.common);
	ck_assert_uint_eq(cpu.x[10], 0);
	ck_assert_uint_eq(rd64(area), 0x5);
}
END_TEST

START_TEST(riscv64_syscall_restart)
{
	cpu.common.pc = 0x10004;
	cpu.x[10] = (uint64_t)-EINTR;
	linux_abi.syscall_restart(&cpu.common, 3);
	ck_assert_uint_eq(cpu.common.pc, 0x10000);
	ck_assert_uint_eq(cpu.x[10], 3);
}
END_TEST

START_TEST(sigreturn_trampoline_mapped)
{
	uint64_t t = proc->sig.sigreturn_addr;
	ck_assert_uint_ne(t, 0);
	ck_assert(gmem_access_ok(mem, t, 8, PROT_READ | PROT_EXEC));
	ck_assert_uint_eq(rd32(t), 0x08b00893);     /* li a7, 139 */
	ck_assert_uint_eq(rd32(t + 4), 0x00000073); /* ecall */
}
END_TEST

START_TEST(siginfo_layouts_64)
{
	const LinuxAbi *abi = &linux_abi;
	uint8_t g[CONV_SIGINFO_SIZE];
	ConvSigInfo q = {.signo = 34, .code = -1, .pid = 77, .uid = 1000, .value = 0x1122334455};
	conv_encode_siginfo(abi, &q, g);
	ck_assert_uint_eq(conv_load(abi, g, 4), 34);
	ck_assert_uint_eq(conv_load(abi, g + 8, 4), (uint32_t)-1);
	ck_assert_uint_eq(conv_load(abi, g + 16, 4), 77);
	ck_assert_uint_eq(conv_load(abi, g + 20, 4), 1000);
	ck_assert_uint_eq(conv_load(abi, g + 24, 8), 0x1122334455);
	ConvSigInfo back;
	conv_decode_siginfo(abi, g, &back);
	ck_assert_int_eq(back.pid, 77);
	ck_assert_uint_eq(back.value, 0x1122334455);

	ConvSigInfo segv = {.signo = SIGSEGV, .code = 2, .value = 0xdeadbeef000};
	conv_encode_siginfo(abi, &segv, g);
	ck_assert_uint_eq(conv_load(abi, g + 16, 8), 0xdeadbeef000);

	ConvSigInfo chld = {
	    .signo = SIGCHLD, .code = 1, .pid = 5, .status = 3, .utime = 9, .stime = 11};
	conv_encode_siginfo(abi, &chld, g);
	ck_assert_uint_eq(conv_load(abi, g + 24, 4), 3);
	ck_assert_uint_eq(conv_load(abi, g + 32, 8), 9);
	ck_assert_uint_eq(conv_load(abi, g + 40, 8), 11);

	/* kill(): pid and uid only, the rest of the union zero */
	ConvSigInfo k = {.signo = SIGUSR1, .code = 0, .pid = 6, .uid = 7, .value = 99};
	conv_encode_siginfo(abi, &k, g);
	ck_assert_uint_eq(conv_load(abi, g + 24, 8), 0);
}
END_TEST

START_TEST(siginfo_layouts_32_big_endian)
{
	uint8_t g[CONV_SIGINFO_SIZE];
	ConvSigInfo q = {.signo = 34, .code = -1, .pid = 77, .uid = 1000, .value = 0x11223344};
	conv_encode_siginfo(&abi_be32, &q, g);
	ck_assert_uint_eq(g[3], 34);
	ck_assert_uint_eq(conv_load(&abi_be32, g + 12, 4), 77);
	ck_assert_uint_eq(conv_load(&abi_be32, g + 20, 4), 0x11223344);
	ConvSigInfo chld = {.signo = SIGCHLD, .code = 1, .status = 3, .utime = 9, .stime = 11};
	conv_encode_siginfo(&abi_be32, &chld, g);
	ck_assert_uint_eq(conv_load(&abi_be32, g + 20, 4), 3);
	ck_assert_uint_eq(conv_load(&abi_be32, g + 24, 4), 9);
	ck_assert_uint_eq(conv_load(&abi_be32, g + 28, 4), 11);
	ConvSigInfo segv = {.signo = SIGSEGV, .code = 1, .value = 0x8000};
	conv_encode_siginfo(&abi_be32, &segv, g);
	ck_assert_uint_eq(conv_load(&abi_be32, g + 12, 4), 0x8000);
}
END_TEST

START_TEST(siginfo_from_host)
{
	siginfo_t h;
	memset(&h, 0, sizeof h);
	h.si_signo = SIGSEGV;
	h.si_code = SEGV_MAPERR;
	h.si_addr = (void *)0x501000;
	ConvSigInfo si;
	conv_siginfo_from_host(&h, 0x500000, &si);
	ck_assert_uint_eq(si.value, 0x1000);
	memset(&h, 0, sizeof h);
	h.si_signo = SIGRTMIN;
	h.si_code = SI_QUEUE;
	h.si_pid = 12;
	h.si_value.sival_int = 42;
	conv_siginfo_from_host(&h, 0x500000, &si);
	siginfo_t back;
	conv_siginfo_to_host(&si, &back);
	ck_assert_int_eq(back.si_pid, 12);
	ck_assert_int_eq(back.si_value.sival_int, 42);
	ck_assert_int_eq(back.si_code, SI_QUEUE);
}
END_TEST

Suite *signal_frame_suite(void)
{
	Suite *s = suite_create("signal_frame");
	TCase *frame = tcase_create("riscv64");
	tcase_add_checked_fixture(frame, setup, teardown);
	tcase_add_test(frame, riscv64_frame_offsets);
	tcase_add_test(frame, riscv64_handler_entry_registers);
	tcase_add_test(frame, riscv64_frame_refused_on_bad_stack);
	tcase_add_test(frame, rt_sigreturn_applies_frame_edits);
	tcase_add_test(frame, riscv64_syscall_restart);
	tcase_add_test(frame, sigreturn_trampoline_mapped);
	suite_add_tcase(s, frame);
	TCase *info = tcase_create("siginfo");
	tcase_add_test(info, siginfo_layouts_64);
	tcase_add_test(info, siginfo_layouts_32_big_endian);
	tcase_add_test(info, siginfo_from_host);
	suite_add_tcase(s, info);
	return s;
}
