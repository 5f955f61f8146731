/*
 * The data path of every socket send and receive, and where netlink sockets get their
 * byte order converted. Netlink messages are in the byte order of the machine, which for
 * a guest of the host's order needs nothing; for an opposite-endian guest a message
 * headed for a netlink socket is gathered into one buffer, converted
 * (conv_netlink_to_host) and sent, and a received one lands in a buffer, is converted
 * back (conv_netlink_to_guest) and scattered into the guest's iovecs. The socket's
 * family and protocol come from the host (SO_DOMAIN, SO_PROTOCOL), so no per-descriptor
 * state is kept. read()/write() on a netlink socket bypass this path.
 */
#include <errno.h>
#include <glib.h>
#include <string.h>
#include <sys/socket.h>

#include "syscall/linux/conv.h"
#include "syscall/linux/net.h"
#include "syscall/linux/proc_state.h"
#include "syscall/linux/safe_syscall.h"

/* The netlink protocol of fd when its data needs converting, else -1. */
static int netlink_protocol(LinuxProc *p, int fd)
{
	if (!conv_netlink_swaps(p->abi))
		return -1;
	int domain = 0, protocol = 0;
	socklen_t len = sizeof domain;
	if (getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &domain, &len) < 0 || domain != AF_NETLINK)
		return -1;
	len = sizeof protocol;
	if (getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &protocol, &len) < 0)
		return -1;
	return protocol;
}

static size_t iov_total(const struct msghdr *m)
{
	size_t n = 0;
	for (size_t i = 0; i < m->msg_iovlen; i++)
		n += m->msg_iov[i].iov_len;
	return n;
}

int64_t net_sendmsg_host(LinuxProc *p, int fd, struct msghdr *m, int flags)
{
	int protocol = netlink_protocol(p, fd);
	if (protocol < 0)
		return linux_blocking_syscall(SYS_sendmsg, fd, m, flags);
	size_t total = iov_total(m), off = 0;
	uint8_t *buf = g_malloc(total ? total : 1);
	for (size_t i = 0; i < m->msg_iovlen; i++) {
		memcpy(buf + off, m->msg_iov[i].iov_base, m->msg_iov[i].iov_len);
		off += m->msg_iov[i].iov_len;
	}
	conv_netlink_to_host(p->abi, protocol, buf, total);
	struct iovec one = {buf, total};
	struct msghdr h = *m;
	h.msg_iov = &one;
	h.msg_iovlen = 1;
	int64_t r = linux_blocking_syscall(SYS_sendmsg, fd, &h, flags);
	g_free(buf);
	return r;
}

int64_t net_recvmsg_host(LinuxProc *p, int fd, struct msghdr *m, int flags)
{
	int protocol = netlink_protocol(p, fd);
	if (protocol < 0)
		return linux_blocking_syscall(SYS_recvmsg, fd, m, flags);
	size_t total = iov_total(m);
	uint8_t *buf = g_malloc(total ? total : 1);
	struct iovec one = {buf, total};
	struct msghdr h = *m;
	h.msg_iov = &one;
	h.msg_iovlen = 1;
	int64_t r = linux_blocking_syscall(SYS_recvmsg, fd, &h, flags);
	if (r >= 0) {
		size_t got = MIN((size_t)r, total), off = 0;
		conv_netlink_to_guest(p->abi, protocol, buf, got);
		for (size_t i = 0; i < m->msg_iovlen && off < got; i++) {
			size_t n = MIN(m->msg_iov[i].iov_len, got - off);
			memcpy(m->msg_iov[i].iov_base, buf + off, n);
			off += n;
		}
		m->msg_namelen = h.msg_namelen;
		m->msg_controllen = h.msg_controllen;
		m->msg_flags = h.msg_flags;
	}
	g_free(buf);
	return r;
}
