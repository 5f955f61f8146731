/*
 * Socket creation, naming, connection and the address-taking send/receive calls. Guest
 * sockets are host sockets (descriptors are shared), so each handler converts the
 * socket type word and socket addresses (conv_net.c) and makes the host call; data
 * buffers are guest memory handed straight to the host. Path-named AF_UNIX sockets are
 * file-system objects: connecting to or sending to one looks its path up through the
 * -L sysroot like any other absolute path, while bind creates the name as given, like
 * mknod or mkdir. Abstract names are not paths and pass unchanged.
 */
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <glib.h>

#include "loader/loader.h"
#include "syscall/linux/conv.h"
#include "syscall/linux/net.h"
#include "syscall/linux/proc_state.h"
#include "syscall/linux/sys.h"

/* A path-named AF_UNIX address looked up through the sysroot. */
static int unix_path_lookup(LinuxProc *p, NetAddr *a)
{
	struct sockaddr_un *un = (struct sockaddr_un *)&a->ss;
	size_t max = a->len - offsetof(struct sockaddr_un, sun_path);
	if (!p->sysroot || a->len <= offsetof(struct sockaddr_un, sun_path) ||
	    un->sun_path[0] != '/')
		return 0;
	char *path = g_strndup(un->sun_path, MIN(max, sizeof un->sun_path));
	char *host = loader_resolve_path(p->sysroot, path);
	int r = 0;
	if (strcmp(host, path) != 0) {
		size_t n = strlen(host);
		if (n >= sizeof un->sun_path) {
			r = -ENAMETOOLONG;
		} else {
			memcpy(un->sun_path, host, n + 1);
			a->len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n + 1);
		}
	}
	g_free(host);
	g_free(path);
	return r;
}

int net_get_addr(LinuxProc *p, uint64_t addr, int64_t len, bool lookup, NetAddr *out)
{
	uint8_t raw[sizeof out->ss];
	out->len = 0;
	if (len < 0 || len > (int64_t)sizeof out->ss)
		return -EINVAL;
	if (len == 0)
		return 0;
	if (gmem_read(p->mem, addr, raw, (size_t)len) < 0)
		return -EFAULT;
	memset(&out->ss, 0, sizeof out->ss);
	conv_sockaddr_to_host(p->abi, raw, (size_t)len, &out->ss);
	out->len = (socklen_t)len;
	if (lookup && out->ss.ss_family == AF_UNIX)
		return unix_path_lookup(p, out);
	return 0;
}

int net_get_len(LinuxProc *p, uint64_t lenp, socklen_t *len)
{
	uint32_t v;
	if (conv_get_u32(p->abi, p->mem, lenp, &v) < 0)
		return -EFAULT;
	if ((int32_t)v < 0)
		return -EINVAL;
	*len = v;
	return 0;
}

int net_put_addr(LinuxProc *p, uint64_t addr, uint64_t lenp, const void *host, socklen_t len)
{
	socklen_t room;
	int r = net_get_len(p, lenp, &room);
	if (r < 0)
		return r;
	uint8_t raw[sizeof(struct sockaddr_storage)];
	size_t n = MIN(MIN(room, len), sizeof raw);
	if (n) {
		conv_sockaddr_to_guest(p->abi, host, MIN(len, sizeof raw), raw);
		if (gmem_write(p->mem, addr, raw, n) < 0)
			return -EFAULT;
	}
	return conv_put_u32(p->abi, p->mem, lenp, len) < 0 ? -EFAULT : 0;
}

int64_t sys_socket(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	int type = conv_sock_type_to_host(p->abi, (uint32_t)a[1], true);
	if (type < 0)
		return type;
	return linux_ret(socket(linux_int(a[0]), type, linux_int(a[2])));
}

int64_t sys_socketpair(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	int type = conv_sock_type_to_host(p->abi, (uint32_t)a[1], true), sv[2];
	if (type < 0)
		return type;
	if (!gmem_access_ok(p->mem, a[3], 8, PROT_WRITE))
		return -EFAULT;
	if (socketpair(linux_int(a[0]), type, linux_int(a[2]), sv) < 0)
		return -errno;
	conv_put_u32(p->abi, p->mem, a[3], (uint32_t)sv[0]);
	conv_put_u32(p->abi, p->mem, a[3] + 4, (uint32_t)sv[1]);
	return 0;
}

int64_t sys_bind(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	NetAddr na;
	int r = net_get_addr(p, a[1], linux_int(a[2]), false, &na);
	if (r < 0)
		return r;
	return linux_ret(bind(linux_int(a[0]), (struct sockaddr *)&na.ss, na.len));
}

int64_t sys_connect(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	NetAddr na;
	int r = net_get_addr(p, a[1], linux_int(a[2]), true, &na);
	if (r < 0)
		return r;
	return linux_blocking_syscall(SYS_connect, linux_int(a[0]), (struct sockaddr *)&na.ss,
	                              na.len);
}

int64_t sys_listen(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return linux_ret(listen(linux_int(a[0]), linux_int(a[1])));
}

int64_t sys_shutdown(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return linux_ret(shutdown(linux_int(a[0]), linux_int(a[1])));
}

static int64_t do_accept(LinuxProc *p, const uint64_t a[6], uint32_t guest_flags)
{
	int flags = conv_sock_type_to_host(p->abi, guest_flags, false);
	if (flags < 0)
		return flags;
	socklen_t room = 0;
	if (a[1]) {
		int r = net_get_len(p, a[2], &room);
		if (r < 0)
			return r;
	}
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss;
	int fd = (int)linux_blocking_syscall(SYS_accept4, linux_int(a[0]),
	                                     a[1] ? (struct sockaddr *)&ss : NULL,
	                                     a[1] ? &len : NULL, flags);
	if (fd < 0)
		return fd;
	if (a[1]) {
		int r = net_put_addr(p, a[1], a[2], &ss, len);
		if (r < 0) {
			close(fd);
			return r;
		}
	}
	return fd;
}

int64_t sys_accept(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return do_accept(p, a, 0);
}

int64_t sys_accept4(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return do_accept(p, a, (uint32_t)a[3]);
}

typedef int (*NameFn)(int, struct sockaddr *, socklen_t *);

static int64_t do_name(LinuxProc *p, const uint64_t a[6], NameFn fn)
{
	socklen_t room;
	int r = net_get_len(p, a[2], &room);
	if (r < 0)
		return r;
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss;
	if (fn(linux_int(a[0]), (struct sockaddr *)&ss, &len) < 0)
		return -errno;
	return net_put_addr(p, a[1], a[2], &ss, len);
}

int64_t sys_getsockname(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return do_name(p, a, getsockname);
}

int64_t sys_getpeername(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	return do_name(p, a, getpeername);
}

/* The guest buffer [addr, addr+len) as one host iovec, checked for `prot`. */
static int one_iov(LinuxProc *p, uint64_t addr, uint64_t len, int prot, struct iovec *v)
{
	if (len > SSIZE_MAX)
		return -EINVAL;
	if (len && !gmem_access_ok(p->mem, addr, len, prot))
		return -EFAULT;
	v->iov_base = len ? gmem_g2h(p->mem, addr) : NULL;
	v->iov_len = len;
	return 0;
}

int64_t sys_sendto(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	struct iovec v;
	NetAddr to = {.len = 0};
	int r = one_iov(p, a[1], a[2], PROT_READ, &v);
	if (r == 0 && a[4])
		r = net_get_addr(p, a[4], linux_int(a[5]), true, &to);
	if (r < 0)
		return r;
	struct msghdr m = {.msg_name = to.len ? &to.ss : NULL,
	                   .msg_namelen = to.len,
	                   .msg_iov = &v,
	                   .msg_iovlen = 1};
	return net_sendmsg_host(p, linux_int(a[0]), &m, linux_int(a[3]));
}

int64_t sys_recvfrom(LinuxProc *p, CpuCommon *cpu, const uint64_t a[6])
{
	struct iovec v;
	struct sockaddr_storage from;
	int r = one_iov(p, a[1], a[2], PROT_WRITE, &v);
	if (r < 0)
		return r;
	struct msghdr m = {.msg_name = a[4] ? &from : NULL,
	                   .msg_namelen = a[4] ? sizeof from : 0,
	                   .msg_iov = &v,
	                   .msg_iovlen = 1};
	int64_t ret = net_recvmsg_host(p, linux_int(a[0]), &m, linux_int(a[3]));
	if (ret >= 0 && a[4]) {
		r = net_put_addr(p, a[4], a[5], &from, m.msg_namelen);
		if (r < 0)
			return r;
	}
	return ret;
}
