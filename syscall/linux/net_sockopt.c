/*
 * setsockopt and getsockopt. The option table of the conversion module
 * (conv_sockopt_lookup) says how each option's value is laid out: a ConvField value
 * (ints, struct linger, the old and new timevals, struct ucred, ip_mreqn, tcp_info ...)
 * converted between guest and host, bytes passed as they are (device and congestion
 * control names), a socket address, or a BPF program behind a guest pointer. An option
 * the table does not know is converted as an int when its length is an int's; any other
 * length is passed as bytes only for a guest whose layouts are the host's (64-bit
 * little-endian), where that is exact, and refused with ENOPROTOOPT otherwise; both
 * cases are reported under -d unimp.
 */
#include <errno.h>
#include <glib.h>
#include <linux/filter.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>

#include "common/log.h"
#include "syscall/linux/conv.h"
#include "syscall/linux/net.h"
#include "syscall/linux/proc_state.h"
#include "syscall/linux/sys.h"

enum { NET_OPT_MAX = 64 * 1024 }; /* bound on one option value */

static bool host_layout(const LinuxAbi *abi)
{
	return abi->word_bits == 64 && !abi->big_endian;
}

/* The table entry to use for (level, name) with a value of `len` guest bytes; NULL when
 * the option cannot be converted (already reported). */
static const ConvSockOpt *opt_resolve(LinuxProc *p, int level, int name, size_t len,
                                      ConvSockOpt *scratch)
{
	const ConvSockOpt *o = conv_sockopt_lookup(level, name);
	if (o)
		return o;
	*scratch = (ConvSockOpt){level, name, CONV_OPT_LAYOUT, false, conv_layout_int, "int"};
	if (len == sizeof(int))
		return scratch;
	bool raw = host_layout(p->abi);
	if (log_on(LOG_UNIMP))
		log_printf("socket option level %d name %d (%zu bytes) %s\n", level, name, len,
		           raw ? "passed as bytes" : "not converted");
	scratch->kind = CONV_OPT_BYTES;
	return raw ? scratch : NULL;
}

static int64_t set_fprog(LinuxProc *p, int fd, int level, int name, uint64_t val, size_t len)
{
	struct sock_fprog prog;
	void *filter;
	unsigned count;
	int r = conv_get_sock_fprog(p->abi, p->mem, val, len, &filter, &count);
	if (r < 0)
		return r;
	prog.len = (unsigned short)count;
	prog.filter = filter;
	int64_t ret = linux_ret(setsockopt(fd, level, name, &prog, sizeof prog));
	g_free(filter);
	return ret;
}

int64_t sys_setsockopt(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	int fd = linux_int(a[0]), level = linux_int(a[1]), name = linux_int(a[2]);
	int len = linux_int(a[4]);
	if (len < 0)
		return -EINVAL;
	if ((size_t)len > NET_OPT_MAX)
		return -ENOMEM;
	ConvSockOpt scratch;
	const ConvSockOpt *o = opt_resolve(p, level, name, (size_t)len, &scratch);
	if (!o)
		return -ENOPROTOOPT;
	if (o->kind == CONV_OPT_FPROG)
		return set_fprog(p, fd, level, name, a[3], (size_t)len);
	uint8_t *guest = g_malloc(len ? len : 1);
	if (len && gmem_read(p->mem, a[3], guest, len) < 0) {
		g_free(guest);
		return -EFAULT;
	}
	const void *host = guest;
	size_t hlen = (size_t)len;
	uint8_t *conv = NULL;
	if (o->kind == CONV_OPT_LAYOUT) {
		hlen =
		    conv_transcode(p->abi, &conv_host_abi, o->layout, guest, len, NULL, o->repeat);
		conv = g_malloc(hlen ? hlen : 1);
		conv_transcode(p->abi, &conv_host_abi, o->layout, guest, len, conv, o->repeat);
		host = conv;
	} else if (o->kind == CONV_OPT_SOCKADDR) {
		conv = g_malloc(len ? len : 1);
		conv_sockaddr_to_host(p->abi, guest, len, conv);
		host = conv;
	}
	int64_t r = linux_ret(setsockopt(fd, level, name, host, (socklen_t)hlen));
	g_free(conv);
	g_free(guest);
	return r;
}

/* A converted value: host bytes -> guest, at most `room` of them written; the guest
 * length into *lenp (the kernel's min(room, size) for fixed-size values). */
static int64_t put_value(LinuxProc *p, const ConvSockOpt *o, uint64_t val, uint64_t lenp,
                         const uint8_t *host, size_t hlen, size_t room)
{
	size_t glen = hlen;
	uint8_t *guest = g_malloc(2 * hlen + 8);
	if (o->kind == CONV_OPT_LAYOUT)
		glen =
		    conv_transcode(&conv_host_abi, p->abi, o->layout, host, hlen, guest, o->repeat);
	else
		conv_sockaddr_to_guest(p->abi, host, hlen, guest);
	size_t n = MIN(glen, room);
	int r = n ? gmem_write(p->mem, val, guest, n) : 0;
	g_free(guest);
	if (r < 0 || conv_put_u32(p->abi, p->mem, lenp, (uint32_t)n) < 0)
		return -EFAULT;
	return 0;
}

static int64_t get_bytes(LinuxProc *p, int fd, int level, int name, uint64_t val, uint64_t lenp,
                         socklen_t room)
{
	if (room && !gmem_access_ok(p->mem, val, room, PROT_WRITE))
		return -EFAULT;
	socklen_t len = room;
	if (getsockopt(fd, level, name, room ? gmem_g2h(p->mem, val) : NULL, &len) < 0) {
		int e = errno;
		if (e == ERANGE)
			conv_put_u32(p->abi, p->mem, lenp, len);
		return -e;
	}
	return conv_put_u32(p->abi, p->mem, lenp, len) < 0 ? -EFAULT : 0;
}

/* SO_GET_FILTER: the length is a count of sock_filter instructions. */
static int64_t get_filter(LinuxProc *p, int fd, int level, int name, uint64_t val, uint64_t lenp,
                          socklen_t count)
{
	size_t bytes = (size_t)MIN(count, BPF_MAXINSNS) * sizeof(struct sock_filter);
	uint8_t *host = g_malloc(bytes ? bytes : 1);
	socklen_t len = MIN(count, BPF_MAXINSNS);
	int64_t r = linux_ret(getsockopt(fd, level, name, count ? host : NULL, &len));
	if (r == 0 && count)
		r = conv_put_sock_filters(p->abi, p->mem, val, host, MIN(len, count));
	if (r == 0 && conv_put_u32(p->abi, p->mem, lenp, len) < 0)
		r = -EFAULT;
	g_free(host);
	return r;
}

int64_t sys_getsockopt(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	int fd = linux_int(a[0]), level = linux_int(a[1]), name = linux_int(a[2]);
	socklen_t room;
	int r = net_get_len(p, a[4], &room);
	if (r < 0)
		return r;
	room = MIN(room, (socklen_t)NET_OPT_MAX);
	ConvSockOpt scratch;
	const ConvSockOpt *o = opt_resolve(p, level, name, room, &scratch);
	if (!o)
		return -ENOPROTOOPT;
	if (o->kind == CONV_OPT_BYTES)
		return get_bytes(p, fd, level, name, a[3], a[4], room);
	if (o->kind == CONV_OPT_FPROG)
		return get_filter(p, fd, level, name, a[3], a[4], room);
	/* Room for the guest's length once converted, and for at least one element, so a
	 * guest asking for fewer bytes than a value gets that value's leading bytes. */
	size_t cap = room;
	if (o->kind == CONV_OPT_LAYOUT) {
		size_t one = conv_layout_size(&conv_host_abi, o->layout);
		cap = MAX(
		    conv_transcode(p->abi, &conv_host_abi, o->layout, NULL, room, NULL, o->repeat),
		    one);
	}
	uint8_t *host = g_malloc0(cap ? cap : 1);
	socklen_t hlen = (socklen_t)cap;
	int64_t ret = linux_ret(getsockopt(fd, level, name, host, &hlen));
	if (ret == -ERANGE && o->kind == CONV_OPT_LAYOUT)
		conv_put_u32(p->abi, p->mem, a[4],
		             (uint32_t)conv_transcode(&conv_host_abi, p->abi, o->layout, NULL, hlen,
		                                      NULL, o->repeat));
	if (ret == 0)
		ret = put_value(p, o, a[3], a[4], host, hlen, room);
	g_free(host);
	return ret;
}
