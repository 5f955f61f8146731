/*
 * The guest's view of its address space in user mode: host address = guest address +
 * base. GuestMem keeps the map of guest mappings (address ranges with their protection),
 * so system calls can check guest pointers (-EFAULT instead of a host crash), /proc/self/maps
 * can show the guest's view, and mmap without a hint can place new mappings inside the
 * guest's address-space limit (4 GiB for 32-bit guests). Every entry point returns 0 or a
 * negative Linux errno (or a guest address, for the mapping calls, when >= 0).
 *
 * Protections use the host PROT_* values; flags use the host MAP_* values (the syscall
 * layer converts guest flag words before calling in).
 */
#ifndef FERRY_GUEST_MEM_H
#define FERRY_GUEST_MEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

typedef struct GuestMem GuestMem;

/* va_bits: width of the guest's user address space (47 for riscv64/aarch64 user mode,
 * 32 for 32-bit guests). Tries base 0 first (no translation at all); a 32-bit guest gets
 * a reserved 4 GiB window. */
GuestMem *gmem_new(unsigned va_bits);
void gmem_free(GuestMem *m);

uintptr_t gmem_base(const GuestMem *m);
uint64_t gmem_limit(const GuestMem *m);       /* one past the highest guest address */
size_t gmem_page_size(const GuestMem *m);     /* the guest page size (host page size) */

static inline void *gmem_g2h_base(uintptr_t base, uint64_t guest)
{
	return (void *)(base + (uintptr_t)guest);
}
void *gmem_g2h(const GuestMem *m, uint64_t guest);
uint64_t gmem_h2g(const GuestMem *m, const void *host);

/* Linux mmap semantics on guest addresses: addr is a hint unless MAP_FIXED or
 * MAP_FIXED_NOREPLACE; anonymous or file-backed (fd >= 0). Returns the guest address
 * or -errno. */
int64_t gmem_mmap(GuestMem *m, uint64_t addr, uint64_t len, int prot, int flags, int fd,
		  off_t offset);
int gmem_munmap(GuestMem *m, uint64_t addr, uint64_t len);
int gmem_mprotect(GuestMem *m, uint64_t addr, uint64_t len, int prot);
/* Linux mremap semantics (MREMAP_MAYMOVE, MREMAP_FIXED with new_addr). */
int64_t gmem_mremap(GuestMem *m, uint64_t old_addr, uint64_t old_len, uint64_t new_len,
		    int flags, uint64_t new_addr);

/* Linux shmat on guest addresses: attaches the host SysV segment shmid at addr (0: a
 * free place, as mmap without a hint), with SHM_RND rounding addr down to the page
 * size, SHM_RDONLY / SHM_EXEC setting the protection and SHM_REMAP replacing guest
 * mappings in the way. The attach is recorded in the guest map like any mapping (named
 * as /proc/self/maps names SysV segments), so munmap, mprotect and gmem_visit see it.
 * Returns the guest address or -errno; *size gets the attached length. */
int64_t gmem_shmat(GuestMem *m, int shmid, uint64_t addr, int shmflg, uint64_t *size);
/* Linux shmdt: detaches the segment attached at exactly addr (every piece of it left in
 * the attach's range). 0 or -EINVAL; *size gets the length of that range. */
int gmem_shmdt(GuestMem *m, uint64_t addr, uint64_t *size);

/* True when every byte of [addr, addr+len) is mapped with at least `prot`
 * (PROT_READ, PROT_WRITE, PROT_EXEC or a combination; 0 just asks "mapped"). */
bool gmem_access_ok(const GuestMem *m, uint64_t addr, uint64_t len, int prot);
/* The guest string at addr, checked readable up to and including its NUL (at most
 * max bytes). Returns the host pointer or NULL (then the caller returns -EFAULT). */
const char *gmem_str(const GuestMem *m, uint64_t addr, size_t max);

/* Copies between guest and host memory after checking access: 0 or -EFAULT. */
int gmem_read(const GuestMem *m, uint64_t addr, void *dst, size_t len);
int gmem_write(const GuestMem *m, uint64_t addr, const void *src, size_t len);

/* The guest mappings, lowest first, for /proc/self/maps and logging. `fn` returns
 * nonzero to stop. `name` is the file the range was mapped from, or NULL. */
typedef int (*GmemVisitFn)(void *opaque, uint64_t start, uint64_t end, int prot,
			   const char *name);
int gmem_visit(const GuestMem *m, GmemVisitFn fn, void *opaque);
/* Records a name for a range (the loader names program and interpreter segments). */
void gmem_set_name(GuestMem *m, uint64_t start, uint64_t len, const char *name);

/* Around a fork of a multi-threaded process: prepare holds the lock so the child never
 * inherits it held by a thread that does not exist there; the child gets a fresh one. */
void gmem_fork_prepare(GuestMem *m);
void gmem_fork_parent(GuestMem *m);
void gmem_fork_child(GuestMem *m);

#endif
