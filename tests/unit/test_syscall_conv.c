/*
 * Unit tests of the Linux personality: the conversion module's layouts (asm-generic
 * struct stat, termios, iovec, checked against the offsets the riscv64 kernel headers
 * give), and handlers called through linux_syscall with a riscv64 CPU state and a real
 * guest address space.
 */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "frontends/riscv64/rv_cpu.h"
#include "syscall/abi/abi.h"
#include "syscall/linux/conv.h"
#include "syscall/linux/linux.h"
#include "syscall/linux/strace.h"
#include "tests/unit/suites.h"

/* A 32-bit big-endian guest ABI, to check that layouts follow the word size and order. */
static const LinuxAbi abi_be32 = {.isa = "test32be", .word_bits = 32, .big_endian = true};

/* Indices into conv_layout_stat. */
enum {
	ST_MODE = 2,
	ST_RDEV = 6,
	ST_SIZE = 8,
	ST_BLKSIZE = 9,
	ST_BLOCKS = 11,
	ST_ATIME = 12,
	ST_MTIME = 14,
	ST_CTIME_NSEC = 17
};

START_TEST(stat_layout_asm_generic_64)
{
	const LinuxAbi *abi = &linux_abi;
	ck_assert_uint_eq(conv_layout_size(abi, conv_layout_stat), 128);
	ck_assert_uint_eq(conv_field_offset(abi, conv_layout_stat, ST_MODE), 16);
	ck_assert_uint_eq(conv_field_offset(abi, conv_layout_stat, ST_RDEV), 32);
	ck_assert_uint_eq(conv_field_offset(abi, conv_layout_stat, ST_SIZE), 48);
	ck_assert_uint_eq(conv_field_offset(abi, conv_layout_stat, ST_BLKSIZE), 56);
	ck_assert_uint_eq(conv_field_offset(abi, conv_layout_stat, ST_BLOCKS), 64);
	ck_assert_uint_eq(conv_field_offset(abi, conv_layout_stat, ST_ATIME), 72);
	ck_assert_uint_eq(conv_field_offset(abi, conv_layout_stat, ST_MTIME), 88);
	ck_assert_uint_eq(conv_field_offset(abi, conv_layout_stat, ST_CTIME_NSEC), 112);
}
END_TEST

START_TEST(stat_encode_values)
{
	struct stat st;
	memset(&st, 0, sizeof st);
	st.st_mode = S_IFREG | 0644;
	st.st_size = 0x123456789;
	st.st_blksize = 4096;
	st.st_mtim.tv_sec = 1700000000;
	st.st_mtim.tv_nsec = 999;
	uint8_t g[128];
	memset(g, 0xaa, sizeof g);
	conv_encode(&linux_abi, conv_layout_stat, &st, g);
	ck_assert_uint_eq(conv_load(&linux_abi, g + 16, 4), S_IFREG | 0644);
	ck_assert_uint_eq(conv_load(&linux_abi, g + 48, 8), 0x123456789);
	ck_assert_uint_eq(conv_load(&linux_abi, g + 56, 4), 4096);
	ck_assert_uint_eq(conv_load(&linux_abi, g + 60, 4), 0); /* padding is zeroed */
	ck_assert_uint_eq(conv_load(&linux_abi, g + 88, 8), 1700000000);
	ck_assert_uint_eq(conv_load(&linux_abi, g + 96, 8), 999);
}
END_TEST

START_TEST(stat_layout_32bit_big_endian)
{
	ck_assert_uint_eq(conv_layout_size(&abi_be32, conv_layout_stat), 80);
	ck_assert_uint_eq(conv_field_offset(&abi_be32, conv_layout_stat, ST_SIZE), 32);
	struct stat st;
	memset(&st, 0, sizeof st);
	st.st_mode = 0x81a4;
	uint8_t g[80];
	conv_encode(&abi_be32, conv_layout_stat, &st, g);
	ck_assert_uint_eq(g[8], 0);
	ck_assert_uint_eq(g[10], 0x81);
	ck_assert_uint_eq(g[11], 0xa4);
}
END_TEST

START_TEST(termios_round_trip)
{
	ck_assert_uint_eq(conv_layout_size(&linux_abi, conv_layout_termios), 36);
	ck_assert_uint_eq(conv_field_offset(&linux_abi, conv_layout_termios, 4), 16);
	ck_assert_uint_eq(conv_field_offset(&linux_abi, conv_layout_termios, 5), 17);
	HostKTermios t = {0x500, 0x5, 0xbf, 0x8a3b, 0, {0}};
	for (int i = 0; i < CONV_NCCS; i++)
		t.c_cc[i] = (uint8_t)(i * 7 + 1);
	for (int be = 0; be < 2; be++) {
		const LinuxAbi *abi = be ? &abi_be32 : &linux_abi;
		uint8_t g[36];
		HostKTermios back;
		memset(&back, 0, sizeof back);
		conv_encode(abi, conv_layout_termios, &t, g);
		conv_decode(abi, conv_layout_termios, g, &back);
		ck_assert_mem_eq(&t, &back, sizeof t);
		ck_assert_uint_eq(g[be ? 3 : 0], 0x00);
		ck_assert_uint_eq(g[be ? 2 : 1], 0x05);
	}
}
END_TEST

START_TEST(iovec_layout)
{
	ck_assert_uint_eq(conv_layout_size(&linux_abi, conv_layout_iovec), 16);
	ck_assert_uint_eq(conv_layout_size(&abi_be32, conv_layout_iovec), 8);
	uint8_t g[8] = {0x00, 0x01, 0x02, 0x03, 0x00, 0x00, 0x00, 0x10};
	ConvIovec v;
	conv_decode(&abi_be32, conv_layout_iovec, g, &v);
	ck_assert_uint_eq(v.base, 0x00010203);
	ck_assert_uint_eq(v.len, 0x10);
}
END_TEST

START_TEST(flag_tables)
{
	ck_assert_int_eq(conv_open_flags_to_host(&linux_abi, 02000000 | 0100 | 2),
	                 O_CLOEXEC | O_CREAT | O_RDWR);
	ck_assert_uint_eq(conv_open_flags_to_guest(&linux_abi, O_WRONLY | O_APPEND | O_DIRECTORY),
	                  1 | 02000 | 0200000);
	ck_assert_int_eq(conv_mmap_flags_to_host(&linux_abi, 0x22), MAP_PRIVATE | MAP_ANONYMOUS);
	ck_assert_int_eq(conv_prot_to_host(&linux_abi, 5), PROT_READ | PROT_EXEC);
}
END_TEST

START_TEST(strace_result_format)
{
	char buf[128];
	strace_format_result(buf, sizeof buf, "openat", -ENOENT);
	ck_assert_str_eq(buf, "-1 ENOENT (No such file or directory)");
	strace_format_result(buf, sizeof buf, "mmap", 0x7f0000);
	ck_assert_str_eq(buf, "0x7f0000");
	strace_format_result(buf, sizeof buf, "read", 42);
	ck_assert_str_eq(buf, "42");
}
END_TEST

/* ---- handlers through linux_syscall ---- */

enum {
	NR_GETCWD = 17,
	NR_CLOSE = 57,
	NR_OPENAT = 56,
	NR_UNLINKAT = 35,
	NR_LSEEK = 62,
	NR_READ = 63,
	NR_WRITE = 64,
	NR_READLINKAT = 78,
	NR_FSTAT = 80,
	NR_RT_SIGACTION = 134,
	NR_UNAME = 160,
	NR_BRK = 214,
	NR_MUNMAP = 215,
	NR_ADD_KEY = 217,
	NR_CLONE = 220,
	NR_MMAP = 222,
	NR_MPROTECT = 226
};
#define AT_FDCWD_W ((uint64_t)(int64_t)-100)

typedef struct Fixture {
	GuestMem *mem;
	LinuxProc *proc;
	RiscvCpu cpu;
	uint64_t scratch; /* a guest RW page for arguments and results */
	uint64_t changed_start, changed_len;
	int changed_calls;
} Fixture;

static Fixture fx;

static void record_change(void *opaque, uint64_t start, uint64_t len)
{
	Fixture *f = opaque;
	f->changed_start = start;
	f->changed_len = len;
	f->changed_calls++;
}

static void setup(void)
{
	memset(&fx, 0, sizeof fx);
	fx.mem = gmem_new(linux_abi.va_bits);
	ck_assert_ptr_nonnull(fx.mem);
	int64_t s =
	    gmem_mmap(fx.mem, 0, 65536, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ck_assert_int_gt(s, 0);
	fx.scratch = (uint64_t)s;
	/* A free range for the heap: reserve it, then give it back. */
	int64_t heap = gmem_mmap(fx.mem, 0, 1 << 20, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ck_assert_int_gt(heap, 0);
	gmem_munmap(fx.mem, (uint64_t)heap, 1 << 20);
	LinuxProcInit init = {
	    .exe_path = "/opt/guest/bin/prog",
	    .start_brk = (uint64_t)heap,
	    .code_changed = record_change,
	    .code_changed_opaque = &fx,
	};
	fx.proc = linux_proc_new(&linux_abi, fx.mem, &init);
	linux_abi.cpu_init(&fx.cpu.common, 0x10000, fx.scratch + 65536);
	fx.cpu.common.guest_base = gmem_base(fx.mem);
}

static void teardown(void)
{
	gmem_free(fx.mem);
}

static int64_t call(uint64_t nr, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
                    uint64_t a5)
{
	const uint64_t args[6] = {a0, a1, a2, a3, a4, a5};
	for (int i = 0; i < 6; i++)
		fx.cpu.x[10 + i] = args[i];
	fx.cpu.x[17] = nr;
	linux_syscall(fx.proc, &fx.cpu.common);
	return (int64_t)fx.cpu.x[10];
}

static uint64_t put_str(uint64_t off, const char *s)
{
	ck_assert_int_eq(gmem_write(fx.mem, fx.scratch + off, s, strlen(s) + 1), 0);
	return fx.scratch + off;
}

START_TEST(file_round_trip)
{
	char path[64];
	snprintf(path, sizeof path, "/tmp/ferry-syscall-test-%d", (int)getpid());
	uint64_t gpath = put_str(0, path);
	int64_t fd = call(NR_OPENAT, AT_FDCWD_W, gpath, 0100 | 02 | 01000, 0600, 0, 0);
	ck_assert_int_ge(fd, 0);
	uint64_t buf = put_str(256, "hello");
	ck_assert_int_eq(call(NR_WRITE, fd, buf, 5, 0, 0, 0), 5);
	ck_assert_int_eq(call(NR_LSEEK, fd, 0, SEEK_SET, 0, 0, 0), 0);
	ck_assert_int_eq(call(NR_READ, fd, fx.scratch + 512, 16, 0, 0, 0), 5);
	ck_assert_mem_eq(gmem_g2h(fx.mem, fx.scratch + 512), "hello", 5);
	ck_assert_int_eq(call(NR_FSTAT, fd, fx.scratch + 1024, 0, 0, 0, 0), 0);
	uint8_t st[128];
	gmem_read(fx.mem, fx.scratch + 1024, st, sizeof st);
	ck_assert_uint_eq(conv_load(&linux_abi, st + 48, 8), 5);
	ck_assert(S_ISREG(conv_load(&linux_abi, st + 16, 4)));
	ck_assert_int_eq(call(NR_CLOSE, fd, 0, 0, 0, 0, 0), 0);
	ck_assert_int_eq(call(NR_UNLINKAT, AT_FDCWD_W, gpath, 0, 0, 0, 0), 0);
	ck_assert_int_eq(access(path, F_OK), -1);
}
END_TEST

START_TEST(bad_pointers_fault)
{
	const uint64_t bad = 0x1000; /* below any guest mapping */
	ck_assert_int_eq(call(NR_WRITE, 1, bad, 5, 0, 0, 0), -EFAULT);
	ck_assert_int_eq(call(NR_READ, 0, bad, 5, 0, 0, 0), -EFAULT);
	ck_assert_int_eq(call(NR_OPENAT, AT_FDCWD_W, bad, 0, 0, 0, 0), -EFAULT);
	ck_assert_int_eq(call(NR_FSTAT, 0, bad, 0, 0, 0, 0), -EFAULT);
	ck_assert_int_eq(call(NR_UNAME, bad, 0, 0, 0, 0, 0), -EFAULT);
	/* A buffer running past the end of its mapping. */
	ck_assert_int_eq(call(NR_READ, 0, fx.scratch + 65536 - 4, 8, 0, 0, 0), -EFAULT);
}
END_TEST

START_TEST(unknown_numbers)
{
	ck_assert_int_eq(call(9999, 0, 0, 0, 0, 0, 0), -ENOSYS);
	ck_assert_int_eq(call(NR_ADD_KEY, 0, 0, 0, 0, 0, 0), -ENOSYS);
	/* Thread creation is not there yet: refused before anything is created. */
	ck_assert_int_eq(call(NR_CLONE, 0x50f00 /* pthread_create's flags */, 0, 0, 0, 0, 0), -ENOSYS);
	ck_assert_int_eq(call(444, 0, 0, 0, 0, 0, 0), -ENOSYS);
}
END_TEST

START_TEST(brk_semantics)
{
	int64_t start = call(NR_BRK, 0, 0, 0, 0, 0, 0);
	ck_assert_int_gt(start, 0);
	uint64_t want = (uint64_t)start + 100000;
	ck_assert_uint_eq((uint64_t)call(NR_BRK, want, 0, 0, 0, 0, 0), want);
	ck_assert(gmem_access_ok(fx.mem, (uint64_t)start, 100000, PROT_READ | PROT_WRITE));
	/* Never below the initial break. */
	ck_assert_uint_eq((uint64_t)call(NR_BRK, (uint64_t)start - 4096, 0, 0, 0, 0, 0), want);
	ck_assert_uint_eq((uint64_t)call(NR_BRK, (uint64_t)start, 0, 0, 0, 0, 0), (uint64_t)start);
	ck_assert(!gmem_access_ok(fx.mem, (uint64_t)start, 4096, 0));
	/* Growing into an existing mapping fails and leaves the break alone. */
	int64_t block = gmem_mmap(fx.mem, (uint64_t)start + 8192, 4096, PROT_READ,
	                          MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	ck_assert_int_eq(block, start + 8192);
	ck_assert_uint_eq((uint64_t)call(NR_BRK, (uint64_t)start + 65536, 0, 0, 0, 0, 0),
	                  (uint64_t)start);
}
END_TEST

START_TEST(mmap_munmap_and_code_changes)
{
	int64_t a = call(NR_MMAP, 0, 8192, 3, 0x22, (uint64_t)-1, 0);
	ck_assert_int_gt(a, 0);
	ck_assert(gmem_access_ok(fx.mem, (uint64_t)a, 8192, PROT_READ | PROT_WRITE));
	ck_assert_int_eq(call(NR_MUNMAP, (uint64_t)a, 8192, 0, 0, 0, 0), 0);
	ck_assert(!gmem_access_ok(fx.mem, (uint64_t)a, 1, 0));
	ck_assert_int_eq(fx.changed_calls, 0); /* no code was there */

	int64_t c = call(NR_MMAP, 0, 4096, 5, 0x22, (uint64_t)-1, 0);
	ck_assert_int_gt(c, 0);
	ck_assert_int_eq(call(NR_MPROTECT, (uint64_t)c, 4096, 1, 0, 0, 0), 0);
	ck_assert_int_eq(fx.changed_calls, 1);
	ck_assert_uint_eq(fx.changed_start, (uint64_t)c);
	ck_assert_int_eq(call(NR_MPROTECT, (uint64_t)c, 4096, 5, 0, 0, 0), 0);
	ck_assert_int_eq(call(NR_MUNMAP, (uint64_t)c, 4096, 0, 0, 0, 0), 0);
	ck_assert_int_eq(fx.changed_calls, 2);
	ck_assert_uint_eq(fx.changed_len, 4096);
	ck_assert_int_eq(call(NR_MMAP, 0, 0, 3, 0x22, (uint64_t)-1, 0), -EINVAL);
}
END_TEST

START_TEST(getcwd_matches_host)
{
	char host[4096];
	ck_assert_ptr_nonnull(getcwd(host, sizeof host));
	int64_t n = call(NR_GETCWD, fx.scratch, 4096, 0, 0, 0, 0);
	ck_assert_int_eq(n, (int64_t)strlen(host) + 1);
	ck_assert_str_eq((const char *)gmem_g2h(fx.mem, fx.scratch), host);
	ck_assert_int_eq(call(NR_GETCWD, fx.scratch, 1, 0, 0, 0, 0), -ERANGE);
}
END_TEST

START_TEST(uname_reports_riscv64)
{
	ck_assert_int_eq(call(NR_UNAME, fx.scratch, 0, 0, 0, 0, 0), 0);
	const char *u = gmem_g2h(fx.mem, fx.scratch);
	ck_assert_str_eq(u, "Linux");
	ck_assert_str_eq(u + 4 * 65, "riscv64");
}
END_TEST

START_TEST(readlink_self_exe)
{
	uint64_t gpath = put_str(0, "/proc/self/exe");
	int64_t n = call(NR_READLINKAT, AT_FDCWD_W, gpath, fx.scratch + 256, 256, 0, 0);
	ck_assert_int_eq(n, (int64_t)strlen("/opt/guest/bin/prog"));
	ck_assert_mem_eq(gmem_g2h(fx.mem, fx.scratch + 256), "/opt/guest/bin/prog", (size_t)n);
}
END_TEST

START_TEST(sigaction_kept_in_guest_terms)
{
	/* riscv64 struct sigaction: handler, flags, mask (no sa_restorer). */
	uint8_t act[24] = {0};
	conv_store(&linux_abi, act, 8, 0x12340);
	conv_store(&linux_abi, act + 8, 8, 0x10000000);
	conv_store(&linux_abi, act + 16, 8, 0x5);
	gmem_write(fx.mem, fx.scratch, act, sizeof act);
	ck_assert_int_eq(call(NR_RT_SIGACTION, 10, fx.scratch, 0, 8, 0, 0), 0);
	ck_assert_int_eq(call(NR_RT_SIGACTION, 10, 0, fx.scratch + 64, 8, 0, 0), 0);
	uint8_t old[24];
	gmem_read(fx.mem, fx.scratch + 64, old, sizeof old);
	ck_assert_mem_eq(act, old, sizeof act);
	ck_assert_int_eq(call(NR_RT_SIGACTION, 9, fx.scratch, 0, 8, 0, 0), -EINVAL);
	ck_assert_int_eq(call(NR_RT_SIGACTION, 10, fx.scratch, 0, 16, 0, 0), -EINVAL);
}
END_TEST

Suite *syscall_conv_suite(void)
{
	Suite *s = suite_create("syscall_conv");
	TCase *conv = tcase_create("conv");
	tcase_add_test(conv, stat_layout_asm_generic_64);
	tcase_add_test(conv, stat_encode_values);
	tcase_add_test(conv, stat_layout_32bit_big_endian);
	tcase_add_test(conv, termios_round_trip);
	tcase_add_test(conv, iovec_layout);
	tcase_add_test(conv, flag_tables);
	tcase_add_test(conv, strace_result_format);
	suite_add_tcase(s, conv);
	TCase *sys = tcase_create("handlers");
	tcase_add_checked_fixture(sys, setup, teardown);
	tcase_add_test(sys, file_round_trip);
	tcase_add_test(sys, bad_pointers_fault);
	tcase_add_test(sys, unknown_numbers);
	tcase_add_test(sys, brk_semantics);
	tcase_add_test(sys, mmap_munmap_and_code_changes);
	tcase_add_test(sys, getcwd_matches_host);
	tcase_add_test(sys, uname_reports_riscv64);
	tcase_add_test(sys, readlink_self_exe);
	tcase_add_test(sys, sigaction_kept_in_guest_terms);
	suite_add_tcase(s, sys);
	return s;
}
