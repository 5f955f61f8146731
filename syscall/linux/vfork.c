/*
 * What clone with CLONE_VFORK promises the parent, on top of the fork that fork.c makes.
 * The child runs on a copy of the memory, yet C libraries count on the parent seeing
 * some of its writes: glibc's posix_spawn child stores the errno of a failed exec (or
 * file action) in a structure on the parent's stack before _exit(127), and the parent
 * reads it once it runs again; without it a spawn of a missing program "succeeds".
 *
 * So the parent thread waits, as vfork makes it, until the child has exec'ed or ended,
 * and a child that ends sends back the bytes it changed in the parent thread's stack:
 * from the stack pointer at the clone up to the end of that writable range (at most
 * VFORK_STACK_MAX), the caller's frames the vfork contract lets the child write. The
 * child compares against a copy taken before it ran any guest code, so bytes it did not
 * write are never sent. Writes elsewhere (heap, globals) stay the child's own.
 *
 * The channel is a close-on-exec pipe: a successful exec closes the child's write end,
 * as does its end; before ending, the child writes {guest address, length} records, each
 * followed by the bytes. The parent applies them and goes on at end of file. The write
 * end sits at VFORK_FD_FLOOR or above, out of the way of the descriptors the child sets
 * up, and close and close_range pass over it (exec.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "syscall/linux/proc_state.h"
#include "syscall/linux/vfork.h"

enum {
	VFORK_STACK_MAX = 1 << 20,
	VFORK_FD_FLOOR = 256,
	/* unchanged bytes shorter than this between two changed runs go in one record */
	VFORK_MERGE_GAP = 16,
};

typedef struct VforkRecord {
	uint64_t addr;
	uint64_t len;
} VforkRecord;

/* The child's side; fd is -1 in every process that is not a vfork child. */
static struct {
	int fd;
	uint64_t start;
	size_t len;
	uint8_t *snap;
} vfork_child = {.fd = -1};

/* fd moved to VFORK_FD_FLOOR or above when the limit allows, close-on-exec either way */
static int move_high(int fd)
{
	int high = fcntl(fd, F_DUPFD_CLOEXEC, VFORK_FD_FLOOR);
	if (high < 0)
		return fd;
	close(fd);
	return high;
}

int linux_vfork_prepare(int fds[2])
{
	if (pipe2(fds, O_CLOEXEC) < 0)
		return -errno;
	fds[1] = move_high(fds[1]);
	return 0;
}

typedef struct StackEnd {
	uint64_t at; /* the end of the writable ranges that continue from here */
} StackEnd;

static int find_stack_end(void *opaque, uint64_t start, uint64_t end, int prot, const char *name)
{
	StackEnd *s = opaque;
	if (end <= s->at)
		return 0;
	if (start > s->at || !(prot & PROT_WRITE))
		return 1;
	s->at = end;
	return 0;
}

void linux_vfork_child_start(LinuxProc *p, uint64_t sp, int fd)
{
	vfork_child.fd = fd;
	StackEnd s = {sp};
	gmem_visit(p->mem, find_stack_end, &s);
	size_t len = s.at - sp < VFORK_STACK_MAX ? (size_t)(s.at - sp) : VFORK_STACK_MAX;
	vfork_child.start = sp;
	vfork_child.snap = len ? malloc(len) : NULL;
	if (vfork_child.snap && gmem_read(p->mem, sp, vfork_child.snap, len) == 0) {
		vfork_child.len = len;
	} else {
		free(vfork_child.snap);
		vfork_child.snap = NULL;
		vfork_child.len = 0;
	}
}

void linux_vfork_forget(void)
{
	if (vfork_child.fd < 0)
		return;
	close(vfork_child.fd);
	vfork_child.fd = -1;
	free(vfork_child.snap);
	vfork_child.snap = NULL;
	vfork_child.len = 0;
}

bool linux_vfork_fd_reserved(int fd)
{
	return fd >= 0 && fd == vfork_child.fd;
}

int linux_vfork_fd(void)
{
	return vfork_child.fd;
}

static bool write_all(int fd, const void *buf, size_t len)
{
	const uint8_t *b = buf;
	while (len) {
		ssize_t n = write(fd, b, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		b += n;
		len -= (size_t)n;
	}
	return true;
}

void linux_vfork_child_end(LinuxProc *p)
{
	if (vfork_child.fd < 0)
		return;
	const uint8_t *now = vfork_child.len ? gmem_g2h(p->mem, vfork_child.start) : NULL;
	if (now && !gmem_access_ok(p->mem, vfork_child.start, vfork_child.len, PROT_READ))
		now = NULL;
	size_t i = 0;
	while (now && i < vfork_child.len) {
		if (now[i] == vfork_child.snap[i]) {
			i++;
			continue;
		}
		size_t end = i + 1, same = 0;
		for (size_t j = end; j < vfork_child.len && same < VFORK_MERGE_GAP; j++) {
			if (now[j] != vfork_child.snap[j]) {
				end = j + 1;
				same = 0;
			} else {
				same++;
			}
		}
		VforkRecord r = {vfork_child.start + i, end - i};
		if (!write_all(vfork_child.fd, &r, sizeof r) ||
		    !write_all(vfork_child.fd, now + i, end - i))
			break;
		i = end;
	}
	close(vfork_child.fd);
	vfork_child.fd = -1;
}

static bool read_all(int fd, void *buf, size_t len)
{
	uint8_t *b = buf;
	while (len) {
		ssize_t n = read(fd, b, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		b += n;
		len -= (size_t)n;
	}
	return true;
}

void linux_vfork_wait(LinuxProc *p, int fd)
{
	VforkRecord r;
	uint8_t *buf = NULL;
	while (read_all(fd, &r, sizeof r) && r.len && r.len <= VFORK_STACK_MAX) {
		uint8_t *grown = realloc(buf, r.len);
		if (!grown || !read_all(fd, grown, r.len)) {
			buf = grown ? grown : buf;
			break;
		}
		buf = grown;
		/* the parent may have unmapped the range meanwhile: then the bytes have no home */
		gmem_write(p->mem, r.addr, buf, r.len);
	}
	free(buf);
	/* whatever stopped the records, the child's exec or end is what releases the parent */
	for (;;) {
		char c;
		ssize_t n = read(fd, &c, 1);
		if (n == 0 || (n < 0 && errno != EINTR))
			break;
	}
	close(fd);
}
