/*
 * Guest <-> host conversion of Linux structs and flag words (see conv.h). Each guest
 * struct is a ConvField list in the kernel's declaration order for the asm-generic ABI;
 * the guest offsets come from the field sizes and natural alignment of the guest's word
 * size, the byte order from LinuxAbi.big_endian. The host side is read and written
 * through offsetof/sizeof of the host struct, so the x86-64 layouts never appear as
 * numbers here.
 */
#include "syscall/linux/conv.h"
#include "syscall/linux/conv_int.h"

#include <errno.h>
#include <limits.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/param.h>

#define CONV_MAX_STRUCT 512

/* asm-generic struct stat (the 64-bit ABIs' fstat/newfstatat). */
const ConvField conv_layout_stat[] = {
    F(CT_ULONG, struct stat, st_dev),
    F(CT_ULONG, struct stat, st_ino),
    F(CT_U32, struct stat, st_mode),
    F(CT_U32, struct stat, st_nlink),
    F(CT_U32, struct stat, st_uid),
    F(CT_U32, struct stat, st_gid),
    F(CT_ULONG, struct stat, st_rdev),
    PAD(CT_ULONG),
    F(CT_SLONG, struct stat, st_size),
    F(CT_S32, struct stat, st_blksize),
    PAD(CT_S32),
    F(CT_SLONG, struct stat, st_blocks),
    F(CT_SLONG, struct stat, st_atim.tv_sec),
    F(CT_ULONG, struct stat, st_atim.tv_nsec),
    F(CT_SLONG, struct stat, st_mtim.tv_sec),
    F(CT_ULONG, struct stat, st_mtim.tv_nsec),
    F(CT_SLONG, struct stat, st_ctim.tv_sec),
    F(CT_ULONG, struct stat, st_ctim.tv_nsec),
    PAD(CT_U32),
    PAD(CT_U32),
    END,
};

#define STATX_TS(f)                                                                                \
	F(CT_S64, struct statx, f.tv_sec), F(CT_U32, struct statx, f.tv_nsec), PAD(CT_S32)

/* struct statx is the same on every ABI; only the byte order can differ. */
static const ConvField layout_statx[] = {
    F(CT_U32, struct statx, stx_mask),
    F(CT_U32, struct statx, stx_blksize),
    F(CT_U64, struct statx, stx_attributes),
    F(CT_U32, struct statx, stx_nlink),
    F(CT_U32, struct statx, stx_uid),
    F(CT_U32, struct statx, stx_gid),
    F(CT_U16, struct statx, stx_mode),
    PAD(CT_U16),
    F(CT_U64, struct statx, stx_ino),
    F(CT_U64, struct statx, stx_size),
    F(CT_U64, struct statx, stx_blocks),
    F(CT_U64, struct statx, stx_attributes_mask),
    STATX_TS(stx_atime),
    STATX_TS(stx_btime),
    STATX_TS(stx_ctime),
    STATX_TS(stx_mtime),
    F(CT_U32, struct statx, stx_rdev_major),
    F(CT_U32, struct statx, stx_rdev_minor),
    F(CT_U32, struct statx, stx_dev_major),
    F(CT_U32, struct statx, stx_dev_minor),
    F(CT_U64, struct statx, stx_mnt_id),
    F(CT_U32, struct statx, stx_dio_mem_align),
    F(CT_U32, struct statx, stx_dio_offset_align),
    PADB(96),
    END,
};

static const ConvField layout_statfs[] = {
    F(CT_SLONG, struct statfs, f_type),
    F(CT_SLONG, struct statfs, f_bsize),
    F(CT_ULONG, struct statfs, f_blocks),
    F(CT_ULONG, struct statfs, f_bfree),
    F(CT_ULONG, struct statfs, f_bavail),
    F(CT_ULONG, struct statfs, f_files),
    F(CT_ULONG, struct statfs, f_ffree),
    F(CT_S32, struct statfs, f_fsid.__val[0]),
    F(CT_S32, struct statfs, f_fsid.__val[1]),
    F(CT_SLONG, struct statfs, f_namelen),
    F(CT_SLONG, struct statfs, f_frsize),
    F(CT_SLONG, struct statfs, f_flags),
    PAD(CT_SLONG),
    PAD(CT_SLONG),
    PAD(CT_SLONG),
    PAD(CT_SLONG),
    END,
};

static const ConvField layout_timespec[] = {
    F(CT_SLONG, struct timespec, tv_sec),
    F(CT_SLONG, struct timespec, tv_nsec),
    END,
};
static const ConvField layout_timeval[] = {
    F(CT_SLONG, struct timeval, tv_sec),
    F(CT_SLONG, struct timeval, tv_usec),
    END,
};
static const ConvField layout_timezone[] = {
    F(CT_S32, struct timezone, tz_minuteswest),
    F(CT_S32, struct timezone, tz_dsttime),
    END,
};
static const ConvField layout_rlimit[] = {
    F(CT_ULONG, struct rlimit, rlim_cur),
    F(CT_ULONG, struct rlimit, rlim_max),
    END,
};
static const ConvField layout_rlimit64[] = {
    F(CT_U64, struct rlimit, rlim_cur),
    F(CT_U64, struct rlimit, rlim_max),
    END,
};

#define SYSINFO_HEAD                                                                               \
	F(CT_SLONG, struct sysinfo, uptime), F(CT_ULONG, struct sysinfo, loads[0]),                \
	    F(CT_ULONG, struct sysinfo, loads[1]), F(CT_ULONG, struct sysinfo, loads[2]),          \
	    F(CT_ULONG, struct sysinfo, totalram), F(CT_ULONG, struct sysinfo, freeram),           \
	    F(CT_ULONG, struct sysinfo, sharedram), F(CT_ULONG, struct sysinfo, bufferram),        \
	    F(CT_ULONG, struct sysinfo, totalswap), F(CT_ULONG, struct sysinfo, freeswap),         \
	    F(CT_U16, struct sysinfo, procs), PAD(CT_U16), F(CT_ULONG, struct sysinfo, totalhigh), \
	    F(CT_ULONG, struct sysinfo, freehigh), F(CT_U32, struct sysinfo, mem_unit)
/* The kernel pads struct sysinfo's tail to 20 - 2 * sizeof(long) - 4 bytes, a size that
 * depends on the word size, hence one layout per word size. */
static const ConvField layout_sysinfo64[] = {SYSINFO_HEAD, END};
static const ConvField layout_sysinfo32[] = {SYSINFO_HEAD, PADB(8), END};

#define RU(f) F(CT_SLONG, struct rusage, f)
static const ConvField layout_rusage[] = {
    RU(ru_utime.tv_sec),
    RU(ru_utime.tv_usec),
    RU(ru_stime.tv_sec),
    RU(ru_stime.tv_usec),
    RU(ru_maxrss),
    RU(ru_ixrss),
    RU(ru_idrss),
    RU(ru_isrss),
    RU(ru_minflt),
    RU(ru_majflt),
    RU(ru_nswap),
    RU(ru_inblock),
    RU(ru_oublock),
    RU(ru_msgsnd),
    RU(ru_msgrcv),
    RU(ru_nsignals),
    RU(ru_nvcsw),
    RU(ru_nivcsw),
    END,
};

static const ConvField layout_tms[] = {
    F(CT_SLONG, struct tms, tms_utime),
    F(CT_SLONG, struct tms, tms_stime),
    F(CT_SLONG, struct tms, tms_cutime),
    F(CT_SLONG, struct tms, tms_cstime),
    END,
};

static const ConvField layout_utsname[] = {
    FB(struct utsname, sysname),
    FB(struct utsname, nodename),
    FB(struct utsname, release),
    FB(struct utsname, version),
    FB(struct utsname, machine),
    FB(struct utsname, domainname),
    END,
};

const ConvField conv_layout_termios[] = {
    F(CT_U32, HostKTermios, c_iflag),
    F(CT_U32, HostKTermios, c_oflag),
    F(CT_U32, HostKTermios, c_cflag),
    F(CT_U32, HostKTermios, c_lflag),
    F(CT_U8, HostKTermios, c_line),
    FB(HostKTermios, c_cc),
    END,
};

static const ConvField layout_winsize[] = {
    F(CT_U16, struct winsize, ws_row),
    F(CT_U16, struct winsize, ws_col),
    F(CT_U16, struct winsize, ws_xpixel),
    F(CT_U16, struct winsize, ws_ypixel),
    END,
};

static const ConvField layout_flock[] = {
    F(CT_U16, struct flock, l_type),    F(CT_U16, struct flock, l_whence),
    F(CT_SLONG, struct flock, l_start), F(CT_SLONG, struct flock, l_len),
    F(CT_S32, struct flock, l_pid),     END,
};

static const ConvField layout_pollfd[] = {
    F(CT_S32, struct pollfd, fd),
    F(CT_U16, struct pollfd, events),
    F(CT_U16, struct pollfd, revents),
    END,
};

static const ConvField layout_stack[] = {
    F(CT_ULONG, ConvStack, sp),
    F(CT_S32, ConvStack, flags),
    F(CT_ULONG, ConvStack, size),
    END,
};

static const ConvField layout_itimerval[] = {
    F(CT_SLONG, struct itimerval, it_interval.tv_sec),
    F(CT_SLONG, struct itimerval, it_interval.tv_usec),
    F(CT_SLONG, struct itimerval, it_value.tv_sec),
    F(CT_SLONG, struct itimerval, it_value.tv_usec),
    END,
};

const ConvField conv_layout_iovec[] = {
    F(CT_ULONG, ConvIovec, base),
    F(CT_ULONG, ConvIovec, len),
    END,
};

static unsigned type_size(const LinuxAbi *abi, const ConvField *f)
{
	switch (f->type) {
	case CT_U8: return 1;
	case CT_U16: return 2;
	case CT_U32:
	case CT_S32: return 4;
	case CT_U64:
	case CT_S64: return 8;
	case CT_ULONG:
	case CT_SLONG: return conv_word_bytes(abi);
	default: return f->count;
	}
}

static unsigned type_align(const LinuxAbi *abi, const ConvField *f)
{
	return f->type == CT_BYTES ? 1 : type_size(abi, f);
}

static bool type_signed(const ConvField *f)
{
	return f->type == CT_S32 || f->type == CT_S64 || f->type == CT_SLONG;
}

static size_t align_up(size_t v, size_t a)
{
	return (v + a - 1) & ~(a - 1);
}

/* Walks the layout; calls visit with each field's guest offset and size. Returns the
 * struct size (rounded to its alignment, as the C compiler does). */
static size_t
layout_walk(const LinuxAbi *abi, const ConvField *l,
            void (*visit)(const LinuxAbi *, const ConvField *, size_t, unsigned, void *), void *ctx)
{
	size_t off = 0, max_align = 1;
	for (const ConvField *f = l; f->type != CT_END; f++) {
		unsigned size = type_size(abi, f), al = type_align(abi, f);
		off = align_up(off, al);
		if (visit)
			visit(abi, f, off, size, ctx);
		off += size;
		if (al > max_align)
			max_align = al;
	}
	return align_up(off, max_align);
}

size_t conv_layout_size(const LinuxAbi *abi, const ConvField *l)
{
	return layout_walk(abi, l, NULL, NULL);
}

size_t conv_field_offset(const LinuxAbi *abi, const ConvField *l, unsigned index)
{
	size_t off = 0;
	for (unsigned i = 0; i <= index && l[i].type != CT_END; i++) {
		off = align_up(off, type_align(abi, &l[i]));
		if (i < index)
			off += type_size(abi, &l[i]);
	}
	return off;
}

uint64_t conv_load(const LinuxAbi *abi, const void *guest, unsigned size)
{
	const uint8_t *b = guest;
	uint64_t v = 0;
	for (unsigned i = 0; i < size; i++) {
		unsigned shift = 8 * (abi->big_endian ? size - 1 - i : i);
		v |= (uint64_t)b[i] << shift;
	}
	return v;
}

void conv_store(const LinuxAbi *abi, void *guest, unsigned size, uint64_t v)
{
	uint8_t *b = guest;
	for (unsigned i = 0; i < size; i++) {
		unsigned shift = 8 * (abi->big_endian ? size - 1 - i : i);
		b[i] = (uint8_t)(v >> shift);
	}
}

/* Host fields are native little-endian x86-64 integers. */
static uint64_t host_load(const uint8_t *p, unsigned size, bool sign)
{
	uint64_t v = 0;
	memcpy(&v, p, size);
	if (sign && size < 8 && (v >> (8 * size - 1)) & 1)
		v |= ~(uint64_t)0 << (8 * size);
	return v;
}

static void host_store(uint8_t *p, unsigned size, uint64_t v)
{
	memcpy(p, &v, size);
}

typedef struct ConvCtx {
	const uint8_t *src;
	uint8_t *dst;
} ConvCtx;

static void encode_field(const LinuxAbi *abi, const ConvField *f, size_t off, unsigned size,
                         void *opaque)
{
	ConvCtx *c = opaque;
	if (!f->host_size)
		return; /* the guest buffer starts zeroed */
	if (f->type == CT_BYTES)
		memcpy(c->dst + off, c->src + f->host_off, size);
	else
		conv_store(abi, c->dst + off, size,
		           host_load(c->src + f->host_off, f->host_size, f->host_signed));
}

static void decode_field(const LinuxAbi *abi, const ConvField *f, size_t off, unsigned size,
                         void *opaque)
{
	ConvCtx *c = opaque;
	if (!f->host_size)
		return;
	if (f->type == CT_BYTES) {
		memcpy(c->dst + f->host_off, c->src + off, size);
		return;
	}
	uint64_t v = conv_load(abi, c->src + off, size);
	if (type_signed(f) && size < 8 && (v >> (8 * size - 1)) & 1)
		v |= ~(uint64_t)0 << (8 * size);
	host_store(c->dst + f->host_off, f->host_size, v);
}

void conv_encode(const LinuxAbi *abi, const ConvField *l, const void *host, void *guest)
{
	memset(guest, 0, conv_layout_size(abi, l));
	ConvCtx c = {host, guest};
	layout_walk(abi, l, encode_field, &c);
}

void conv_decode(const LinuxAbi *abi, const ConvField *l, const void *guest, void *host)
{
	ConvCtx c = {guest, host};
	layout_walk(abi, l, decode_field, &c);
}

int conv_put(const LinuxAbi *abi, GuestMem *m, uint64_t addr, const ConvField *l, const void *host)
{
	uint8_t buf[CONV_MAX_STRUCT];
	size_t size = conv_layout_size(abi, l);
	conv_encode(abi, l, host, buf);
	return gmem_write(m, addr, buf, size);
}

int conv_get(const LinuxAbi *abi, GuestMem *m, uint64_t addr, const ConvField *l, void *host)
{
	uint8_t buf[CONV_MAX_STRUCT];
	size_t size = conv_layout_size(abi, l);
	int r = gmem_read(m, addr, buf, size);
	if (r < 0)
		return r;
	conv_decode(abi, l, buf, host);
	return 0;
}

/* One element of `l` from `from`'s layout to `to`'s, using only the fields that lie wholly
 * within `avail` source bytes. Sets *used to the source bytes consumed and returns the
 * destination bytes produced; *whole says whether every field fitted. dst may equal src
 * when both layouts have the same offsets (fixed-size fields only). */
static size_t transcode_one(const LinuxAbi *from, const LinuxAbi *to, const ConvField *l,
                            const uint8_t *src, size_t avail, uint8_t *dst, size_t *used,
                            bool *whole)
{
	size_t in = 0, out = 0, in_align = 1, out_align = 1;
	*whole = true;
	for (const ConvField *f = l; f->type != CT_END; f++) {
		unsigned in_size = type_size(from, f), out_size = type_size(to, f);
		size_t in_at = align_up(in, type_align(from, f));
		size_t out_at = align_up(out, type_align(to, f));
		if (in_at + in_size > avail) {
			*whole = false;
			break;
		}
		if (dst) {
			memset(dst + out, 0, out_at - out);
			if (f->type == CT_BYTES)
				memmove(dst + out_at, src + in_at, in_size);
			else
				conv_store(to, dst + out_at, out_size,
				           conv_load(from, src + in_at, in_size));
		}
		in = in_at + in_size;
		out = out_at + out_size;
		in_align = MAX(in_align, type_align(from, f));
		out_align = MAX(out_align, type_align(to, f));
	}
	if (*whole) {
		size_t out_end = align_up(out, out_align);
		if (dst)
			memset(dst + out, 0, out_end - out);
		out = out_end;
		in = MIN(align_up(in, in_align), avail);
	}
	*used = in;
	return out;
}

size_t conv_transcode(const LinuxAbi *from, const LinuxAbi *to, const ConvField *l, const void *src,
                      size_t len, void *dst, bool repeat)
{
	const uint8_t *s = src;
	uint8_t *d = dst;
	size_t in = 0, out = 0;
	bool whole = true;
	do {
		size_t used;
		out +=
		    transcode_one(from, to, l, s + in, len - in, d ? d + out : NULL, &used, &whole);
		in += used;
		if (!used)
			break;
	} while (whole && repeat && in < len);
	if (d)
		memmove(d + out, s + in, len - in);
	return out + (len - in);
}

static int put_scalar(const LinuxAbi *abi, GuestMem *m, uint64_t addr, unsigned size, uint64_t v)
{
	uint8_t b[8];
	conv_store(abi, b, size, v);
	return gmem_write(m, addr, b, size);
}

static int get_scalar(const LinuxAbi *abi, GuestMem *m, uint64_t addr, unsigned size, uint64_t *v)
{
	uint8_t b[8];
	int r = gmem_read(m, addr, b, size);
	if (r == 0)
		*v = conv_load(abi, b, size);
	return r;
}

int conv_put_u32(const LinuxAbi *abi, GuestMem *m, uint64_t addr, uint32_t v)
{
	return put_scalar(abi, m, addr, 4, v);
}

int conv_get_u32(const LinuxAbi *abi, GuestMem *m, uint64_t addr, uint32_t *v)
{
	uint64_t w = 0;
	int r = get_scalar(abi, m, addr, 4, &w);
	*v = (uint32_t)w;
	return r;
}

int conv_put_u64(const LinuxAbi *abi, GuestMem *m, uint64_t addr, uint64_t v)
{
	return put_scalar(abi, m, addr, 8, v);
}

int conv_get_u64(const LinuxAbi *abi, GuestMem *m, uint64_t addr, uint64_t *v)
{
	return get_scalar(abi, m, addr, 8, v);
}

int conv_put_word(const LinuxAbi *abi, GuestMem *m, uint64_t addr, uint64_t v)
{
	return put_scalar(abi, m, addr, conv_word_bytes(abi), v);
}

int conv_get_word(const LinuxAbi *abi, GuestMem *m, uint64_t addr, uint64_t *v)
{
	return get_scalar(abi, m, addr, conv_word_bytes(abi), v);
}

PUT(stat, conv_layout_stat, struct stat)
PUT(statx, layout_statx, struct statx)
PUT(statfs, layout_statfs, struct statfs)
PUT_GET(timespec, layout_timespec, struct timespec)
PUT(timeval, layout_timeval, struct timeval)
PUT(timezone, layout_timezone, struct timezone)
PUT_GET(rlimit, layout_rlimit, struct rlimit)
PUT_GET(rlimit64, layout_rlimit64, struct rlimit)
PUT(rusage, layout_rusage, struct rusage)
PUT(tms, layout_tms, struct tms)
PUT(utsname, layout_utsname, struct utsname)
PUT_GET(termios, conv_layout_termios, HostKTermios)
PUT_GET(winsize, layout_winsize, struct winsize)
PUT_GET(flock, layout_flock, struct flock)
PUT_GET(stack, layout_stack, ConvStack)
PUT_GET(itimerval, layout_itimerval, struct itimerval)

int conv_put_sysinfo(const LinuxAbi *abi, GuestMem *m, uint64_t addr, const struct sysinfo *s)
{
	return conv_put(abi, m, addr, abi->word_bits == 64 ? layout_sysinfo64 : layout_sysinfo32,
	                s);
}

static void sigset_store(const LinuxAbi *abi, uint8_t *b, uint64_t set)
{
	if (abi->word_bits == 64) {
		conv_store(abi, b, 8, set);
	} else {
		conv_store(abi, b, 4, (uint32_t)set);
		conv_store(abi, b + 4, 4, set >> 32);
	}
}

static uint64_t sigset_load(const LinuxAbi *abi, const uint8_t *b)
{
	if (abi->word_bits == 64)
		return conv_load(abi, b, 8);
	return conv_load(abi, b, 4) | conv_load(abi, b + 4, 4) << 32;
}

int conv_put_sigset(const LinuxAbi *abi, GuestMem *m, uint64_t addr, uint64_t set)
{
	uint8_t b[8];
	sigset_store(abi, b, set);
	return gmem_write(m, addr, b, 8);
}

int conv_get_sigset(const LinuxAbi *abi, GuestMem *m, uint64_t addr, uint64_t *set)
{
	uint8_t b[8];
	int r = gmem_read(m, addr, b, 8);
	if (r == 0)
		*set = sigset_load(abi, b);
	return r;
}

/* struct sigaction: handler, flags, [restorer,] mask. The sigset is two words on 32-bit
 * guests, which a ConvField list cannot say, so it is laid out by hand. */
static size_t sigaction_size(const LinuxAbi *abi)
{
	return conv_word_bytes(abi) * (abi->sigaction_restorer ? 3 : 2) + 8;
}

int conv_put_sigaction(const LinuxAbi *abi, GuestMem *m, uint64_t addr, const ConvSigAction *s)
{
	uint8_t b[32];
	unsigned w = conv_word_bytes(abi), off = 0;
	conv_store(abi, b + off, w, s->handler), off += w;
	conv_store(abi, b + off, w, s->flags), off += w;
	if (abi->sigaction_restorer)
		conv_store(abi, b + off, w, s->restorer), off += w;
	sigset_store(abi, b + off, s->mask);
	return gmem_write(m, addr, b, sigaction_size(abi));
}

int conv_get_sigaction(const LinuxAbi *abi, GuestMem *m, uint64_t addr, ConvSigAction *s)
{
	uint8_t b[32];
	unsigned w = conv_word_bytes(abi), off = 0;
	int r = gmem_read(m, addr, b, sigaction_size(abi));
	if (r < 0)
		return r;
	s->handler = conv_load(abi, b + off, w), off += w;
	s->flags = conv_load(abi, b + off, w), off += w;
	s->restorer = 0;
	if (abi->sigaction_restorer)
		s->restorer = conv_load(abi, b + off, w), off += w;
	s->mask = sigset_load(abi, b + off);
	return 0;
}

int conv_get_pollfds(const LinuxAbi *abi, GuestMem *m, uint64_t addr, struct pollfd *fds,
                     unsigned n)
{
	size_t size = conv_layout_size(abi, layout_pollfd);
	for (unsigned i = 0; i < n; i++) {
		int r = conv_get(abi, m, addr + i * size, layout_pollfd, &fds[i]);
		if (r < 0)
			return r;
	}
	return 0;
}

int conv_put_pollfds(const LinuxAbi *abi, GuestMem *m, uint64_t addr, const struct pollfd *fds,
                     unsigned n)
{
	size_t size = conv_layout_size(abi, layout_pollfd);
	for (unsigned i = 0; i < n; i++) {
		int r = conv_put(abi, m, addr + i * size, layout_pollfd, &fds[i]);
		if (r < 0)
			return r;
	}
	return 0;
}

static size_t fdset_words(const LinuxAbi *abi, int nfds)
{
	return ((size_t)nfds + abi->word_bits - 1) / abi->word_bits;
}

int conv_get_fdset(const LinuxAbi *abi, GuestMem *m, uint64_t addr, fd_set *s, int nfds)
{
	unsigned w = conv_word_bytes(abi);
	FD_ZERO(s);
	for (size_t k = 0; k < fdset_words(abi, nfds); k++) {
		uint64_t word = 0;
		int r = get_scalar(abi, m, addr + k * w, w, &word);
		if (r < 0)
			return r;
		for (unsigned bit = 0; bit < abi->word_bits; bit++)
			if ((word >> bit) & 1 && k * abi->word_bits + bit < (size_t)nfds)
				FD_SET((int)(k * abi->word_bits + bit), s);
	}
	return 0;
}

int conv_put_fdset(const LinuxAbi *abi, GuestMem *m, uint64_t addr, const fd_set *s, int nfds)
{
	unsigned w = conv_word_bytes(abi);
	for (size_t k = 0; k < fdset_words(abi, nfds); k++) {
		uint64_t word = 0;
		for (unsigned bit = 0; bit < abi->word_bits; bit++) {
			size_t fd = k * abi->word_bits + bit;
			if (fd < (size_t)nfds && FD_ISSET((int)fd, s))
				word |= (uint64_t)1 << bit;
		}
		int r = put_scalar(abi, m, addr + k * w, w, word);
		if (r < 0)
			return r;
	}
	return 0;
}

int conv_put_bitmap(const LinuxAbi *abi, GuestMem *m, uint64_t addr, const void *host, size_t len)
{
	const uint8_t *h = host;
	unsigned w = conv_word_bytes(abi);
	for (size_t k = 0; k < len / w; k++) {
		uint64_t word = 0;
		for (unsigned bit = 0; bit < abi->word_bits; bit++) {
			size_t i = k * abi->word_bits + bit;
			if ((h[i / 8] >> (i % 8)) & 1)
				word |= (uint64_t)1 << bit;
		}
		int r = put_scalar(abi, m, addr + k * w, w, word);
		if (r < 0)
			return r;
	}
	return 0;
}

int conv_get_iovecs(const LinuxAbi *abi, GuestMem *m, uint64_t addr, unsigned n, int prot,
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
		if (v.len && !gmem_access_ok(m, v.base, v.len, prot))
			return -EFAULT;
		out[i].iov_base = v.len ? gmem_g2h(m, v.base) : NULL;
		out[i].iov_len = v.len;
	}
	return 0;
}

/* linux_dirent64: u64 d_ino, s64 d_off, u16 d_reclen, u8 d_type, name. The record
 * layout is the same for every ABI; the integers follow the guest's byte order. */
enum { DIRENT_NAME = 19 };

int conv_put_dirents(const LinuxAbi *abi, GuestMem *m, uint64_t addr, const void *host, size_t len)
{
	if (!abi->big_endian)
		return gmem_write(m, addr, host, len);
	uint8_t rec[DIRENT_NAME];
	const uint8_t *h = host;
	for (size_t off = 0; off + DIRENT_NAME <= len;) {
		uint16_t reclen;
		memcpy(&reclen, h + off + 16, 2);
		if (reclen < DIRENT_NAME || off + reclen > len)
			return -EIO;
		conv_store(abi, rec, 8, host_load(h + off, 8, false));
		conv_store(abi, rec + 8, 8, host_load(h + off + 8, 8, false));
		conv_store(abi, rec + 16, 2, reclen);
		rec[18] = h[off + 18];
		int r = gmem_write(m, addr + off, rec, DIRENT_NAME);
		if (r == 0)
			r = gmem_write(m, addr + off + DIRENT_NAME, h + off + DIRENT_NAME,
			               reclen - DIRENT_NAME);
		if (r < 0)
			return r;
		off += reclen;
	}
	return 0;
}
