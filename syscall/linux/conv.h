/*
 * The one place where guest and host Linux data meet: struct layouts and flag words
 * converted between the guest ABI (its word size and byte order, from LinuxAbi) and the
 * x86-64 host. A guest struct is described by a ConvField list (guest type of each field
 * and the host field it comes from); guest offsets follow from natural alignment, so a
 * layout written once serves 64- and 32-bit, little- and big-endian guests. Handlers call
 * the typed conv_put_* / conv_get_* wrappers and never touch guest bytes themselves.
 */
#ifndef FERRY_CONV_H
#define FERRY_CONV_H

#include <linux/loop.h>
#include <poll.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <fcntl.h>
#include <signal.h>
#include <time.h>

#include "common/guest_mem.h"
#include "syscall/abi/abi.h"

typedef enum ConvType {
	CT_END = 0,
	CT_U8,
	CT_U16,
	CT_U32,
	CT_S32,
	CT_U64,
	CT_S64,
	CT_ULONG, /* the guest's unsigned long / pointer / size_t */
	CT_SLONG, /* the guest's long */
	CT_BYTES, /* `count` bytes copied as they are */
} ConvType;

typedef struct ConvField {
	uint8_t type;      /* ConvType of the guest field */
	uint8_t host_size; /* 0: no host counterpart (guest padding, written as zero) */
	bool host_signed;
	uint16_t count; /* CT_BYTES only */
	uint16_t host_off;
} ConvField;

/* The kernel's struct termios (not glibc's), which TCGETS/TCSETS exchange. */
#define CONV_NCCS 19
typedef struct HostKTermios {
	uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
	uint8_t c_line;
	uint8_t c_cc[CONV_NCCS];
} HostKTermios;

/* Guest structs whose host side is plain data, not a host kernel struct. */
typedef struct ConvSigAction {
	uint64_t handler, flags, restorer, mask;
} ConvSigAction;
typedef struct ConvIovec {
	uint64_t base, len;
} ConvIovec;
typedef struct ConvStack {
	uint64_t sp;
	int32_t flags;
	uint64_t size;
} ConvStack;

/* capget/capset: struct __user_cap_header_struct and one __user_cap_data_struct per
 * 32 capabilities. */
typedef struct ConvCapHeader {
	uint32_t version;
	int32_t pid;
} ConvCapHeader;
typedef struct ConvCapData {
	uint32_t effective, permitted, inheritable;
} ConvCapData;

/* A siginfo in neutral form: guest signal numbers and guest addresses. Which fields mean
 * something follows from signo and code, as the kernel's siginfo layouts decide. */
typedef struct ConvSigInfo {
	int32_t signo, err, code;
	int32_t pid, timer_id, status, fd;
	uint32_t uid, overrun;
	uint64_t value; /* sigval (as a word), fault address, or poll band */
	int64_t utime, stime;
} ConvSigInfo;
#define CONV_SIGINFO_SIZE 128

/* Layouts, exported for the unit tests. */
extern const ConvField conv_layout_stat[];
extern const ConvField conv_layout_termios[];
extern const ConvField conv_layout_iovec[];

size_t conv_layout_size(const LinuxAbi *abi, const ConvField *l);
size_t conv_field_offset(const LinuxAbi *abi, const ConvField *l, unsigned index);
/* Host struct -> guest bytes (conv_layout_size of them) and back. */
void conv_encode(const LinuxAbi *abi, const ConvField *l, const void *host, void *guest);
void conv_decode(const LinuxAbi *abi, const ConvField *l, const void *guest, void *host);
/* The same through guest memory: 0 or -EFAULT. */
int conv_put(const LinuxAbi *abi, GuestMem *m, uint64_t addr, const ConvField *l, const void *host);
int conv_get(const LinuxAbi *abi, GuestMem *m, uint64_t addr, const ConvField *l, void *host);

/* Converts `len` bytes of `l`-shaped data from one ABI's layout to another's (guest to
 * host or back; the host is conv_host_abi). With `repeat` the bytes are an array of
 * elements. Fields that lie wholly within `len` are converted; the bytes after the last
 * of them are copied as they are, so a short value (a one-byte option, a sockaddr_un
 * with a short path) keeps its bytes. Returns the destination length; dst NULL only
 * measures. dst may equal src when the layouts have the same offsets in both ABIs. */
size_t conv_transcode(const LinuxAbi *from, const LinuxAbi *to, const ConvField *l, const void *src,
                      size_t len, void *dst, bool repeat);
/* The host (x86-64) as a LinuxAbi, for conv_transcode. */
extern const LinuxAbi conv_host_abi;

/* Scalars in guest byte order. */
uint64_t conv_load(const LinuxAbi *abi, const void *guest, unsigned size);
void conv_store(const LinuxAbi *abi, void *guest, unsigned size, uint64_t v);
int conv_put_u32(const LinuxAbi *abi, GuestMem *m, uint64_t addr, uint32_t v);
int conv_get_u32(const LinuxAbi *abi, GuestMem *m, uint64_t addr, uint32_t *v);
int conv_put_u64(const LinuxAbi *abi, GuestMem *m, uint64_t addr, uint64_t v);
int conv_get_u64(const LinuxAbi *abi, GuestMem *m, uint64_t addr, uint64_t *v);
int conv_put_word(const LinuxAbi *abi, GuestMem *m, uint64_t addr, uint64_t v);
int conv_get_word(const LinuxAbi *abi, GuestMem *m, uint64_t addr, uint64_t *v);
static inline unsigned conv_word_bytes(const LinuxAbi *abi)
{
	return abi->word_bits / 8;
}

/* Typed wrappers. */
int conv_put_stat(const LinuxAbi *abi, GuestMem *m, uint64_t addr, const struct stat *st);
int conv_put_statx(const LinuxAbi *abi, GuestMem *m, uint64_t addr, const struct statx *st);
int conv_put_statfs(const LinuxAbi *abi, GuestMem *m, uint64_t addr, const struct statfs *st);
int conv_put_timespec(const LinuxAbi *abi, GuestMem *m, uint64_t addr, const struct timespec *t);
int conv_get_timespec(const LinuxAbi *abi, GuestMem *m, uint64_t addr, struct timespec *t);
int conv_put_timeval(const LinuxAbi *abi, GuestMem *m, uint64_t addr, const struct timeval *t);
int conv_put_timezone(const LinuxAbi *abi, GuestMem *m, uint64_t addr, const struct timezone *t);
int conv_put_rlimit(const LinuxAbi *abi, GuestMem *m, uint64_t addr, const struct rlimit *r);
int conv_get_rlimit(const LinuxAbi *abi, GuestMem *m, uint64_t addr, struct rlimit *r);
int conv_put_rlimit64(const LinuxAbi *abi, GuestMem *m, uint64_t addr, const struct rlimit *r);
int conv_get_rlimit64(const LinuxAbi *abi, GuestMem *m, uint64_t addr, struct rlimit *r);
int conv_put_sysinfo(const LinuxAbi *abi, GuestMem *m, uint64_t addr, const struct sysinfo *s);
int conv_put_rusage(const LinuxAbi *abi, GuestMem *m, uint64_t addr, const struct rusage *r);
int conv_put_tms(const LinuxAbi *abi, GuestMem *m, uint64_t addr, const struct tms *t);
int conv_put_utsname(const LinuxAbi *abi, GuestMem *m, uint64_t addr, const struct utsname *u);
int conv_put_termios(const LinuxAbi *abi, GuestMem *m, uint64_t addr, const HostKTermios *t);
int conv_get_termios(const LinuxAbi *abi, GuestMem *m, uint64_t addr, HostKTermios *t);
int conv_put_winsize(const LinuxAbi *abi, GuestMem *m, uint64_t addr, const struct winsize *w);
int conv_get_winsize(const LinuxAbi *abi, GuestMem *m, uint64_t addr, struct winsize *w);
int conv_put_flock(const LinuxAbi *abi, GuestMem *m, uint64_t addr, const struct flock *f);
int conv_get_flock(const LinuxAbi *abi, GuestMem *m, uint64_t addr, struct flock *f);
int conv_put_sigaction(const LinuxAbi *abi, GuestMem *m, uint64_t addr, const ConvSigAction *s);
int conv_get_sigaction(const LinuxAbi *abi, GuestMem *m, uint64_t addr, ConvSigAction *s);
int conv_put_stack(const LinuxAbi *abi, GuestMem *m, uint64_t addr, const ConvStack *s);
int conv_get_stack(const LinuxAbi *abi, GuestMem *m, uint64_t addr, ConvStack *s);
/* A kernel sigset of 64 signals: one 64-bit word, or two 32-bit words low first. */
int conv_put_sigset(const LinuxAbi *abi, GuestMem *m, uint64_t addr, uint64_t set);
int conv_get_sigset(const LinuxAbi *abi, GuestMem *m, uint64_t addr, uint64_t *set);

int conv_put_itimerval(const LinuxAbi *abi, GuestMem *m, uint64_t addr, const struct itimerval *v);
int conv_get_itimerval(const LinuxAbi *abi, GuestMem *m, uint64_t addr, struct itimerval *v);

/* siginfo (conv_signal.c). The host conversions only copy fields, so the host signal
 * handler may call them; guest_base turns host fault addresses into guest ones. */
void conv_encode_siginfo(const LinuxAbi *abi, const ConvSigInfo *si, uint8_t *guest);
void conv_decode_siginfo(const LinuxAbi *abi, const uint8_t *guest, ConvSigInfo *si);
void conv_siginfo_from_host(const siginfo_t *h, uintptr_t guest_base, ConvSigInfo *si);
void conv_siginfo_to_host(const ConvSigInfo *si, siginfo_t *h);
int conv_put_siginfo(const LinuxAbi *abi, GuestMem *m, uint64_t addr, const ConvSigInfo *si);
int conv_get_siginfo(const LinuxAbi *abi, GuestMem *m, uint64_t addr, ConvSigInfo *si);

/* Arrays. */
int conv_get_pollfds(const LinuxAbi *abi, GuestMem *m, uint64_t addr, struct pollfd *fds,
                     unsigned n);
int conv_put_pollfds(const LinuxAbi *abi, GuestMem *m, uint64_t addr, const struct pollfd *fds,
                     unsigned n);
/* A guest fd_set (an array of guest longs) of `nfds` bits. */
int conv_get_fdset(const LinuxAbi *abi, GuestMem *m, uint64_t addr, fd_set *s, int nfds);
int conv_put_fdset(const LinuxAbi *abi, GuestMem *m, uint64_t addr, const fd_set *s, int nfds);
/* A bitmap of guest longs (CPU sets) from host bytes: `len` bytes. */
int conv_put_bitmap(const LinuxAbi *abi, GuestMem *m, uint64_t addr, const void *host, size_t len);
/* The reverse: `len` bytes of host bitmap from guest longs (len a multiple of the word). */
int conv_get_bitmap(const LinuxAbi *abi, GuestMem *m, uint64_t addr, void *host, size_t len);
/* Guest iovec array -> host iovecs pointing into guest memory, each buffer checked
 * for `prot` (PROT_WRITE for reads into the guest). */
int conv_get_iovecs(const LinuxAbi *abi, GuestMem *m, uint64_t addr, unsigned n, int prot,
                    struct iovec *out);
/* Guest iovecs describing another process's memory: converted but neither checked nor
 * translated (only meaningful where guest addresses are host addresses). */
int conv_get_remote_iovecs(const LinuxAbi *abi, GuestMem *m, uint64_t addr, unsigned n,
                           struct iovec *out);
/* Host getdents64 records (`len` bytes) -> the guest buffer. */
int conv_put_dirents(const LinuxAbi *abi, GuestMem *m, uint64_t addr, const void *host, size_t len);

/* Flag words. */
uint32_t conv_flags_to_host(const LinuxFlagMap *map, uint32_t guest);
uint32_t conv_flags_to_guest(const LinuxFlagMap *map, uint32_t host);
int conv_open_flags_to_host(const LinuxAbi *abi, uint32_t guest);
uint32_t conv_open_flags_to_guest(const LinuxAbi *abi, int host);
int conv_mmap_flags_to_host(const LinuxAbi *abi, uint32_t guest);
int conv_prot_to_host(const LinuxAbi *abi, uint32_t guest);
const LinuxFlagMap *conv_open_flag_map(const LinuxAbi *abi);

/* conv_io.c: I/O multiplexing, timers, SysV IPC, loop devices, capabilities. */
extern const ConvField conv_layout_epoll_event[];
extern const ConvField conv_layout_itimerspec[];
extern const ConvField conv_layout_itimerspec64[];
extern const ConvField conv_layout_shmid64_ds_64[], conv_layout_shmid64_ds_32[];
extern const ConvField conv_layout_semid64_ds_64[], conv_layout_semid64_ds_32[];
extern const ConvField conv_layout_msqid64_ds_64[], conv_layout_msqid64_ds_32[];
extern const ConvField conv_layout_sembuf[];
extern const ConvField conv_layout_loop_info64[];
extern const ConvField conv_layout_stat64[];
/* The IPC *64_ds layout for the guest's word size. */
const ConvField *conv_layout_shmid_ds(const LinuxAbi *abi);
const ConvField *conv_layout_semid_ds(const LinuxAbi *abi);
const ConvField *conv_layout_msqid_ds(const LinuxAbi *abi);

int conv_put_itimerspec(const LinuxAbi *abi, GuestMem *m, uint64_t addr, const struct itimerspec *v);
int conv_get_itimerspec(const LinuxAbi *abi, GuestMem *m, uint64_t addr, struct itimerspec *v);
int conv_put_loop_info64(const LinuxAbi *abi, GuestMem *m, uint64_t addr,
                         const struct loop_info64 *v);
int conv_get_loop_info64(const LinuxAbi *abi, GuestMem *m, uint64_t addr, struct loop_info64 *v);
int conv_put_cap_header(const LinuxAbi *abi, GuestMem *m, uint64_t addr, const ConvCapHeader *v);
int conv_get_cap_header(const LinuxAbi *abi, GuestMem *m, uint64_t addr, ConvCapHeader *v);
int conv_put_cap_data(const LinuxAbi *abi, GuestMem *m, uint64_t addr, const ConvCapData *d,
                      unsigned n);
int conv_get_cap_data(const LinuxAbi *abi, GuestMem *m, uint64_t addr, ConvCapData *d, unsigned n);
int conv_put_stat64(const LinuxAbi *abi, GuestMem *m, uint64_t addr, const struct stat *st);
int conv_put_shmid_ds(const LinuxAbi *abi, GuestMem *m, uint64_t addr, const struct shmid_ds *v);
int conv_get_shmid_ds(const LinuxAbi *abi, GuestMem *m, uint64_t addr, struct shmid_ds *v);
int conv_put_semid_ds(const LinuxAbi *abi, GuestMem *m, uint64_t addr, const struct semid_ds *v);
int conv_get_semid_ds(const LinuxAbi *abi, GuestMem *m, uint64_t addr, struct semid_ds *v);
int conv_put_msqid_ds(const LinuxAbi *abi, GuestMem *m, uint64_t addr, const struct msqid_ds *v);
int conv_get_msqid_ds(const LinuxAbi *abi, GuestMem *m, uint64_t addr, struct msqid_ds *v);
int conv_put_shminfo(const LinuxAbi *abi, GuestMem *m, uint64_t addr, const struct shminfo *v);
int conv_put_shm_info(const LinuxAbi *abi, GuestMem *m, uint64_t addr, const struct shm_info *v);
int conv_put_msginfo(const LinuxAbi *abi, GuestMem *m, uint64_t addr, const struct msginfo *v);
int conv_put_seminfo(const LinuxAbi *abi, GuestMem *m, uint64_t addr, const struct seminfo *v);
int conv_get_epoll_events(const LinuxAbi *abi, GuestMem *m, uint64_t addr,
                          struct epoll_event *ev, unsigned n);
int conv_put_epoll_events(const LinuxAbi *abi, GuestMem *m, uint64_t addr,
                          const struct epoll_event *ev, unsigned n);
int conv_get_sembufs(const LinuxAbi *abi, GuestMem *m, uint64_t addr, struct sembuf *ops,
                     unsigned n);
/* Arrays of unsigned short (semctl GETALL/SETALL) in guest byte order. */
int conv_get_u16s(const LinuxAbi *abi, GuestMem *m, uint64_t addr, uint16_t *v, unsigned n);
int conv_put_u16s(const LinuxAbi *abi, GuestMem *m, uint64_t addr, const uint16_t *v, unsigned n);
/* The flags argument of the calls that create descriptors (eventfd2, timerfd_create,
 * inotify_init1, epoll_create1, memfd_create...): the guest's O_CLOEXEC and O_NONBLOCK
 * become the host's, `same` bits (valued alike on every ABI) pass as they are; any
 * other bit is -EINVAL, as the kernel says. */
int conv_fd_flags_to_host(const LinuxAbi *abi, uint32_t guest, uint32_t same);
/* struct __kernel_timespec (64-bit fields on every ABI). */
int conv_get_kernel_timespec(const LinuxAbi *abi, GuestMem *m, uint64_t addr, struct timespec *t);
int conv_put_kernel_timespec(const LinuxAbi *abi, GuestMem *m, uint64_t addr,
                             const struct timespec *t);
/* Descriptors whose read() yields kernel structs hand the guest host-order integers:
 * inotify events (s32/u32 fields), eventfd and timerfd counters (u64), signalfd_siginfo.
 * Word size does not change those layouts, so little-endian guests read them as they
 * are; a big-endian guest needs each record's integers swapped after the read. This
 * does it for a buffer of inotify events in place (-EIO for a malformed buffer). */
int conv_inotify_events_to_guest(const LinuxAbi *abi, void *buf, size_t len);
#include "syscall/linux/conv_net.h"

#endif
