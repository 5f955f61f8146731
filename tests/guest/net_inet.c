/* TCP and UDP over loopback (127.0.0.1, and ::1 when the machine has it; the same skip
 * logic runs natively): listen/connect/accept4 on an ephemeral port, the names each
 * side sees, send/recv/shutdown, UDP sendto/recvfrom with IP_PKTINFO and SO_TIMESTAMP
 * control messages, and socket option round trips (SO_REUSEADDR, SO_RCVBUF, SO_LINGER,
 * TCP_NODELAY, TCP_KEEP*, SO_RCVTIMEO producing EAGAIN, SO_TYPE/DOMAIN/PROTOCOL).
 * Ports are never printed, only whether they agree. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static void check(int ok, const char *what)
{
	if (!ok) {
		printf("FAILED: %s (%s)\n", what, strerror(errno));
		exit(1);
	}
}

static int get_int(int s, int level, int name)
{
	int v = -1;
	socklen_t len = sizeof v;
	check(getsockopt(s, level, name, &v, &len) == 0 && len == sizeof v, "getsockopt int");
	return v;
}

static void set_int(int s, int level, int name, int v)
{
	check(setsockopt(s, level, name, &v, sizeof v) == 0, "setsockopt int");
}

static void tcp_options(int s)
{
	set_int(s, IPPROTO_TCP, TCP_NODELAY, 1);
	printf("TCP_NODELAY %d\n", get_int(s, IPPROTO_TCP, TCP_NODELAY) != 0);
	set_int(s, SOL_SOCKET, SO_KEEPALIVE, 1);
	set_int(s, IPPROTO_TCP, TCP_KEEPIDLE, 77);
	set_int(s, IPPROTO_TCP, TCP_KEEPINTVL, 9);
	set_int(s, IPPROTO_TCP, TCP_KEEPCNT, 4);
	printf("keepalive %d idle %d intvl %d cnt %d\n", get_int(s, SOL_SOCKET, SO_KEEPALIVE),
	       get_int(s, IPPROTO_TCP, TCP_KEEPIDLE), get_int(s, IPPROTO_TCP, TCP_KEEPINTVL),
	       get_int(s, IPPROTO_TCP, TCP_KEEPCNT));
	printf("SO_RCVBUF %s\n", get_int(s, SOL_SOCKET, SO_RCVBUF) > 0 ? "nonzero" : "zero");
	printf("SO_TYPE %d SO_DOMAIN %d SO_PROTOCOL %d SO_ERROR %d\n",
	       get_int(s, SOL_SOCKET, SO_TYPE) == SOCK_STREAM,
	       get_int(s, SOL_SOCKET, SO_DOMAIN) == AF_INET,
	       get_int(s, SOL_SOCKET, SO_PROTOCOL) == IPPROTO_TCP,
	       get_int(s, SOL_SOCKET, SO_ERROR));
	struct linger l = {1, 3}, back;
	socklen_t len = sizeof back;
	check(setsockopt(s, SOL_SOCKET, SO_LINGER, &l, sizeof l) == 0, "SO_LINGER");
	check(getsockopt(s, SOL_SOCKET, SO_LINGER, &back, &len) == 0, "get SO_LINGER");
	printf("SO_LINGER %d %d len %u\n", back.l_onoff, back.l_linger, (unsigned)len);
	char cc[16] = {0};
	len = sizeof cc;
	check(getsockopt(s, IPPROTO_TCP, TCP_CONGESTION, cc, &len) == 0, "TCP_CONGESTION");
	printf("TCP_CONGESTION named %d\n", len > 0 && cc[0] != 0);
	struct tcp_info ti;
	len = sizeof ti;
	check(getsockopt(s, IPPROTO_TCP, TCP_INFO, &ti, &len) == 0, "TCP_INFO");
	printf("TCP_INFO established %d\n", ti.tcpi_state == 1);
}

static void rcvtimeo(int s)
{
	struct timeval tv = {0, 100000}, back;
	socklen_t len = sizeof back;
	check(setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) == 0, "SO_RCVTIMEO");
	check(getsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &back, &len) == 0, "get SO_RCVTIMEO");
	printf("SO_RCVTIMEO %ld.%06ld len %u\n", (long)back.tv_sec, (long)back.tv_usec,
	       (unsigned)len);
	char c;
	ssize_t n = recv(s, &c, 1, 0);
	printf("recv with timeout: %zd %s\n", n, errno == EAGAIN ? "EAGAIN" : strerror(errno));
}

static void tcp4(void)
{
	int s = socket(AF_INET, SOCK_STREAM, 0);
	check(s >= 0, "socket");
	set_int(s, SOL_SOCKET, SO_REUSEADDR, 1);
	printf("SO_REUSEADDR %d\n", get_int(s, SOL_SOCKET, SO_REUSEADDR));
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	check(bind(s, (struct sockaddr *)&a, sizeof a) == 0 && listen(s, 8) == 0, "listen");
	socklen_t len = sizeof a;
	check(getsockname(s, (struct sockaddr *)&a, &len) == 0, "getsockname");
	char ip[INET_ADDRSTRLEN];
	printf("listening: family %d len %u addr %s port %s\n", a.sin_family == AF_INET,
	       (unsigned)len, inet_ntop(AF_INET, &a.sin_addr, ip, sizeof ip),
	       a.sin_port ? "ephemeral" : "zero");
	int c = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	check(connect(c, (struct sockaddr *)&a, sizeof a) == 0, "connect");
	struct sockaddr_in peer, local;
	len = sizeof peer;
	int d = accept4(s, (struct sockaddr *)&peer, &len, SOCK_CLOEXEC);
	check(d >= 0, "accept4");
	socklen_t llen = sizeof local;
	check(getsockname(c, (struct sockaddr *)&local, &llen) == 0, "client name");
	printf("accepted: peer is client %d, cloexec %d\n",
	       peer.sin_port == local.sin_port && peer.sin_addr.s_addr == local.sin_addr.s_addr,
	       (fcntl(d, F_GETFD) & FD_CLOEXEC) != 0);
	len = sizeof peer;
	check(getpeername(c, (struct sockaddr *)&peer, &len) == 0, "getpeername");
	printf("client peer is server %d\n", peer.sin_port == a.sin_port && len == sizeof peer);
	check(send(c, "request", 7, 0) == 7, "send");
	char buf[32];
	ssize_t n = recv(d, buf, sizeof buf, 0);
	printf("server got %zd '%.*s'\n", n, (int)n, buf);
	check(send(d, "reply!", 6, MSG_NOSIGNAL) == 6, "send reply");
	n = recv(c, buf, 3, MSG_WAITALL);
	printf("client got %zd '%.*s'\n", n, (int)n, buf);
	n = recv(c, buf, sizeof buf, MSG_PEEK);
	printf("client peeks %zd '%.*s'\n", n, (int)n, buf);
	n = recv(c, buf, sizeof buf, 0);
	tcp_options(c);
	rcvtimeo(c);
	check(shutdown(c, SHUT_WR) == 0, "shutdown");
	printf("server sees end: %zd\n", recv(d, buf, sizeof buf, 0));
	close(c);
	close(d);
	close(s);
}

/* The first control message of (level, type), or NULL. */
static struct cmsghdr *find_cmsg(struct msghdr *m, int level, int type)
{
	for (struct cmsghdr *c = CMSG_FIRSTHDR(m); c; c = CMSG_NXTHDR(m, c))
		if (c->cmsg_level == level && c->cmsg_type == type)
			return c;
	return NULL;
}

static void udp4(void)
{
	int r = socket(AF_INET, SOCK_DGRAM, 0), s = socket(AF_INET, SOCK_DGRAM, 0);
	check(r >= 0 && s >= 0, "udp sockets");
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t len = sizeof a;
	check(bind(r, (struct sockaddr *)&a, sizeof a) == 0, "bind");
	check(getsockname(r, (struct sockaddr *)&a, &len) == 0, "getsockname");
	set_int(r, IPPROTO_IP, IP_PKTINFO, 1);
	set_int(r, SOL_SOCKET, SO_TIMESTAMP, 1);
	check(sendto(s, "datagram", 8, 0, (struct sockaddr *)&a, sizeof a) == 8, "sendto");
	char buf[32];
	struct sockaddr_in from;
	len = sizeof from;
	ssize_t n = recvfrom(r, buf, sizeof buf, MSG_PEEK, (struct sockaddr *)&from, &len);
	struct sockaddr_in sname;
	socklen_t slen = sizeof sname;
	check(getsockname(s, (struct sockaddr *)&sname, &slen) == 0, "sender name");
	printf("udp peek %zd '%.*s' from sender %d len %u\n", n, (int)n, buf,
	       from.sin_port == sname.sin_port, (unsigned)len);
	union {
		char b[256];
		struct cmsghdr align;
	} cbuf;
	struct iovec v = {buf, sizeof buf};
	struct msghdr m = {.msg_name = &from,
	                   .msg_namelen = sizeof from,
	                   .msg_iov = &v,
	                   .msg_iovlen = 1,
	                   .msg_control = cbuf.b,
	                   .msg_controllen = sizeof cbuf};
	n = recvmsg(r, &m, 0);
	printf("udp recvmsg %zd '%.*s' namelen %u\n", n, (int)n, buf, (unsigned)m.msg_namelen);
	struct cmsghdr *c = find_cmsg(&m, IPPROTO_IP, IP_PKTINFO);
	if (c) {
		struct in_pktinfo pi;
		memcpy(&pi, CMSG_DATA(c), sizeof pi);
		char ip[INET_ADDRSTRLEN];
		printf("IP_PKTINFO len ok %d ifindex %s addr %s\n",
		       c->cmsg_len == CMSG_LEN(sizeof pi), pi.ipi_ifindex > 0 ? "set" : "unset",
		       inet_ntop(AF_INET, &pi.ipi_addr, ip, sizeof ip));
	} else {
		printf("IP_PKTINFO missing\n");
	}
	c = find_cmsg(&m, SOL_SOCKET, SCM_TIMESTAMP);
	if (c) {
		struct timeval tv;
		memcpy(&tv, CMSG_DATA(c), sizeof tv);
		long d = (long)(time(NULL) - tv.tv_sec);
		printf("SCM_TIMESTAMP len ok %d recent %d\n", c->cmsg_len == CMSG_LEN(sizeof tv),
		       d >= -2 && d <= 60 && tv.tv_usec >= 0 && tv.tv_usec < 1000000);
	} else {
		printf("SCM_TIMESTAMP missing\n");
	}
	n = recv(r, buf, sizeof buf, MSG_DONTWAIT);
	printf("udp empty %zd %s\n", n, errno == EAGAIN ? "EAGAIN" : strerror(errno));
	close(r);
	close(s);
}

static void inet6(void)
{
	int s = socket(AF_INET6, SOCK_STREAM, 0);
	struct sockaddr_in6 a = {.sin6_family = AF_INET6, .sin6_addr = IN6ADDR_LOOPBACK_INIT};
	int on = 1;
	if (s >= 0)
		setsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, &on, sizeof on);
	if (s < 0 || bind(s, (struct sockaddr *)&a, sizeof a) < 0) {
		printf("ipv6: skipped\n");
		if (s >= 0)
			close(s);
		return;
	}
	printf("IPV6_V6ONLY %d\n", get_int(s, IPPROTO_IPV6, IPV6_V6ONLY));
	socklen_t len = sizeof a;
	check(listen(s, 2) == 0 && getsockname(s, (struct sockaddr *)&a, &len) == 0, "listen6");
	char ip[INET6_ADDRSTRLEN];
	printf("ipv6 listening: family %d len %u addr %s\n", a.sin6_family == AF_INET6,
	       (unsigned)len, inet_ntop(AF_INET6, &a.sin6_addr, ip, sizeof ip));
	int c = socket(AF_INET6, SOCK_STREAM, 0);
	check(connect(c, (struct sockaddr *)&a, sizeof a) == 0, "connect6");
	struct sockaddr_in6 peer;
	len = sizeof peer;
	int d = accept(s, (struct sockaddr *)&peer, &len);
	check(d >= 0, "accept6");
	printf("ipv6 peer %s scope %u\n", inet_ntop(AF_INET6, &peer.sin6_addr, ip, sizeof ip),
	       peer.sin6_scope_id);
	char buf[8];
	check(write(c, "six", 3) == 3, "write6");
	ssize_t n = read(d, buf, sizeof buf);
	printf("ipv6 got %zd '%.*s'\n", n, (int)n, buf);
	close(c);
	close(d);
	close(s);
}

int main(void)
{
	tcp4();
	udp4();
	inet6();
	return 0;
}
