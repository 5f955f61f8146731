/* Route netlink: getifaddrs() finds the loopback interface with 127.0.0.1, and raw
 * NETLINK_ROUTE requests (an RTM_GETLINK dump, an RTM_GETADDR dump, an RTM_GETROUTE dump
 * of the local table, and a request that fails with an NLMSG_ERROR) report loopback's
 * index, flags and routes consistently. Only loopback facts are printed. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <ifaddrs.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static void check(int ok, const char *what)
{
	if (!ok) {
		printf("FAILED: %s (%s)\n", what, strerror(errno));
		exit(1);
	}
}

static void with_getifaddrs(void)
{
	struct ifaddrs *list;
	check(getifaddrs(&list) == 0, "getifaddrs");
	int found = 0, loopback = 0;
	char mask[INET_ADDRSTRLEN] = "";
	for (struct ifaddrs *i = list; i; i = i->ifa_next) {
		if (strcmp(i->ifa_name, "lo") || !i->ifa_addr || i->ifa_addr->sa_family != AF_INET)
			continue;
		struct sockaddr_in *a = (struct sockaddr_in *)i->ifa_addr;
		if (a->sin_addr.s_addr != htonl(INADDR_LOOPBACK))
			continue;
		found = 1;
		loopback = (i->ifa_flags & IFF_LOOPBACK) && (i->ifa_flags & IFF_UP);
		if (i->ifa_netmask)
			inet_ntop(AF_INET, &((struct sockaddr_in *)i->ifa_netmask)->sin_addr, mask,
			          sizeof mask);
	}
	printf("getifaddrs: lo with 127.0.0.1 %s, loopback+up %d, netmask %s\n",
	       found ? "found" : "missing", loopback, mask);
	freeifaddrs(list);
}

static int nl_open(void)
{
	int s = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	check(s >= 0, "netlink socket");
	struct sockaddr_nl a = {.nl_family = AF_NETLINK};
	check(bind(s, (struct sockaddr *)&a, sizeof a) == 0, "bind netlink");
	socklen_t len = sizeof a;
	check(getsockname(s, (struct sockaddr *)&a, &len) == 0, "getsockname netlink");
	return s;
}

/* Sends a request whose family header is `hdr` (hdr_len bytes). */
static void nl_request(int s, int type, int flags, const void *hdr, size_t hdr_len)
{
	struct {
		struct nlmsghdr nh;
		char body[64];
	} req;
	memset(&req, 0, sizeof req);
	req.nh.nlmsg_len = NLMSG_LENGTH(hdr_len);
	req.nh.nlmsg_type = type;
	req.nh.nlmsg_flags = NLM_F_REQUEST | flags;
	req.nh.nlmsg_seq = 42;
	memcpy(req.body, hdr, hdr_len);
	struct sockaddr_nl kernel = {.nl_family = AF_NETLINK};
	check(sendto(s, &req, req.nh.nlmsg_len, 0, (struct sockaddr *)&kernel, sizeof kernel) ==
	          (ssize_t)req.nh.nlmsg_len,
	      "netlink sendto");
}

typedef void (*NlVisit)(struct nlmsghdr *h, void *ctx);

/* Reads replies until NLMSG_DONE or an error; returns the error (0 for DONE). */
static int nl_dump(int s, NlVisit visit, void *ctx)
{
	static char buf[32768];
	for (;;) {
		struct sockaddr_nl from;
		struct iovec v = {buf, sizeof buf};
		struct msghdr m = {
		    .msg_name = &from, .msg_namelen = sizeof from, .msg_iov = &v, .msg_iovlen = 1};
		ssize_t n = recvmsg(s, &m, 0);
		check(n > 0, "netlink recvmsg");
		check(from.nl_family == AF_NETLINK && from.nl_pid == 0, "reply from the kernel");
		for (struct nlmsghdr *h = (void *)buf; NLMSG_OK(h, (size_t)n);
		     h = NLMSG_NEXT(h, n)) {
			check(h->nlmsg_seq == 42, "sequence number");
			if (h->nlmsg_type == NLMSG_DONE)
				return 0;
			if (h->nlmsg_type == NLMSG_ERROR)
				return ((struct nlmsgerr *)NLMSG_DATA(h))->error;
			visit(h, ctx);
		}
	}
}

typedef struct Link {
	int index, flags, mtu_seen;
} Link;

static void visit_link(struct nlmsghdr *h, void *ctx)
{
	Link *lo = ctx;
	struct ifinfomsg *ifi = NLMSG_DATA(h);
	int len = IFLA_PAYLOAD(h), is_lo = 0, mtu = 0;
	for (struct rtattr *a = IFLA_RTA(ifi); RTA_OK(a, len); a = RTA_NEXT(a, len)) {
		if (a->rta_type == IFLA_IFNAME && strcmp(RTA_DATA(a), "lo") == 0)
			is_lo = 1;
		if (a->rta_type == IFLA_MTU)
			memcpy(&mtu, RTA_DATA(a), sizeof mtu);
	}
	if (is_lo) {
		lo->index = ifi->ifi_index;
		lo->flags = ifi->ifi_flags;
		lo->mtu_seen = mtu > 0;
	}
}

static void visit_addr(struct nlmsghdr *h, void *ctx)
{
	int *index = ctx;
	struct ifaddrmsg *ifa = NLMSG_DATA(h);
	int len = IFA_PAYLOAD(h);
	for (struct rtattr *a = IFA_RTA(ifa); RTA_OK(a, len); a = RTA_NEXT(a, len)) {
		uint32_t addr;
		if (a->rta_type != IFA_LOCAL || RTA_PAYLOAD(a) != 4)
			continue;
		memcpy(&addr, RTA_DATA(a), 4);
		if (addr == htonl(INADDR_LOOPBACK) && ifa->ifa_family == AF_INET)
			*index = (int)ifa->ifa_index;
	}
}

static void visit_route(struct nlmsghdr *h, void *ctx)
{
	int *oif_of_local = ctx;
	struct rtmsg *rt = NLMSG_DATA(h);
	int len = RTM_PAYLOAD(h), oif = 0, dst_lo = 0, table = rt->rtm_table;
	if (rt->rtm_family != AF_INET || rt->rtm_type != RTN_LOCAL || rt->rtm_dst_len != 32)
		return;
	for (struct rtattr *a = RTM_RTA(rt); RTA_OK(a, len); a = RTA_NEXT(a, len)) {
		uint32_t v;
		if (RTA_PAYLOAD(a) != 4)
			continue;
		memcpy(&v, RTA_DATA(a), 4);
		if (a->rta_type == RTA_DST && v == htonl(INADDR_LOOPBACK))
			dst_lo = 1;
		if (a->rta_type == RTA_OIF)
			oif = (int)v;
		if (a->rta_type == RTA_TABLE)
			table = (int)v;
	}
	if (dst_lo && table == RT_TABLE_LOCAL)
		*oif_of_local = oif;
}

int main(void)
{
	with_getifaddrs();
	int s = nl_open();

	struct ifinfomsg ifi = {.ifi_family = AF_UNSPEC};
	Link lo = {-1, 0, 0};
	nl_request(s, RTM_GETLINK, NLM_F_DUMP, &ifi, sizeof ifi);
	printf("link dump: %d\n", nl_dump(s, visit_link, &lo));
	printf("lo: index found %d, loopback %d, up %d, mtu attribute %d\n", lo.index > 0,
	       (lo.flags & IFF_LOOPBACK) != 0, (lo.flags & IFF_UP) != 0, lo.mtu_seen);

	struct ifaddrmsg ifa = {.ifa_family = AF_INET};
	int addr_index = -2;
	nl_request(s, RTM_GETADDR, NLM_F_DUMP, &ifa, sizeof ifa);
	printf("addr dump: %d\n", nl_dump(s, visit_addr, &addr_index));
	printf("127.0.0.1 is on lo's index: %s\n", addr_index == lo.index ? "yes" : "no");

	struct rtmsg rt = {.rtm_family = AF_INET, .rtm_table = RT_TABLE_LOCAL};
	int oif = -3;
	nl_request(s, RTM_GETROUTE, NLM_F_DUMP, &rt, sizeof rt);
	printf("route dump: %d\n", nl_dump(s, visit_route, &oif));
	printf("local route to 127.0.0.1 goes out lo: %s\n", oif == lo.index ? "yes" : "no");

	/* A link that does not exist: the kernel answers with an NLMSG_ERROR. */
	struct ifinfomsg none = {.ifi_family = AF_UNSPEC, .ifi_index = 0x7ffffff0};
	nl_request(s, RTM_GETLINK, NLM_F_ACK, &none, sizeof none);
	int err = nl_dump(s, visit_link, &lo);
	printf("missing link: %s\n", err == -ENODEV ? "ENODEV" : strerror(-err));
	close(s);
	return 0;
}
