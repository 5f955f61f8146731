/*
 * Unit tests of the I/O part of the Linux personality: the conversion layouts of
 * conv_io.c described for a 32-bit big-endian guest (no such guest runs yet) and for
 * riscv64, checked byte by byte both ways; SysV attaches placed in guest memory by
 * gmem_shmat in both address-space layouts; and epoll_ctl / epoll_pwait through
 * linux_syscall, which must hand riscv64 its 16-byte struct epoll_event.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <unistd.h>

#include "frontends/riscv64/rv_cpu.h"
#include "syscall/abi/abi.h"
#include "syscall/linux/conv.h"
#include "syscall/linux/linux.h"
#include "tests/unit/suites.h"

static const LinuxAbi abi_be32 = {.isa = "test32be", .word_bits = 32, .big_endian = true};

/* Encodes `host` for the BE32 guest, compares with `want` at the given offsets, decodes
 * back and compares with the original host struct. */
typedef struct Expect {
	size_t off;
	uint8_t bytes[8];
	unsigned n;
} Expect;

static void check_both_ways(const ConvField *l, const void *host, void *back, size_t host_size,
                            size_t guest_size, const Expect *e, unsigned ne)
{
	uint8_t g[512];
	memset(g, 0xee, sizeof g);
	ck_assert_uint_eq(conv_layout_size(&abi_be32, l), guest_size);
	conv_encode(&abi_be32, l, host, g);
	for (unsigned i = 0; i < ne; i++)
		ck_assert_mem_eq(g + e[i].off, e[i].bytes, e[i].n);
	memset(back, 0, host_size);
	conv_decode(&abi_be32, l, g, back);
	uint8_t again[512];
	conv_encode(&abi_be32, l, back, again);
	ck_assert_mem_eq(g, again, guest_size);
}

START_TEST(epoll_event_layouts)
{
	ck_assert_uint_eq(conv_layout_size(&linux_abi, conv_layout_epoll_event), 16);
	ck_assert_uint_eq(conv_field_offset(&linux_abi, conv_layout_epoll_event, 1), 8);
	ck_assert_uint_eq(sizeof(struct epoll_event), 12); /* the host packs it */
	struct epoll_event ev = {EPOLLIN | EPOLLET, {.u64 = 0x0102030405060708ull}}, back;
	const Expect e[] = {
	    {0, {0x80, 0x00, 0x00, 0x01}, 4},
	    {4, {0, 0, 0, 0}, 4}, /* padding, zeroed */
	    {8, {1, 2, 3, 4, 5, 6, 7, 8}, 8},
	};
	check_both_ways(conv_layout_epoll_event, &ev, &back, sizeof ev, 16, e, 3);
	ck_assert_uint_eq(back.events, ev.events);
	ck_assert_uint_eq(back.data.u64, ev.data.u64);
}
END_TEST

START_TEST(itimerspec_layouts)
{
	struct itimerspec its = {{1, 500000000}, {0x123456789ll, 42}}, back;
	/* time64: four 64-bit fields whatever the word size. */
	const Expect e64[] = {
	    {0, {0, 0, 0, 0, 0, 0, 0, 1}, 8},
	    {8, {0, 0, 0, 0, 0x1d, 0xcd, 0x65, 0x00}, 8},
	    {16, {0, 0, 0, 1, 0x23, 0x45, 0x67, 0x89}, 8},
	    {24, {0, 0, 0, 0, 0, 0, 0, 42}, 8},
	};
	check_both_ways(conv_layout_itimerspec64, &its, &back, sizeof its, 32, e64, 4);
	ck_assert_int_eq(back.it_value.tv_sec, 0x123456789ll);
	ck_assert_int_eq(back.it_interval.tv_nsec, 500000000);
	/* The old 32-bit time_t form is four longs. */
	ck_assert_uint_eq(conv_layout_size(&abi_be32, conv_layout_itimerspec), 16);
	ck_assert_uint_eq(conv_layout_size(&linux_abi, conv_layout_itimerspec), 32);
}
END_TEST

static void fill_perm(struct ipc_perm *p)
{
	p->__key = 0x11223344;
	p->uid = 1000;
	p->gid = 100;
	p->cuid = 0x01020304;
	p->cgid = 5;
	p->mode = 0x1ff;
	p->__seq = 0x0102;
}

START_TEST(shmid_ds_layouts)
{
	ck_assert_uint_eq(conv_layout_size(&linux_abi, conv_layout_shmid_ds(&linux_abi)), 112);
	struct shmid_ds ds, back;
	memset(&ds, 0, sizeof ds);
	fill_perm(&ds.shm_perm);
	ds.shm_segsz = 0x12345;
	ds.shm_atime = 0x180000000ll;
	ds.shm_ctime = 7;
	ds.shm_cpid = 0x4321;
	ds.shm_nattch = 3;
	const Expect e[] = {
	    {0, {0x11, 0x22, 0x33, 0x44}, 4},
	    {12, {1, 2, 3, 4}, 4},
	    {20, {0, 0, 1, 0xff}, 4},
	    {24, {1, 2, 0, 0}, 4},
	    {36, {0, 1, 0x23, 0x45}, 4},
	    {40, {0x80, 0, 0, 0, 0, 0, 0, 1}, 8},
	    {56, {0, 0, 0, 7, 0, 0, 0, 0}, 8},
	    {64, {0, 0, 0x43, 0x21}, 4},
	    {72, {0, 0, 0, 3}, 4},
	};
	check_both_ways(conv_layout_shmid64_ds_32, &ds, &back, sizeof ds, 84, e, 9);
	ck_assert_int_eq(back.shm_atime, ds.shm_atime);
	ck_assert_uint_eq(back.shm_perm.mode, 0x1ff);
	ck_assert_uint_eq(back.shm_nattch, 3);
}
END_TEST

START_TEST(msqid_ds_layouts)
{
	ck_assert_uint_eq(conv_layout_size(&linux_abi, conv_layout_msqid_ds(&linux_abi)), 120);
	struct msqid_ds ds, back;
	memset(&ds, 0, sizeof ds);
	fill_perm(&ds.msg_perm);
	ds.msg_rtime = 0x200000001ll;
	ds.__msg_cbytes = 29;
	ds.msg_qnum = 3;
	ds.msg_qbytes = 16384;
	ds.msg_lrpid = 99;
	const Expect e[] = {
	    {44, {0, 0, 0, 1, 0, 0, 0, 2}, 8}, {60, {0, 0, 0, 29}, 4}, {64, {0, 0, 0, 3}, 4},
	    {68, {0, 0, 0x40, 0}, 4},          {76, {0, 0, 0, 99}, 4},
	};
	check_both_ways(conv_layout_msqid64_ds_32, &ds, &back, sizeof ds, 88, e, 5);
	ck_assert_int_eq(back.msg_rtime, ds.msg_rtime);
	ck_assert_uint_eq(back.msg_qbytes, 16384);
}
END_TEST

START_TEST(semid_ds_layouts)
{
	ck_assert_uint_eq(conv_layout_size(&linux_abi, conv_layout_semid_ds(&linux_abi)), 88);
	/* sem_otime follows the 48-byte ipc64_perm (its ten fields). */
	ck_assert_uint_eq(conv_field_offset(&linux_abi, conv_layout_semid64_ds_64, 10), 48);
	struct semid_ds ds, back;
	memset(&ds, 0, sizeof ds);
	fill_perm(&ds.sem_perm);
	ds.sem_otime = 0x100000002ll;
	ds.sem_nsems = 2;
	const Expect e[] = {
	    {36, {0, 0, 0, 2, 0, 0, 0, 1}, 8},
	    {52, {0, 0, 0, 2}, 4},
	};
	check_both_ways(conv_layout_semid64_ds_32, &ds, &back, sizeof ds, 64, e, 2);
	ck_assert_int_eq(back.sem_otime, ds.sem_otime);
	ck_assert_uint_eq(back.sem_nsems, 2);
}
END_TEST

START_TEST(loop_info64_layout)
{
	ck_assert_uint_eq(conv_layout_size(&linux_abi, conv_layout_loop_info64), 232);
	struct loop_info64 li, back;
	memset(&li, 0, sizeof li);
	li.lo_offset = 0x1000;
	li.lo_number = 7;
	li.lo_flags = LO_FLAGS_READ_ONLY;
	strcpy((char *)li.lo_file_name, "/tmp/image");
	li.lo_init[1] = 0xabcdef;
	const Expect e[] = {
	    {24, {0, 0, 0, 0, 0, 0, 0x10, 0}, 8},
	    {40, {0, 0, 0, 7}, 4},
	    {52, {0, 0, 0, 1}, 4},
	    {56, {'/', 't', 'm', 'p', '/', 'i', 'm', 'a'}, 8},
	    {224, {0, 0, 0, 0, 0, 0xab, 0xcd, 0xef}, 8},
	};
	check_both_ways(conv_layout_loop_info64, &li, &back, sizeof li, 232, e, 5);
	ck_assert_mem_eq(&li, &back, sizeof li);
}
END_TEST

/* A 32-bit guest's stat64 has room for any inode number and size: nothing to overflow. */
START_TEST(stat64_never_overflows)
{
	struct stat st, back;
	memset(&st, 0, sizeof st);
	st.st_ino = 0x123456789abcull;
	st.st_size = 0x7fffffff12ll;
	st.st_blocks = 0x100000000ll;
	st.st_mode = 0100644;
	const Expect e[] = {
	    {8, {0, 0, 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc}, 8},
	    {16, {0, 0, 0x81, 0xa4}, 4},
	    {48, {0, 0, 0, 0x7f, 0xff, 0xff, 0xff, 0x12}, 8},
	    {64, {0, 0, 0, 1, 0, 0, 0, 0}, 8},
	};
	check_both_ways(conv_layout_stat64, &st, &back, sizeof st, 104, e, 4);
	ck_assert_uint_eq(back.st_ino, st.st_ino);
	ck_assert_int_eq(back.st_size, st.st_size);
}
END_TEST

START_TEST(sembuf_and_flags)
{
	ck_assert_uint_eq(conv_layout_size(&abi_be32, conv_layout_sembuf), 6);
	struct sembuf op = {1, -2, IPC_NOWAIT}, back;
	const Expect e[] = {{0, {0, 1, 0xff, 0xfe, 0x08, 0x00}, 6}};
	check_both_ways(conv_layout_sembuf, &op, &back, sizeof op, 6, e, 1);
	ck_assert_int_eq(back.sem_op, -2);
	ck_assert_int_eq(conv_fd_flags_to_host(&linux_abi, 02000000 | 04000 | 1, EFD_SEMAPHORE),
	                 O_CLOEXEC | O_NONBLOCK | EFD_SEMAPHORE);
	ck_assert_int_eq(conv_fd_flags_to_host(&linux_abi, 2, EFD_SEMAPHORE), -EINVAL);
}
END_TEST

START_TEST(inotify_stream_big_endian)
{
	uint8_t buf[48] __attribute__((aligned(8)));
	struct inotify_event *a = (struct inotify_event *)buf;
	a->wd = 1;
	a->mask = IN_CREATE;
	a->cookie = 0;
	a->len = 16;
	memcpy(buf + 16, "file.txt\0\0\0\0\0\0\0\0", 16);
	struct inotify_event *b = (struct inotify_event *)(buf + 32);
	b->wd = 2;
	b->mask = IN_DELETE;
	b->cookie = 0x01020304;
	b->len = 0;
	uint8_t le[48];
	memcpy(le, buf, sizeof buf);
	ck_assert_int_eq(conv_inotify_events_to_guest(&linux_abi, buf, sizeof buf), 0);
	ck_assert_mem_eq(buf, le, sizeof buf); /* little-endian guests read it as it is */
	ck_assert_int_eq(conv_inotify_events_to_guest(&abi_be32, buf, sizeof buf), 0);
	const uint8_t want[] = {0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 16};
	ck_assert_mem_eq(buf, want, sizeof want);
	ck_assert_mem_eq(buf + 16, "file.txt", 8);
	const uint8_t want_b[] = {0, 0, 0, 2, 0, 0, 2, 0, 1, 2, 3, 4, 0, 0, 0, 0};
	ck_assert_mem_eq(buf + 32, want_b, sizeof want_b);
	ck_assert_int_eq(conv_inotify_events_to_guest(&abi_be32, buf, 40), -EIO);
}
END_TEST

/* ---- SysV attaches in guest memory ---- */

typedef struct ShmSeen {
	uint64_t start, end;
	int prot;
	bool named;
} ShmSeen;

static int find_sysv(void *opaque, uint64_t start, uint64_t end, int prot, const char *name)
{
	ShmSeen *s = opaque;
	if (name && strncmp(name, "/SYSV", 5) == 0) {
		s->start = start;
		s->end = end;
		s->prot = prot;
		s->named = true;
		return 1;
	}
	return 0;
}

static void shm_cycle(unsigned va_bits)
{
	GuestMem *m = gmem_new(va_bits);
	ck_assert_ptr_nonnull(m);
	long page = sysconf(_SC_PAGESIZE);
	int id = shmget(IPC_PRIVATE, 3 * page - 100, IPC_CREAT | 0600);
	ck_assert_int_ge(id, 0);
	uint64_t size = 0;
	int64_t g = gmem_shmat(m, id, 0, 0, &size);
	ck_assert_int_gt(g, 0);
	ck_assert_uint_eq(size, 3 * page);
	ck_assert(gmem_access_ok(m, (uint64_t)g, size, PROT_READ | PROT_WRITE));
	ShmSeen seen = {0};
	gmem_visit(m, find_sysv, &seen);
	ck_assert(seen.named);
	ck_assert_uint_eq(seen.start, (uint64_t)g);
	ck_assert_uint_eq(seen.end, (uint64_t)g + size);
	/* A second attach at the same address must ask for SHM_REMAP; a rounded one
	 * lands there read-only and shares the bytes. */
	ck_assert_int_eq(gmem_shmat(m, id, (uint64_t)g, 0, NULL), -EINVAL);
	ck_assert_int_eq(gmem_shmat(m, id, (uint64_t)g + 5, 0, NULL), -EINVAL);
	memcpy(gmem_g2h(m, (uint64_t)g), "shared", 7);
	ck_assert_int_eq(gmem_shmdt(m, (uint64_t)g + page, NULL), -EINVAL);
	ck_assert_int_eq(gmem_shmdt(m, (uint64_t)g, NULL), 0);
	ck_assert(!gmem_access_ok(m, (uint64_t)g, 1, 0));
	ck_assert_int_eq(gmem_shmat(m, id, (uint64_t)g + 5, SHM_RND | SHM_RDONLY, NULL), g);
	ck_assert(gmem_access_ok(m, (uint64_t)g, size, PROT_READ));
	ck_assert(!gmem_access_ok(m, (uint64_t)g, 1, PROT_WRITE));
	ck_assert_str_eq(gmem_g2h(m, (uint64_t)g), "shared");
	/* munmap sees the attach like any mapping. */
	ck_assert_int_eq(gmem_munmap(m, (uint64_t)g + page, page), 0);
	ck_assert(!gmem_access_ok(m, (uint64_t)g + page, 1, 0));
	ck_assert_int_eq(gmem_shmdt(m, (uint64_t)g, &size), 0);
	ck_assert(!gmem_access_ok(m, (uint64_t)g + 2 * page, 1, 0));
	ck_assert_int_eq(gmem_shmat(m, id, 0, SHM_REMAP, NULL), -EINVAL);
	shmctl(id, IPC_RMID, NULL);
	gmem_free(m);
}

START_TEST(shmat_direct_layout)
{
	shm_cycle(47);
}
END_TEST

START_TEST(shmat_window_layout)
{
	shm_cycle(32);
}
END_TEST

/* ---- epoll through the syscall layer ---- */

enum { NR_EPOLL_CREATE1 = 20, NR_EPOLL_CTL = 21, NR_EPOLL_PWAIT = 22, NR_EVENTFD2 = 19 };

START_TEST(epoll_events_reach_guest_16_bytes)
{
	GuestMem *m = gmem_new(linux_abi.va_bits);
	int64_t s =
	    gmem_mmap(m, 0, 65536, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ck_assert_int_gt(s, 0);
	uint64_t scratch = (uint64_t)s;
	LinuxProcInit init = {.exe_path = "/bin/true", .start_brk = scratch + 65536};
	LinuxProc *p = linux_proc_new(&linux_abi, m, &init);
	RiscvCpu cpu;
	memset(&cpu, 0, sizeof cpu);
	linux_abi.cpu_init(&cpu.common, 0x10000, scratch + 65536);
	cpu.common.guest_base = gmem_base(m);
#define CALL(nr, a0, a1, a2, a3, a4, a5)                                                           \
	(cpu.x[10] = (a0), cpu.x[11] = (a1), cpu.x[12] = (a2), cpu.x[13] = (a3), cpu.x[14] = (a4), \
	 cpu.x[15] = (a5), cpu.x[17] = (nr), linux_syscall(p, &cpu.common), (int64_t)cpu.x[10])
	int64_t ep = CALL(NR_EPOLL_CREATE1, 0, 0, 0, 0, 0, 0);
	int64_t efd = CALL(NR_EVENTFD2, 1, 0, 0, 0, 0, 0);
	ck_assert_int_ge(ep, 0);
	ck_assert_int_ge(efd, 0);
	uint8_t ev[16] = {0};
	conv_store(&linux_abi, ev, 4, EPOLLIN);
	conv_store(&linux_abi, ev + 8, 8, 0xfeedface12345678ull);
	gmem_write(m, scratch, ev, sizeof ev);
	ck_assert_int_eq(CALL(NR_EPOLL_CTL, ep, EPOLL_CTL_ADD, efd, scratch, 0, 0), 0);
	ck_assert_int_eq(CALL(NR_EPOLL_CTL, ep, EPOLL_CTL_ADD, efd, 0x1000, 0, 0), -EFAULT);
	memset(gmem_g2h(m, scratch + 256), 0xaa, 64);
	ck_assert_int_eq(CALL(NR_EPOLL_PWAIT, ep, scratch + 256, 4, 0, 0, 0), 1);
	uint8_t out[16];
	gmem_read(m, scratch + 256, out, sizeof out);
	ck_assert_uint_eq(conv_load(&linux_abi, out, 4), EPOLLIN);
	ck_assert_uint_eq(conv_load(&linux_abi, out + 4, 4), 0);
	ck_assert_uint_eq(conv_load(&linux_abi, out + 8, 8), 0xfeedface12345678ull);
	ck_assert_uint_eq(((uint8_t *)gmem_g2h(m, scratch + 256))[16], 0xaa);
	ck_assert_int_eq(CALL(NR_EPOLL_PWAIT, ep, scratch + 256, 0, 0, 0, 0), -EINVAL);
	ck_assert_int_eq(CALL(NR_EPOLL_PWAIT, ep, 0x1000, 1, 0, 0, 0), -EFAULT);
	ck_assert_int_eq(CALL(NR_EPOLL_PWAIT, ep, scratch + 256, 1, 0, scratch, 4), -EINVAL);
#undef CALL
	close((int)efd);
	close((int)ep);
	gmem_free(m);
}
END_TEST

Suite *io_conv_suite(void)
{
	Suite *s = suite_create("io_conv");
	TCase *c = tcase_create("layouts");
	tcase_add_test(c, epoll_event_layouts);
	tcase_add_test(c, itimerspec_layouts);
	tcase_add_test(c, shmid_ds_layouts);
	tcase_add_test(c, msqid_ds_layouts);
	tcase_add_test(c, semid_ds_layouts);
	tcase_add_test(c, loop_info64_layout);
	tcase_add_test(c, stat64_never_overflows);
	tcase_add_test(c, sembuf_and_flags);
	tcase_add_test(c, inotify_stream_big_endian);
	suite_add_tcase(s, c);
	TCase *g = tcase_create("shm_and_epoll");
	tcase_add_test(g, shmat_direct_layout);
	tcase_add_test(g, shmat_window_layout);
	tcase_add_test(g, epoll_events_reach_guest_16_bytes);
	suite_add_tcase(s, g);
	return s;
}
