/* AF_UNIX sockets: stream, datagram and seqpacket socket pairs, an abstract-name and a
 * path-name listener, MSG_PEEK, MSG_DONTWAIT, MSG_TRUNC, passing descriptors with
 * SCM_RIGHTS (and what a too-small control buffer keeps), SCM_CREDENTIALS with
 * SO_PASSCRED, and sendmmsg/recvmmsg. Everything stays inside this process; the output
 * holds no pids, paths or descriptor numbers, so it is the same on every run. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static void check(int ok, const char *what)
{
	if (!ok) {
		printf("FAILED: %s (%s)\n", what, strerror(errno));
		exit(1);
	}
}

static void pair_stream(void)
{
	int sv[2];
	char buf[32] = {0};
	check(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0, "socketpair stream");
	check(write(sv[0], "hello stream", 12) == 12, "write");
	ssize_t n = recv(sv[1], buf, 5, MSG_PEEK);
	printf("stream peek %zd '%.*s'\n", n, (int)n, buf);
	n = read(sv[1], buf, sizeof buf);
	printf("stream read %zd '%.*s'\n", n, (int)n, buf);
	n = recv(sv[1], buf, sizeof buf, MSG_DONTWAIT);
	printf("stream empty: %zd %s\n", n, errno == EAGAIN ? "EAGAIN" : strerror(errno));
	check(shutdown(sv[0], SHUT_WR) == 0, "shutdown");
	printf("after shutdown: %zd\n", read(sv[1], buf, sizeof buf));
	close(sv[0]);
	close(sv[1]);
}

static void pair_dgram(int type, const char *name)
{
	int sv[2];
	char buf[32];
	check(socketpair(AF_UNIX, type | SOCK_CLOEXEC, 0, sv) == 0, "socketpair");
	printf("%s cloexec: %d\n", name, (fcntl(sv[0], F_GETFD) & FD_CLOEXEC) != 0);
	check(send(sv[0], "one", 3, 0) == 3 && send(sv[0], "second", 6, 0) == 6, "send");
	ssize_t n = recv(sv[1], buf, sizeof buf, 0);
	printf("%s first %zd '%.*s'\n", name, n, (int)n, buf);
	struct iovec v = {buf, 3};
	struct msghdr m = {.msg_iov = &v, .msg_iovlen = 1};
	n = recvmsg(sv[1], &m, 0);
	printf("%s short buffer %zd '%.*s' trunc %d\n", name, n, (int)n, buf,
	       (m.msg_flags & MSG_TRUNC) != 0);
	close(sv[0]);
	close(sv[1]);
}

static void listener(int abstract)
{
	struct sockaddr_un a = {.sun_family = AF_UNIX};
	socklen_t len;
	if (abstract) {
		snprintf(a.sun_path + 1, sizeof a.sun_path - 1, "ferry-net-unix-%d", (int)getpid());
		len = offsetof(struct sockaddr_un, sun_path) + 1 + strlen(a.sun_path + 1);
	} else {
		const char *dir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
		snprintf(a.sun_path, sizeof a.sun_path, "%s/ferry-sock-%d", dir, (int)getpid());
		unlink(a.sun_path);
		len = offsetof(struct sockaddr_un, sun_path) + strlen(a.sun_path) + 1;
	}
	const char *kind = abstract ? "abstract" : "path";
	int s = socket(AF_UNIX, SOCK_STREAM, 0);
	check(s >= 0 && bind(s, (struct sockaddr *)&a, len) == 0 && listen(s, 4) == 0, "listen");
	struct sockaddr_un got;
	socklen_t glen = sizeof got;
	check(getsockname(s, (struct sockaddr *)&got, &glen) == 0, "getsockname");
	printf("%s name: family %d, same %d\n", kind, got.sun_family,
	       glen == len && memcmp(&got, &a, len) == 0);
	int c = socket(AF_UNIX, SOCK_STREAM, 0);
	check(connect(c, (struct sockaddr *)&a, len) == 0, "connect");
	glen = sizeof got;
	int d = accept4(s, (struct sockaddr *)&got, &glen, SOCK_NONBLOCK);
	check(d >= 0, "accept4");
	printf("%s accepted: peer name length %u, nonblock %d\n", kind, (unsigned)glen,
	       (fcntl(d, F_GETFL) & O_NONBLOCK) != 0);
	glen = sizeof got;
	check(getpeername(c, (struct sockaddr *)&got, &glen) == 0, "getpeername");
	printf("%s peer same %d\n", kind, glen == len && memcmp(&got, &a, len) == 0);
	char buf[16];
	check(write(c, "ping", 4) == 4, "write");
	ssize_t n = read(d, buf, sizeof buf);
	printf("%s got %zd '%.*s'\n", kind, n, (int)n, buf);
	close(c);
	close(d);
	close(s);
	if (!abstract)
		unlink(a.sun_path);
}

/* Sends `n` descriptors in one SCM_RIGHTS record. */
static void send_fds(int sock, const int *fds, int n)
{
	char cbuf[CMSG_SPACE(4 * sizeof(int))] = {0};
	struct iovec v = {"F", 1};
	struct msghdr m = {.msg_iov = &v,
	                   .msg_iovlen = 1,
	                   .msg_control = cbuf,
	                   .msg_controllen = CMSG_SPACE(n * sizeof(int))};
	struct cmsghdr *c = CMSG_FIRSTHDR(&m);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(n * sizeof(int));
	memcpy(CMSG_DATA(c), fds, n * sizeof(int));
	check(sendmsg(sock, &m, 0) == 1, "sendmsg SCM_RIGHTS");
}

static void rights(void)
{
	int sv[2], p[2];
	check(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) == 0 && pipe(p) == 0, "pair");
	check(write(p[1], "through the pipe", 16) == 16, "write pipe");
	send_fds(sv[0], &p[0], 1);
	char buf[32], cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec v = {buf, sizeof buf};
	struct msghdr m = {
	    .msg_iov = &v, .msg_iovlen = 1, .msg_control = cbuf, .msg_controllen = sizeof cbuf};
	check(recvmsg(sv[1], &m, MSG_CMSG_CLOEXEC) == 1, "recvmsg SCM_RIGHTS");
	struct cmsghdr *c = CMSG_FIRSTHDR(&m);
	check(c != NULL, "a control message");
	printf("rights: level %d type %d len ok %d controllen ok %d flags %#x\n", c->cmsg_level,
	       c->cmsg_type, c->cmsg_len == CMSG_LEN(sizeof(int)),
	       m.msg_controllen == CMSG_SPACE(sizeof(int)), m.msg_flags);
	int fd;
	memcpy(&fd, CMSG_DATA(c), sizeof fd);
	printf("rights: new fd %d, cloexec %d\n", fd != p[0],
	       (fcntl(fd, F_GETFD) & FD_CLOEXEC) != 0);
	ssize_t n = read(fd, buf, sizeof buf);
	printf("rights: read %zd '%.*s'\n", n, (int)n, buf);
	close(fd);

	/* Two descriptors, room for one: the second never arrives and MSG_CTRUNC says so. */
	int two[2] = {p[0], p[1]};
	send_fds(sv[0], two, 2);
	m.msg_controllen = CMSG_LEN(sizeof(int));
	m.msg_flags = 0;
	check(recvmsg(sv[1], &m, 0) == 1, "recvmsg truncated");
	c = CMSG_FIRSTHDR(&m);
	printf("truncated: ctrunc %d, fds %d\n", (m.msg_flags & MSG_CTRUNC) != 0,
	       c ? (int)((c->cmsg_len - CMSG_LEN(0)) / sizeof(int)) : 0);
	if (c) {
		memcpy(&fd, CMSG_DATA(c), sizeof fd);
		close(fd);
	}

	/* No control buffer at all. */
	send_fds(sv[0], &p[0], 1);
	m.msg_control = NULL;
	m.msg_controllen = 0;
	m.msg_flags = 0;
	check(recvmsg(sv[1], &m, 0) == 1, "recvmsg without control");
	printf("no control buffer: ctrunc %d\n", (m.msg_flags & MSG_CTRUNC) != 0);
	close(p[0]);
	close(p[1]);
	close(sv[0]);
	close(sv[1]);
}

static void credentials(void)
{
	int sv[2], on = 1;
	check(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) == 0, "pair");
	check(setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &on, sizeof on) == 0, "SO_PASSCRED");
	int val = 0;
	socklen_t len = sizeof val;
	check(getsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &val, &len) == 0, "get SO_PASSCRED");
	printf("SO_PASSCRED %d len %u\n", val, (unsigned)len);
	check(send(sv[0], "c", 1, 0) == 1, "send");
	char buf[4], cbuf[CMSG_SPACE(sizeof(struct ucred))];
	struct iovec v = {buf, sizeof buf};
	struct msghdr m = {
	    .msg_iov = &v, .msg_iovlen = 1, .msg_control = cbuf, .msg_controllen = sizeof cbuf};
	check(recvmsg(sv[1], &m, 0) == 1, "recvmsg");
	struct cmsghdr *c = CMSG_FIRSTHDR(&m);
	check(c && c->cmsg_type == SCM_CREDENTIALS, "SCM_CREDENTIALS");
	struct ucred u;
	memcpy(&u, CMSG_DATA(c), sizeof u);
	printf("credentials len ok %d, matches: %s\n", c->cmsg_len == CMSG_LEN(sizeof u),
	       u.pid == getpid() && u.uid == getuid() && u.gid == getgid() ? "yes" : "no");

	/* Explicit credentials from the sender. */
	struct ucred mine = {getpid(), getuid(), getgid()};
	char sbuf[CMSG_SPACE(sizeof mine)] = {0};
	struct iovec sv_iov = {"d", 1};
	struct msghdr sm = {.msg_iov = &sv_iov,
	                    .msg_iovlen = 1,
	                    .msg_control = sbuf,
	                    .msg_controllen = sizeof sbuf};
	c = CMSG_FIRSTHDR(&sm);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_CREDENTIALS;
	c->cmsg_len = CMSG_LEN(sizeof mine);
	memcpy(CMSG_DATA(c), &mine, sizeof mine);
	check(sendmsg(sv[0], &sm, 0) == 1, "sendmsg SCM_CREDENTIALS");
	m.msg_controllen = sizeof cbuf;
	check(recvmsg(sv[1], &m, 0) == 1, "recvmsg 2");
	c = CMSG_FIRSTHDR(&m);
	memcpy(&u, CMSG_DATA(c), sizeof u);
	printf("sent credentials matches: %s\n",
	       u.pid == mine.pid && u.uid == mine.uid ? "yes" : "no");

	struct ucred peer;
	len = sizeof peer;
	int s2[2];
	check(socketpair(AF_UNIX, SOCK_STREAM, 0, s2) == 0, "pair");
	check(getsockopt(s2[0], SOL_SOCKET, SO_PEERCRED, &peer, &len) == 0, "SO_PEERCRED");
	printf("SO_PEERCRED len %u matches: %s\n", (unsigned)len,
	       peer.pid == getpid() && peer.uid == getuid() ? "yes" : "no");
	close(s2[0]);
	close(s2[1]);
	close(sv[0]);
	close(sv[1]);
}

static void batches(void)
{
	int sv[2];
	check(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) == 0, "pair");
	const char *words[3] = {"alpha", "be", "gamma-delta"};
	struct iovec out[3];
	struct mmsghdr msgs[3];
	memset(msgs, 0, sizeof msgs);
	for (int i = 0; i < 3; i++) {
		out[i].iov_base = (void *)words[i];
		out[i].iov_len = strlen(words[i]);
		msgs[i].msg_hdr.msg_iov = &out[i];
		msgs[i].msg_hdr.msg_iovlen = 1;
	}
	printf("sendmmsg %d:", sendmmsg(sv[0], msgs, 3, 0));
	for (int i = 0; i < 3; i++)
		printf(" %u", msgs[i].msg_len);
	printf("\n");
	char bufs[4][16];
	struct iovec in[4];
	struct mmsghdr rm[4];
	memset(rm, 0, sizeof rm);
	for (int i = 0; i < 4; i++) {
		in[i].iov_base = bufs[i];
		in[i].iov_len = sizeof bufs[i];
		rm[i].msg_hdr.msg_iov = &in[i];
		rm[i].msg_hdr.msg_iovlen = 1;
	}
	int n = recvmmsg(sv[1], rm, 4, MSG_DONTWAIT, NULL);
	printf("recvmmsg %d:", n);
	for (int i = 0; i < n; i++)
		printf(" '%.*s'", (int)rm[i].msg_len, bufs[i]);
	printf("\n");
	n = recvmmsg(sv[1], rm, 4, MSG_DONTWAIT, NULL);
	printf("recvmmsg empty %d %s\n", n, errno == EAGAIN ? "EAGAIN" : strerror(errno));
	close(sv[0]);
	close(sv[1]);
}

int main(void)
{
	pair_stream();
	pair_dgram(SOCK_DGRAM, "dgram");
	pair_dgram(SOCK_SEQPACKET, "seqpacket");
	listener(1);
	listener(0);
	rights();
	credentials();
	batches();
	int bad = socket(AF_UNIX, SOCK_STREAM | 0x100000, 0);
	printf("bad type flag: %d %s\n", bad, bad < 0 && errno == EINVAL ? "EINVAL" : "?");
	return 0;
}
