/*
 * sendmsg, recvmsg, sendmmsg and recvmmsg. A guest msghdr becomes a host one whose
 * iovecs point into guest memory (no data copy), whose name is converted, and whose
 * control data is converted record by record (conv_cmsgs_to_host/_to_guest: guest word
 * alignment, fd arrays, credentials, timestamps, packet info, truncation). The batched
 * calls are loops over the single-message path with the kernel's batch rules, so every
 * message gets the same conversions.
 */
#include <errno.h>
#include <glib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <time.h>

#include "syscall/linux/conv.h"
#include "syscall/linux/net.h"
#include "syscall/linux/proc_state.h"
#include "syscall/linux/sys.h"

enum {
	NET_IOV_MAX = 1024,            /* UIO_MAXIOV: longer iovecs fail with EMSGSIZE */
	NET_CONTROL_MAX = 1024 * 1024, /* bound on a guest's control buffer */
	NET_MMSG_MAX = 1024,           /* the kernel's cap on one batch */
};

/* One guest message as the host sees it. */
typedef struct NetMsg {
	ConvMsgHdr g;
	struct msghdr h;
	NetAddr name;
	struct iovec *iov;
	uint8_t *control;
} NetMsg;

static void msg_free(NetMsg *m)
{
	g_free(m->iov);
	g_free(m->control);
	m->iov = NULL;
	m->control = NULL;
}

static int msg_control_in(LinuxProc *p, NetMsg *m)
{
	uint8_t *guest = g_malloc(m->g.controllen);
	if (gmem_read(p->mem, m->g.control, guest, m->g.controllen) < 0) {
		g_free(guest);
		return -EFAULT;
	}
	size_t cap = conv_cmsg_host_space(p->abi, m->g.controllen);
	m->control = g_malloc0(cap ? cap : 1);
	int64_t n = conv_cmsgs_to_host(p->abi, guest, m->g.controllen, m->control, cap);
	g_free(guest);
	if (n < 0)
		return (int)n;
	m->h.msg_control = n ? m->control : NULL;
	m->h.msg_controllen = (size_t)n;
	return 0;
}

/* Builds m->h from m->g for sending (`recv` false) or receiving. */
static int msg_prepare(LinuxProc *p, NetMsg *m, bool recv)
{
	memset(&m->h, 0, sizeof m->h);
	m->iov = NULL;
	m->control = NULL;
	if (m->g.iovlen > NET_IOV_MAX)
		return -EMSGSIZE;
	m->iov = g_new0(struct iovec, m->g.iovlen ? m->g.iovlen : 1);
	int r = conv_get_iovecs(p->abi, p->mem, m->g.iov, (unsigned)m->g.iovlen,
	                        recv ? PROT_WRITE : PROT_READ, m->iov);
	if (r < 0)
		return r;
	m->h.msg_iov = m->iov;
	m->h.msg_iovlen = m->g.iovlen;
	if (recv && m->g.name) {
		m->h.msg_name = &m->name.ss;
		m->h.msg_namelen = sizeof m->name.ss;
	} else if (!recv && m->g.name) {
		r = net_get_addr(p, m->g.name, m->g.namelen, true, &m->name);
		if (r < 0)
			return r;
		m->h.msg_name = m->name.len ? &m->name.ss : NULL;
		m->h.msg_namelen = m->name.len;
	}
	if (m->g.controllen > NET_CONTROL_MAX)
		return -ENOBUFS;
	if (!m->g.control || !m->g.controllen)
		return 0;
	if (!recv)
		return msg_control_in(p, m);
	size_t cap = conv_cmsg_host_space(p->abi, m->g.controllen);
	m->control = g_malloc0(cap);
	m->h.msg_control = m->control;
	m->h.msg_controllen = cap;
	return 0;
}

/* After a receive: the sender's address, the control data and the flags into m->g and
 * guest memory, as the kernel reports them. */
static int msg_finish_recv(LinuxProc *p, NetMsg *m)
{
	if (m->g.name) {
		uint8_t raw[sizeof(struct sockaddr_storage)];
		size_t n = MIN((size_t)MAX(m->g.namelen, 0), m->h.msg_namelen);
		conv_sockaddr_to_guest(p->abi, &m->name.ss, m->h.msg_namelen, raw);
		if (n && gmem_write(p->mem, m->g.name, raw, n) < 0)
			return -EFAULT;
		m->g.namelen = (int32_t)m->h.msg_namelen;
	}
	int flags = m->h.msg_flags;
	if (m->control) {
		bool ctrunc = false;
		uint8_t *guest = g_malloc0(m->g.controllen);
		size_t used = conv_cmsgs_to_guest(p->abi, m->control, m->h.msg_controllen, guest,
		                                  m->g.controllen, &ctrunc);
		int r = gmem_write(p->mem, m->g.control, guest, used);
		g_free(guest);
		if (r < 0)
			return -EFAULT;
		m->g.controllen = used;
		if (ctrunc)
			flags |= MSG_CTRUNC;
	} else {
		m->g.controllen = 0;
	}
	m->g.flags = (uint32_t)flags;
	return 0;
}

static int64_t msg_send(LinuxProc *p, int fd, NetMsg *m, int flags)
{
	int64_t r = msg_prepare(p, m, false);
	if (r == 0)
		r = net_sendmsg_host(p, fd, &m->h, flags);
	msg_free(m);
	return r;
}

static int64_t msg_recv(LinuxProc *p, int fd, NetMsg *m, int flags)
{
	int64_t r = msg_prepare(p, m, true);
	if (r == 0)
		r = net_recvmsg_host(p, fd, &m->h, flags);
	if (r >= 0) {
		int e = msg_finish_recv(p, m);
		if (e < 0)
			r = e;
	}
	msg_free(m);
	return r;
}

int64_t sys_sendmsg(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	NetMsg m;
	if (conv_get_msghdr(p->abi, p->mem, a[1], &m.g) < 0)
		return -EFAULT;
	return msg_send(p, linux_int(a[0]), &m, linux_int(a[2]));
}

int64_t sys_recvmsg(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	NetMsg m;
	if (conv_get_msghdr(p->abi, p->mem, a[1], &m.g) < 0)
		return -EFAULT;
	int64_t r = msg_recv(p, linux_int(a[0]), &m, linux_int(a[2]));
	if (r >= 0 && conv_put_msghdr(p->abi, p->mem, a[1], &m.g) < 0)
		return -EFAULT;
	return r;
}

/* sendmmsg: messages in order until one fails; the count sent, or the first error when
 * none was. */
int64_t sys_sendmmsg(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	unsigned n = MIN((unsigned)a[2], NET_MMSG_MAX), sent = 0;
	size_t size = conv_mmsghdr_size(p->abi);
	int64_t err = 0;
	for (; sent < n; sent++) {
		ConvMMsgHdr mm;
		uint64_t at = a[1] + sent * size;
		if (conv_get_mmsghdr(p->abi, p->mem, at, &mm) < 0) {
			err = -EFAULT;
			break;
		}
		NetMsg m = {.g = mm.hdr};
		int64_t r = msg_send(p, linux_int(a[0]), &m, linux_int(a[3]));
		if (r < 0) {
			err = r;
			break;
		}
		mm.len = (uint32_t)r;
		if (conv_put_mmsghdr(p->abi, p->mem, at, &mm) < 0) {
			err = -EFAULT;
			break;
		}
	}
	return sent ? (int64_t)sent : err;
}

static int64_t timespec_ns(const struct timespec *t)
{
	return (int64_t)t->tv_sec * 1000000000 + t->tv_nsec;
}

static int64_t now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return timespec_ns(&t);
}

/* One message of recvmmsg at index i: 1 received, 0 stop, or -errno. */
static int64_t mmsg_recv_one(LinuxProc *p, int fd, uint64_t at, int flags)
{
	ConvMMsgHdr mm;
	if (conv_get_mmsghdr(p->abi, p->mem, at, &mm) < 0)
		return -EFAULT;
	NetMsg m = {.g = mm.hdr};
	int64_t r = msg_recv(p, fd, &m, flags);
	if (r < 0)
		return r;
	mm.hdr = m.g;
	mm.len = (uint32_t)r;
	if (conv_put_mmsghdr(p->abi, p->mem, at, &mm) < 0)
		return -EFAULT;
	return (m.g.flags & MSG_OOB) ? 0 : 1;
}

/* recvmmsg: receives until the vector is full, a receive fails, out-of-band data
 * arrives, or the timeout (checked after each message, as the kernel does) runs out;
 * MSG_WAITFORONE turns on MSG_DONTWAIT after the first message. */
int64_t sys_recvmmsg(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	unsigned n = MIN((unsigned)a[2], NET_MMSG_MAX), got = 0;
	int flags = linux_int(a[3]), fd = linux_int(a[0]);
	size_t size = conv_mmsghdr_size(p->abi);
	struct timespec limit;
	int64_t deadline = 0, err = 0;
	if (a[4]) {
		if (conv_get_timespec(p->abi, p->mem, a[4], &limit) < 0)
			return -EFAULT;
		if (limit.tv_sec < 0 || limit.tv_nsec < 0 || limit.tv_nsec >= 1000000000)
			return -EINVAL;
		deadline = now_ns() + timespec_ns(&limit);
	}
	while (got < n) {
		int64_t r = mmsg_recv_one(p, fd, a[1] + got * size, flags);
		if (r < 0) {
			err = r;
			break;
		}
		got++;
		if (flags & MSG_WAITFORONE)
			flags |= MSG_DONTWAIT;
		if (!r || (a[4] && now_ns() >= deadline))
			break;
	}
	if (a[4]) {
		int64_t left = MAX(deadline - now_ns(), 0);
		struct timespec rem = {left / 1000000000, left % 1000000000};
		if (conv_put_timespec(p->abi, p->mem, a[4], &rem) < 0)
			return -EFAULT;
	}
	return got ? (int64_t)got : err;
}
