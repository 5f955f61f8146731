/*
 * The conversion module's layouts for I/O multiplexing, timers, SysV IPC, loop devices
 * and capabilities (see conv.h). Where the asm-generic ABI gives 64- and 32-bit guests
 * different declarations (the IPC *64_ds structs split times into low and high words on
 * 32-bit) both are written out and picked by the guest's word size; everything else is
 * one list. The x86-64 host side is always the glibc or uapi struct, named by field.
 */
#include <errno.h>
#include <limits.h>
#include <string.h>

#include "syscall/linux/conv.h"
#include "syscall/linux/conv_int.h"

/* struct epoll_event: x86-64 packs it to 12 bytes, every other ABI aligns the 64-bit
 * data word naturally (16 bytes on riscv64 and aarch64, 4 bytes of padding). */
const ConvField conv_layout_epoll_event[] = {
    F(CT_U32, struct epoll_event, events),
    F(CT_U64, struct epoll_event, data.u64),
    END,
};

/* struct itimerspec of the ABI's own time_t (timerfd_settime on 64-bit guests). */
const ConvField conv_layout_itimerspec[] = {
    F(CT_SLONG, struct itimerspec, it_interval.tv_sec),
    F(CT_SLONG, struct itimerspec, it_interval.tv_nsec),
    F(CT_SLONG, struct itimerspec, it_value.tv_sec),
    F(CT_SLONG, struct itimerspec, it_value.tv_nsec),
    END,
};

/* struct __kernel_itimerspec: 64-bit seconds and nanoseconds on every ABI (the *_time64
 * calls of 32-bit guests). */
const ConvField conv_layout_itimerspec64[] = {
    F(CT_S64, struct itimerspec, it_interval.tv_sec),
    F(CT_S64, struct itimerspec, it_interval.tv_nsec),
    F(CT_S64, struct itimerspec, it_value.tv_sec),
    F(CT_S64, struct itimerspec, it_value.tv_nsec),
    END,
};

/* struct ipc64_perm (asm-generic): mode is 32 bits, so there is no __pad1. */
#define IPC64_PERM(hs, p)                                                                          \
	F(CT_S32, hs, p.__key), F(CT_U32, hs, p.uid), F(CT_U32, hs, p.gid), F(CT_U32, hs, p.cuid), \
	    F(CT_U32, hs, p.cgid), F(CT_U32, hs, p.mode), F(CT_U16, hs, p.__seq), PAD(CT_U16),     \
	    PAD(CT_ULONG), PAD(CT_ULONG)
/* A time: one long on 64-bit ABIs, low and high unsigned longs on 32-bit ones. */
#define TIME64(hs, f) F(CT_SLONG, hs, f)
#define TIME32(hs, f) F_LO32(CT_ULONG, hs, f), F_HI32(CT_ULONG, hs, f)

#define SHMID_DS(TIME)                                                                             \
	IPC64_PERM(struct shmid_ds, shm_perm), F(CT_ULONG, struct shmid_ds, shm_segsz),            \
	    TIME(struct shmid_ds, shm_atime), TIME(struct shmid_ds, shm_dtime),                    \
	    TIME(struct shmid_ds, shm_ctime), F(CT_S32, struct shmid_ds, shm_cpid),                \
	    F(CT_S32, struct shmid_ds, shm_lpid), F(CT_ULONG, struct shmid_ds, shm_nattch),        \
	    PAD(CT_ULONG), PAD(CT_ULONG), END
const ConvField conv_layout_shmid64_ds_64[] = {SHMID_DS(TIME64)};
const ConvField conv_layout_shmid64_ds_32[] = {SHMID_DS(TIME32)};

#define SEMID_DS(TIME)                                                                             \
	IPC64_PERM(struct semid_ds, sem_perm), TIME(struct semid_ds, sem_otime),                   \
	    TIME(struct semid_ds, sem_ctime), F(CT_ULONG, struct semid_ds, sem_nsems),             \
	    PAD(CT_ULONG), PAD(CT_ULONG), END
const ConvField conv_layout_semid64_ds_64[] = {SEMID_DS(TIME64)};
const ConvField conv_layout_semid64_ds_32[] = {SEMID_DS(TIME32)};

#define MSQID_DS(TIME)                                                                             \
	IPC64_PERM(struct msqid_ds, msg_perm), TIME(struct msqid_ds, msg_stime),                   \
	    TIME(struct msqid_ds, msg_rtime), TIME(struct msqid_ds, msg_ctime),                    \
	    F(CT_ULONG, struct msqid_ds, __msg_cbytes), F(CT_ULONG, struct msqid_ds, msg_qnum),    \
	    F(CT_ULONG, struct msqid_ds, msg_qbytes), F(CT_S32, struct msqid_ds, msg_lspid),       \
	    F(CT_S32, struct msqid_ds, msg_lrpid), PAD(CT_ULONG), PAD(CT_ULONG), END
const ConvField conv_layout_msqid64_ds_64[] = {MSQID_DS(TIME64)};
const ConvField conv_layout_msqid64_ds_32[] = {MSQID_DS(TIME32)};

/* What IPC_INFO, SHM_INFO, MSG_INFO and SEM_INFO return instead of an *id_ds. */
static const ConvField layout_shminfo64[] = {
    F(CT_ULONG, struct shminfo, shmmax),
    F(CT_ULONG, struct shminfo, shmmin),
    F(CT_ULONG, struct shminfo, shmmni),
    F(CT_ULONG, struct shminfo, shmseg),
    F(CT_ULONG, struct shminfo, shmall),
    PAD(CT_ULONG),
    PAD(CT_ULONG),
    PAD(CT_ULONG),
    PAD(CT_ULONG),
    END,
};
static const ConvField layout_shm_info[] = {
    F(CT_S32, struct shm_info, used_ids),
    F(CT_ULONG, struct shm_info, shm_tot),
    F(CT_ULONG, struct shm_info, shm_rss),
    F(CT_ULONG, struct shm_info, shm_swp),
    F(CT_ULONG, struct shm_info, swap_attempts),
    F(CT_ULONG, struct shm_info, swap_successes),
    END,
};
static const ConvField layout_msginfo[] = {
    F(CT_S32, struct msginfo, msgpool),
    F(CT_S32, struct msginfo, msgmap),
    F(CT_S32, struct msginfo, msgmax),
    F(CT_S32, struct msginfo, msgmnb),
    F(CT_S32, struct msginfo, msgmni),
    F(CT_S32, struct msginfo, msgssz),
    F(CT_S32, struct msginfo, msgtql),
    F(CT_U16, struct msginfo, msgseg),
    END,
};
static const ConvField layout_seminfo[] = {
    F(CT_S32, struct seminfo, semmap),
    F(CT_S32, struct seminfo, semmni),
    F(CT_S32, struct seminfo, semmns),
    F(CT_S32, struct seminfo, semmnu),
    F(CT_S32, struct seminfo, semmsl),
    F(CT_S32, struct seminfo, semopm),
    F(CT_S32, struct seminfo, semume),
    F(CT_S32, struct seminfo, semusz),
    F(CT_S32, struct seminfo, semvmx),
    F(CT_S32, struct seminfo, semaem),
    END,
};

const ConvField conv_layout_sembuf[] = {
    F(CT_U16, struct sembuf, sem_num),
    F(CT_U16, struct sembuf, sem_op),
    F(CT_U16, struct sembuf, sem_flg),
    END,
};

/* struct loop_info64: fixed-width fields, the same on every ABI but for byte order. */
const ConvField conv_layout_loop_info64[] = {
    F(CT_U64, struct loop_info64, lo_device),
    F(CT_U64, struct loop_info64, lo_inode),
    F(CT_U64, struct loop_info64, lo_rdevice),
    F(CT_U64, struct loop_info64, lo_offset),
    F(CT_U64, struct loop_info64, lo_sizelimit),
    F(CT_U32, struct loop_info64, lo_number),
    F(CT_U32, struct loop_info64, lo_encrypt_type),
    F(CT_U32, struct loop_info64, lo_encrypt_key_size),
    F(CT_U32, struct loop_info64, lo_flags),
    FB(struct loop_info64, lo_file_name),
    FB(struct loop_info64, lo_crypt_name),
    FB(struct loop_info64, lo_encrypt_key),
    F(CT_U64, struct loop_info64, lo_init[0]),
    F(CT_U64, struct loop_info64, lo_init[1]),
    END,
};

/* asm-generic struct stat64, which 32-bit guests get from fstatat64 and fstat64: the
 * inode, size and block count are 64-bit whatever the word size, so no file is too big
 * or too numerous to describe (no EOVERFLOW); times are 32-bit. */
const ConvField conv_layout_stat64[] = {
    F(CT_U64, struct stat, st_dev),
    F(CT_U64, struct stat, st_ino),
    F(CT_U32, struct stat, st_mode),
    F(CT_U32, struct stat, st_nlink),
    F(CT_U32, struct stat, st_uid),
    F(CT_U32, struct stat, st_gid),
    F(CT_U64, struct stat, st_rdev),
    PAD(CT_U64),
    F(CT_S64, struct stat, st_size),
    F(CT_S32, struct stat, st_blksize),
    PAD(CT_S32),
    F(CT_S64, struct stat, st_blocks),
    F(CT_S32, struct stat, st_atim.tv_sec),
    F(CT_U32, struct stat, st_atim.tv_nsec),
    F(CT_S32, struct stat, st_mtim.tv_sec),
    F(CT_U32, struct stat, st_mtim.tv_nsec),
    F(CT_S32, struct stat, st_ctim.tv_sec),
    F(CT_U32, struct stat, st_ctim.tv_nsec),
    PAD(CT_U32),
    PAD(CT_U32),
    END,
};

static const ConvField layout_cap_header[] = {
    F(CT_U32, ConvCapHeader, version),
    F(CT_S32, ConvCapHeader, pid),
    END,
};
static const ConvField layout_cap_data[] = {
    F(CT_U32, ConvCapData, effective),
    F(CT_U32, ConvCapData, permitted),
    F(CT_U32, ConvCapData, inheritable),
    END,
};

const ConvField *conv_layout_shmid_ds(const LinuxAbi *abi)
{
	return abi->word_bits == 64 ? conv_layout_shmid64_ds_64 : conv_layout_shmid64_ds_32;
}

const ConvField *conv_layout_semid_ds(const LinuxAbi *abi)
{
	return abi->word_bits == 64 ? conv_layout_semid64_ds_64 : conv_layout_semid64_ds_32;
}

const ConvField *conv_layout_msqid_ds(const LinuxAbi *abi)
{
	return abi->word_bits == 64 ? conv_layout_msqid64_ds_64 : conv_layout_msqid64_ds_32;
}

PUT_GET(itimerspec, conv_layout_itimerspec, struct itimerspec)
PUT_GET(loop_info64, conv_layout_loop_info64, struct loop_info64)
PUT_GET(cap_header, layout_cap_header, ConvCapHeader)
PUT(shminfo, layout_shminfo64, struct shminfo)
PUT(shm_info, layout_shm_info, struct shm_info)
PUT(msginfo, layout_msginfo, struct msginfo)
PUT(seminfo, layout_seminfo, struct seminfo)
PUT(stat64, conv_layout_stat64, struct stat)
PUT_GET(shmid_ds, conv_layout_shmid_ds(abi), struct shmid_ds)
PUT_GET(semid_ds, conv_layout_semid_ds(abi), struct semid_ds)
PUT_GET(msqid_ds, conv_layout_msqid_ds(abi), struct msqid_ds)

/* Arrays of a fixed layout, element by element. */
static int get_array(const LinuxAbi *abi, GuestMem *m, uint64_t addr, const ConvField *l,
                     void *host, size_t host_size, unsigned n)
{
	size_t size = conv_layout_size(abi, l);
	for (unsigned i = 0; i < n; i++) {
		int r = conv_get(abi, m, addr + i * size, l, (uint8_t *)host + i * host_size);
		if (r < 0)
			return r;
	}
	return 0;
}

static int put_array(const LinuxAbi *abi, GuestMem *m, uint64_t addr, const ConvField *l,
                     const void *host, size_t host_size, unsigned n)
{
	size_t size = conv_layout_size(abi, l);
	for (unsigned i = 0; i < n; i++) {
		int r = conv_put(abi, m, addr + i * size, l, (const uint8_t *)host + i * host_size);
		if (r < 0)
			return r;
	}
	return 0;
}

int conv_get_epoll_events(const LinuxAbi *abi, GuestMem *m, uint64_t addr, struct epoll_event *ev,
                          unsigned n)
{
	return get_array(abi, m, addr, conv_layout_epoll_event, ev, sizeof *ev, n);
}

int conv_put_epoll_events(const LinuxAbi *abi, GuestMem *m, uint64_t addr,
                          const struct epoll_event *ev, unsigned n)
{
	return put_array(abi, m, addr, conv_layout_epoll_event, ev, sizeof *ev, n);
}

int conv_get_sembufs(const LinuxAbi *abi, GuestMem *m, uint64_t addr, struct sembuf *ops,
                     unsigned n)
{
	return get_array(abi, m, addr, conv_layout_sembuf, ops, sizeof *ops, n);
}

int conv_get_cap_data(const LinuxAbi *abi, GuestMem *m, uint64_t addr, ConvCapData *d, unsigned n)
{
	return get_array(abi, m, addr, layout_cap_data, d, sizeof *d, n);
}

int conv_put_cap_data(const LinuxAbi *abi, GuestMem *m, uint64_t addr, const ConvCapData *d,
                      unsigned n)
{
	return put_array(abi, m, addr, layout_cap_data, d, sizeof *d, n);
}

int conv_get_u16s(const LinuxAbi *abi, GuestMem *m, uint64_t addr, uint16_t *v, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		uint8_t b[2];
		int r = gmem_read(m, addr + 2u * i, b, 2);
		if (r < 0)
			return r;
		v[i] = (uint16_t)conv_load(abi, b, 2);
	}
	return 0;
}

int conv_put_u16s(const LinuxAbi *abi, GuestMem *m, uint64_t addr, const uint16_t *v, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		uint8_t b[2];
		conv_store(abi, b, 2, v[i]);
		int r = gmem_write(m, addr + 2u * i, b, 2);
		if (r < 0)
			return r;
	}
	return 0;
}

/* struct inotify_event: s32 wd, u32 mask, u32 cookie, u32 len, then len name bytes. */
enum { INOTIFY_HEAD = 16 };

int conv_inotify_events_to_guest(const LinuxAbi *abi, void *buf, size_t len)
{
	if (!abi->big_endian)
		return 0;
	uint8_t *b = buf;
	for (size_t off = 0; off < len;) {
		if (len - off < INOTIFY_HEAD)
			return -EIO;
		uint32_t w[4];
		memcpy(w, b + off, sizeof w);
		for (int i = 0; i < 4; i++)
			conv_store(abi, b + off + 4 * i, 4, w[i]);
		if (w[3] > len - off - INOTIFY_HEAD)
			return -EIO;
		off += INOTIFY_HEAD + w[3];
	}
	return 0;
}

int conv_fd_flags_to_host(const LinuxAbi *abi, uint32_t guest, uint32_t same)
{
	uint32_t cloexec = conv_open_flags_to_guest(abi, O_CLOEXEC);
	uint32_t nonblock = conv_open_flags_to_guest(abi, O_NONBLOCK);
	if (guest & ~(cloexec | nonblock | same))
		return -EINVAL;
	return (guest & cloexec ? O_CLOEXEC : 0) | (guest & nonblock ? O_NONBLOCK : 0) |
	       (int)(guest & same);
}

/* struct __kernel_timespec: 64-bit fields whatever the word size (epoll_pwait2 and the
 * *_time64 calls). */
static const ConvField layout_kernel_timespec[] = {
    F(CT_S64, struct timespec, tv_sec),
    F(CT_S64, struct timespec, tv_nsec),
    END,
};
GET(kernel_timespec, layout_kernel_timespec, struct timespec)
PUT(kernel_timespec, layout_kernel_timespec, struct timespec)

int conv_get_bitmap(const LinuxAbi *abi, GuestMem *m, uint64_t addr, void *host, size_t len)
{
	uint8_t *h = host;
	unsigned w = conv_word_bytes(abi);
	memset(h, 0, len);
	for (size_t k = 0; k < len / w; k++) {
		uint8_t b[8];
		int r = gmem_read(m, addr + k * w, b, w);
		if (r < 0)
			return r;
		uint64_t word = conv_load(abi, b, w);
		for (unsigned bit = 0; bit < abi->word_bits; bit++) {
			size_t i = k * abi->word_bits + bit;
			if ((word >> bit) & 1)
				h[i / 8] |= (uint8_t)(1u << (i % 8));
		}
	}
	return 0;
}

int conv_get_remote_iovecs(const LinuxAbi *abi, GuestMem *m, uint64_t addr, unsigned n,
                           struct iovec *out)
{
	size_t size = conv_layout_size(abi, conv_layout_iovec);
	for (unsigned i = 0; i < n; i++) {
		ConvIovec v;
		int r = conv_get(abi, m, addr + i * size, conv_layout_iovec, &v);
		if (r < 0)
			return r;
		if (v.len > SSIZE_MAX)
			return -EINVAL;
		out[i].iov_base = (void *)(uintptr_t)v.base;
		out[i].iov_len = v.len;
	}
	return 0;
}
