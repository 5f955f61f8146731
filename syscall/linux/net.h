/*
 * What the socket handlers (net_socket.c, net_msg.c, net_sockopt.c, net_netlink.c)
 * share: guest socket addresses in and out, and the one data path every send and
 * receive takes, where netlink messages meet the conversion module.
 */
#ifndef FERRY_NET_H
#define FERRY_NET_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>

#include "syscall/linux/proc_state.h"

/* The most a guest may pass as a socket address (the kernel's sockaddr_storage). */
typedef struct NetAddr {
	struct sockaddr_storage ss;
	socklen_t len;
} NetAddr;

/* Reads a guest socket address of `len` bytes into host form (len 0: none). With
 * `lookup`, a path-named AF_UNIX address names an existing socket file and follows the
 * sysroot rule of every other looked-up absolute path; a name being bound is used as it
 * is, like any name being created. */
int net_get_addr(LinuxProc *p, uint64_t addr, int64_t len, bool lookup, NetAddr *out);
/* Writes a host socket address to the guest the kernel's way: at most the guest's
 * *lenp bytes of it, and its full length into *lenp (a guest socklen_t). */
int net_put_addr(LinuxProc *p, uint64_t addr, uint64_t lenp, const void *host, socklen_t len);
/* Reads the guest socklen_t at lenp: -EFAULT, -EINVAL when negative. */
int net_get_len(LinuxProc *p, uint64_t lenp, socklen_t *len);

/* sendmsg/recvmsg on the host with a host msghdr (whose buffers may be guest memory);
 * netlink data of an opposite-endian guest is converted on the way (net_netlink.c).
 * Return the result or -errno. */
int64_t net_sendmsg_host(LinuxProc *p, int fd, struct msghdr *m, int flags);
int64_t net_recvmsg_host(LinuxProc *p, int fd, struct msghdr *m, int flags);

#endif
