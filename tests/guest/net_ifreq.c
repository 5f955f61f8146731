/* Socket ioctls on the loopback interface: SIOCGIFINDEX and SIOCGIFNAME agree, the
 * flags say up and loopback, the address, netmask and hardware address are loopback's,
 * the MTU is positive, SIOCGIFCONF lists lo with 127.0.0.1 (measuring first, then into a
 * buffer, then into a buffer with room for one entry), and SIOCGSTAMP/SIOCGSTAMPNS stamp
 * a datagram sent to 127.0.0.1. Only loopback facts are printed. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#ifndef SIOCGSTAMP
#define SIOCGSTAMP 0x8906
#endif
#ifndef SIOCGSTAMPNS
#define SIOCGSTAMPNS 0x8907
#endif

static void check(int ok, const char *what)
{
	if (!ok) {
		printf("FAILED: %s (%s)\n", what, strerror(errno));
		exit(1);
	}
}

static struct ifreq lo_request(int s, unsigned long req, const char *what)
{
	struct ifreq r;
	memset(&r, 0, sizeof r);
	strcpy(r.ifr_name, "lo");
	check(ioctl(s, req, &r) == 0, what);
	return r;
}

static const char *addr_of(const struct sockaddr *sa, char *buf)
{
	if (sa->sa_family != AF_INET)
		return "not AF_INET";
	return inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, buf,
	                 INET_ADDRSTRLEN);
}

static void single_requests(int s)
{
	char buf[INET_ADDRSTRLEN];
	struct ifreq r = lo_request(s, SIOCGIFINDEX, "SIOCGIFINDEX");
	int index = r.ifr_ifindex;
	printf("index of lo is %s\n", index > 0 ? "positive" : "not positive");
	memset(&r, 0, sizeof r);
	r.ifr_ifindex = index;
	check(ioctl(s, SIOCGIFNAME, &r) == 0, "SIOCGIFNAME");
	printf("name of that index: %s\n", r.ifr_name);

	r = lo_request(s, SIOCGIFFLAGS, "SIOCGIFFLAGS");
	printf("flags: up %d, loopback %d, running %d\n", !!(r.ifr_flags & IFF_UP),
	       !!(r.ifr_flags & IFF_LOOPBACK), !!(r.ifr_flags & IFF_RUNNING));
	r = lo_request(s, SIOCGIFADDR, "SIOCGIFADDR");
	printf("address %s\n", addr_of(&r.ifr_addr, buf));
	r = lo_request(s, SIOCGIFNETMASK, "SIOCGIFNETMASK");
	printf("netmask %s\n", addr_of(&r.ifr_netmask, buf));
	r = lo_request(s, SIOCGIFHWADDR, "SIOCGIFHWADDR");
	int zero = 1;
	for (int i = 0; i < 6; i++)
		zero &= r.ifr_hwaddr.sa_data[i] == 0;
	printf("hardware address: loopback type %d, all zero %d\n",
	       r.ifr_hwaddr.sa_family == ARPHRD_LOOPBACK, zero);
	r = lo_request(s, SIOCGIFMTU, "SIOCGIFMTU");
	printf("mtu %s\n", r.ifr_mtu > 0 ? "positive" : "not positive");
	r = lo_request(s, SIOCGIFMETRIC, "SIOCGIFMETRIC");
	printf("metric %d\n", r.ifr_metric);
	r = lo_request(s, SIOCGIFTXQLEN, "SIOCGIFTXQLEN");
	printf("txqueuelen %s\n", r.ifr_qlen >= 0 ? "not negative" : "negative");
	r = lo_request(s, SIOCGIFMAP, "SIOCGIFMAP");
	printf("map: irq %d, dma %d\n", r.ifr_map.irq, r.ifr_map.dma);

	memset(&r, 0, sizeof r);
	strcpy(r.ifr_name, "no-such-if0");
	int ret = ioctl(s, SIOCGIFINDEX, &r);
	printf("SIOCGIFINDEX of a missing interface: %d %s\n", ret,
	       errno == ENODEV ? "ENODEV" : strerror(errno));
}

/* Whether the ifconf's array names lo with 127.0.0.1. */
static int lists_loopback(const struct ifconf *c)
{
	char buf[INET_ADDRSTRLEN];
	int n = c->ifc_len / (int)sizeof(struct ifreq);
	for (int i = 0; i < n; i++)
		if (!strcmp(c->ifc_req[i].ifr_name, "lo") &&
		    !strcmp(addr_of(&c->ifc_req[i].ifr_addr, buf), "127.0.0.1"))
			return 1;
	return 0;
}

static void interface_list(int s)
{
	struct ifconf c = {.ifc_len = 0, .ifc_buf = NULL};
	check(ioctl(s, SIOCGIFCONF, &c) == 0, "SIOCGIFCONF measuring");
	printf("measured: whole entries %d, at least one %d\n",
	       c.ifc_len % (int)sizeof(struct ifreq) == 0, c.ifc_len >= (int)sizeof(struct ifreq));
	int len = c.ifc_len + 4 * (int)sizeof(struct ifreq);
	struct ifreq *reqs = calloc(1, (size_t)len);
	c.ifc_len = len;
	c.ifc_req = reqs;
	check(ioctl(s, SIOCGIFCONF, &c) == 0, "SIOCGIFCONF");
	printf("listed: whole entries %d, lo with 127.0.0.1 %d\n",
	       c.ifc_len % (int)sizeof(struct ifreq) == 0, lists_loopback(&c));
	/* Room for one entry and a half: one whole entry comes back. */
	c.ifc_len = (int)sizeof(struct ifreq) * 3 / 2;
	check(ioctl(s, SIOCGIFCONF, &c) == 0, "SIOCGIFCONF short");
	printf("short buffer: %d entry\n", c.ifc_len / (int)sizeof(struct ifreq));
	free(reqs);
}

static void stamps(void)
{
	int s = socket(AF_INET, SOCK_DGRAM, 0);
	check(s >= 0, "udp socket");
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	check(bind(s, (struct sockaddr *)&a, sizeof a) == 0, "bind");
	socklen_t len = sizeof a;
	check(getsockname(s, (struct sockaddr *)&a, &len) == 0, "getsockname");
	struct timeval tv;
	int ret = ioctl(s, SIOCGSTAMP, &tv);
	printf("SIOCGSTAMP before any datagram: %d %s\n", ret,
	       errno == ENOENT ? "ENOENT" : strerror(errno));
	check(sendto(s, "x", 1, 0, (struct sockaddr *)&a, sizeof a) == 1, "sendto");
	char c;
	check(recv(s, &c, 1, 0) == 1, "recv");
	struct timeval now;
	gettimeofday(&now, NULL);
	check(ioctl(s, SIOCGSTAMP, &tv) == 0, "SIOCGSTAMP");
	printf("timeval stamp: within a minute of now %d, usec in range %d\n",
	       tv.tv_sec <= now.tv_sec && tv.tv_sec > now.tv_sec - 60,
	       tv.tv_usec >= 0 && tv.tv_usec < 1000000);
	struct timespec ts;
	check(ioctl(s, SIOCGSTAMPNS, &ts) == 0, "SIOCGSTAMPNS");
	printf("timespec stamp: same second %d, nsec in range %d\n", ts.tv_sec == tv.tv_sec,
	       ts.tv_nsec >= 0 && ts.tv_nsec < 1000000000);
	close(s);
}

int main(void)
{
	int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	check(s >= 0, "socket");
	single_requests(s);
	interface_list(s);
	close(s);
	stamps();
	return 0;
}
