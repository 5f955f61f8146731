/*
 * Unit tests of the socket part of the conversion module: msghdr/mmsghdr layouts,
 * control messages both ways with their alignment, lengths and truncation rules, socket
 * addresses, interface requests (ifreq, ifconf), option values and netlink messages,
 * each checked byte by byte for a 32-bit big-endian guest description (the case where
 * every conversion does something) and against the riscv64 ABI where the layouts equal
 * the host's.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "syscall/abi/abi.h"
#include "syscall/linux/conv.h"
#include "tests/unit/suites.h"

static const LinuxAbi abi_be32 = {.isa = "test32be", .word_bits = 32, .big_endian = true};
static const LinuxAbi abi_be64 = {.isa = "test64be", .word_bits = 64, .big_endian = true};

static void put_be(uint8_t *p, unsigned size, uint64_t v)
{
	for (unsigned i = 0; i < size; i++)
		p[i] = (uint8_t)(v >> (8 * (size - 1 - i)));
}

static uint64_t get_be(const uint8_t *p, unsigned size)
{
	uint64_t v = 0;
	for (unsigned i = 0; i < size; i++)
		v = v << 8 | p[i];
	return v;
}

START_TEST(msghdr_layouts)
{
	ck_assert_uint_eq(conv_layout_size(&abi_be32, conv_layout_msghdr), 28);
	ck_assert_uint_eq(conv_layout_size(&linux_abi, conv_layout_msghdr), 56);
	ck_assert_uint_eq(conv_field_offset(&abi_be32, conv_layout_msghdr, 5), 20);
	ck_assert_uint_eq(conv_field_offset(&linux_abi, conv_layout_msghdr, 5), 40);
	ck_assert_uint_eq(conv_field_offset(&linux_abi, conv_layout_msghdr, 6), 48);
	ck_assert_uint_eq(conv_mmsghdr_size(&abi_be32), 32);
	ck_assert_uint_eq(conv_mmsghdr_size(&linux_abi), 64);

	ConvMsgHdr h = {.name = 0x1000,
	                .namelen = 16,
	                .iov = 0x2000,
	                .iovlen = 3,
	                .control = 0x3000,
	                .controllen = 44,
	                .flags = MSG_CTRUNC};
	uint8_t g[28];
	conv_encode(&abi_be32, conv_layout_msghdr, &h, g);
	ck_assert_uint_eq(get_be(g, 4), 0x1000);
	ck_assert_uint_eq(get_be(g + 4, 4), 16);
	ck_assert_uint_eq(get_be(g + 12, 4), 3);
	ck_assert_uint_eq(get_be(g + 20, 4), 44);
	ck_assert_uint_eq(get_be(g + 24, 4), MSG_CTRUNC);
	ConvMsgHdr back;
	conv_decode(&abi_be32, conv_layout_msghdr, g, &back);
	ck_assert_uint_eq(back.control, 0x3000);
	ck_assert_int_eq(back.namelen, 16);
}
END_TEST

/* A guest record: cmsg_len, level, type in guest order; returns its aligned size. */
static size_t guest_cmsg(const LinuxAbi *abi, uint8_t *at, int level, int type,
                         const uint8_t *payload, size_t len)
{
	size_t w = abi->word_bits / 8, hdr = conv_cmsg_hdr_size(abi);
	put_be(at, w, hdr + len);
	put_be(at + w, 4, level);
	put_be(at + w + 4, 4, type);
	memcpy(at + hdr, payload, len);
	return conv_cmsg_align(abi, hdr + len);
}

START_TEST(cmsgs_guest_to_host_be32)
{
	ck_assert_uint_eq(conv_cmsg_hdr_size(&abi_be32), 12);
	ck_assert_uint_eq(conv_cmsg_align(&abi_be32, 21), 24);
	uint8_t g[64] = {0}, p[12];
	put_be(p, 4, 7);
	put_be(p + 4, 4, 9);
	size_t off = guest_cmsg(&abi_be32, g, SOL_SOCKET, SCM_RIGHTS, p, 8);
	ck_assert_uint_eq(off, 20);
	put_be(p, 4, 1234);
	put_be(p + 4, 4, 1000);
	put_be(p + 8, 4, 100);
	off += guest_cmsg(&abi_be32, g + off, SOL_SOCKET, SCM_CREDENTIALS, p, 12);
	ck_assert_uint_eq(off, 44);

	uint8_t host[256];
	int64_t n =
	    conv_cmsgs_to_host(&abi_be32, g, off, host, conv_cmsg_host_space(&abi_be32, off));
	ck_assert_int_eq(n, CMSG_SPACE(8) + CMSG_SPACE(12));
	struct msghdr mh = {.msg_control = host, .msg_controllen = (size_t)n};
	struct cmsghdr *c = CMSG_FIRSTHDR(&mh);
	ck_assert_uint_eq(c->cmsg_len, CMSG_LEN(8));
	ck_assert_int_eq(c->cmsg_type, SCM_RIGHTS);
	int fds[2];
	memcpy(fds, CMSG_DATA(c), 8);
	ck_assert_int_eq(fds[0], 7);
	ck_assert_int_eq(fds[1], 9);
	c = CMSG_NXTHDR(&mh, c);
	ck_assert_ptr_nonnull(c);
	struct ucred u;
	memcpy(&u, CMSG_DATA(c), sizeof u);
	ck_assert_int_eq(u.pid, 1234);
	ck_assert_uint_eq(u.uid, 1000);
	ck_assert_uint_eq(u.gid, 100);

	/* A record shorter than its header, or longer than the buffer, is refused. */
	put_be(g, 4, 8);
	ck_assert_int_eq(conv_cmsgs_to_host(&abi_be32, g, off, host, sizeof host), -EINVAL);
	put_be(g, 4, 60);
	ck_assert_int_eq(conv_cmsgs_to_host(&abi_be32, g, off, host, sizeof host), -EINVAL);
}
END_TEST

/* Appends a host record. */
static size_t host_cmsg(uint8_t *buf, size_t off, int level, int type, const void *data, size_t len)
{
	struct cmsghdr *c = (struct cmsghdr *)(buf + off);
	memset(c, 0, CMSG_SPACE(len));
	c->cmsg_len = CMSG_LEN(len);
	c->cmsg_level = level;
	c->cmsg_type = type;
	memcpy(CMSG_DATA(c), data, len);
	return off + CMSG_SPACE(len);
}

START_TEST(cmsgs_host_to_guest_be32)
{
	uint8_t host[128], g[64];
	struct timeval tv = {1700000000, 123456};
	struct in_pktinfo pi = {.ipi_ifindex = 1, .ipi_addr.s_addr = htonl(INADDR_LOOPBACK)};
	size_t n = host_cmsg(host, 0, SOL_SOCKET, SO_TIMESTAMP_OLD, &tv, sizeof tv);
	n = host_cmsg(host, n, IPPROTO_IP, IP_PKTINFO, &pi, sizeof pi);
	bool ctrunc = false;
	memset(g, 0xee, sizeof g);
	size_t used = conv_cmsgs_to_guest(&abi_be32, host, n, g, sizeof g, &ctrunc);
	ck_assert(!ctrunc);
	ck_assert_uint_eq(used, 20 + 24);
	ck_assert_uint_eq(get_be(g, 4), 20); /* a 32-bit timeval: 8 bytes of payload */
	ck_assert_uint_eq(get_be(g + 4, 4), SOL_SOCKET);
	ck_assert_uint_eq(get_be(g + 8, 4), SO_TIMESTAMP_OLD);
	ck_assert_uint_eq(get_be(g + 12, 4), 1700000000);
	ck_assert_uint_eq(get_be(g + 16, 4), 123456);
	ck_assert_uint_eq(get_be(g + 20, 4), 24);
	ck_assert_uint_eq(get_be(g + 32, 4), 1);               /* ipi_ifindex */
	ck_assert_uint_eq(get_be(g + 40, 4), INADDR_LOOPBACK); /* network order bytes */

	/* A 64-bit big-endian guest: 16-byte header, 16-byte timeval. */
	used = conv_cmsgs_to_guest(&abi_be64, host, n, g, sizeof g, &ctrunc);
	ck_assert_uint_eq(used, 32 + 32);
	ck_assert_uint_eq(get_be(g, 8), 32);
	ck_assert_uint_eq(get_be(g + 16, 8), 1700000000);

	/* Cut short: the record is truncated to the room and MSG_CTRUNC reported. */
	used = conv_cmsgs_to_guest(&abi_be32, host, n, g, 16, &ctrunc);
	ck_assert(ctrunc);
	ck_assert_uint_eq(used, 16);
	ck_assert_uint_eq(get_be(g, 4), 16);
	/* No room for even a header. */
	ctrunc = false;
	ck_assert_uint_eq(conv_cmsgs_to_guest(&abi_be32, host, n, g, 8, &ctrunc), 0);
	ck_assert(ctrunc);
}
END_TEST

START_TEST(cmsg_rights_truncation_closes_fds)
{
	int fds[3];
	for (int i = 0; i < 3; i++)
		fds[i] = open("/dev/null", O_RDONLY);
	uint8_t host[64], g[64];
	size_t n = host_cmsg(host, 0, SOL_SOCKET, SCM_RIGHTS, fds, sizeof fds);
	bool ctrunc = false;
	size_t used = conv_cmsgs_to_guest(&abi_be32, host, n, g, 12 + 4, &ctrunc);
	ck_assert(ctrunc);
	ck_assert_uint_eq(used, 16);
	ck_assert_uint_eq(get_be(g, 4), 16);
	ck_assert_uint_eq(get_be(g + 12, 4), (uint32_t)fds[0]);
	ck_assert_int_ge(fcntl(fds[0], F_GETFD), 0);
	ck_assert_int_eq(fcntl(fds[1], F_GETFD), -1);
	ck_assert_int_eq(fcntl(fds[2], F_GETFD), -1);
	close(fds[0]);
}
END_TEST

START_TEST(sockaddr_family_order)
{
	uint8_t g[28] = {0}, h[28], back[28];
	put_be(g, 2, AF_INET6);
	g[2] = 0x1f, g[3] = 0x90; /* port 8080, network order */
	g[8 + 15] = 1;            /* ::1 */
	put_be(g + 24, 4, 5);     /* sin6_scope_id, a host-endian integer */
	conv_sockaddr_to_host(&abi_be32, g, sizeof g, h);
	struct sockaddr_in6 s6;
	memcpy(&s6, h, sizeof s6);
	ck_assert_int_eq(s6.sin6_family, AF_INET6);
	ck_assert_int_eq(ntohs(s6.sin6_port), 8080);
	ck_assert_uint_eq(s6.sin6_scope_id, 5);
	ck_assert(IN6_IS_ADDR_LOOPBACK(&s6.sin6_addr));
	conv_sockaddr_to_guest(&abi_be32, h, sizeof h, back);
	ck_assert_mem_eq(back, g, sizeof g);

	/* AF_UNIX with a short path: family converted, path bytes kept. */
	uint8_t u[8] = {0, AF_UNIX, '/', 't', 'm', 'p', 0, 0};
	conv_sockaddr_to_host(&abi_be32, u, 7, h);
	ck_assert_uint_eq(h[0], AF_UNIX);
	ck_assert_uint_eq(h[1], 0);
	ck_assert_mem_eq(h + 2, "/tmp", 5);
	/* Same byte order: nothing changes. */
	conv_sockaddr_to_host(&linux_abi, h, 7, back);
	ck_assert_mem_eq(back, h, 7);
}
END_TEST

/* struct ifreq is 32 bytes on a 32-bit guest: the name, then a 16-byte union. */
START_TEST(ifreq_be32)
{
	ck_assert_uint_eq(conv_ifreq_size(&abi_be32), 32);
	ck_assert_uint_eq(conv_ifreq_size(&linux_abi), sizeof(struct ifreq));

	uint8_t g[32] = "lo";
	put_be(g + 16, 2, AF_INET);
	memcpy(g + 20, "\x7f\x00\x00\x01", 4);
	struct ifreq h;
	conv_ifreq_to_host(&abi_be32, g, CONV_IFR_SOCKADDR, &h);
	ck_assert_str_eq(h.ifr_name, "lo");
	ck_assert_int_eq(h.ifr_addr.sa_family, AF_INET);
	ck_assert_uint_eq(((struct sockaddr_in *)&h.ifr_addr)->sin_addr.s_addr,
	                  htonl(INADDR_LOOPBACK));
	uint8_t back[32];
	memset(back, 0, sizeof back);
	conv_ifreq_to_guest(&abi_be32, &h, CONV_IFR_SOCKADDR, back);
	ck_assert_mem_eq(back, g, sizeof g);

	/* The hardware address: an ARPHRD_* family and raw bytes. */
	h.ifr_hwaddr.sa_family = 772; /* ARPHRD_LOOPBACK */
	memcpy(h.ifr_hwaddr.sa_data, "\x02\x00\x5e\x10\x20\x30", 6);
	conv_ifreq_to_guest(&abi_be32, &h, CONV_IFR_SOCKADDR, back);
	ck_assert_uint_eq(get_be(back + 16, 2), 772);
	ck_assert_mem_eq(back + 18, "\x02\x00\x5e\x10\x20\x30", 6);

	/* Flags, a short; an index, an int: in guest order at the union's start. */
	memset(back, 0xee, sizeof back);
	h.ifr_flags = IFF_UP | IFF_LOOPBACK | IFF_RUNNING;
	conv_ifreq_to_guest(&abi_be32, &h, CONV_IFR_SHORT, back);
	ck_assert_str_eq((char *)back, "lo");
	ck_assert_uint_eq(get_be(back + 16, 2), IFF_UP | IFF_LOOPBACK | IFF_RUNNING);
	ck_assert_uint_eq(back[18], 0xee); /* the rest of the union is left alone */
	put_be(g + 16, 4, 0x01020304);
	conv_ifreq_to_host(&abi_be32, g, CONV_IFR_INT, &h);
	ck_assert_int_eq(h.ifr_ifindex, 0x01020304);

	/* struct ifmap: two longs, a short and three bytes, 16 bytes on this guest. */
	memset(&h, 0, sizeof h);
	h.ifr_map.mem_start = 0xd0000;
	h.ifr_map.mem_end = 0xdffff;
	h.ifr_map.base_addr = 0x300;
	h.ifr_map.irq = 9;
	h.ifr_map.port = 2;
	conv_ifreq_to_guest(&abi_be32, &h, CONV_IFR_MAP, back);
	ck_assert_uint_eq(get_be(back + 16, 4), 0xd0000);
	ck_assert_uint_eq(get_be(back + 20, 4), 0xdffff);
	ck_assert_uint_eq(get_be(back + 24, 2), 0x300);
	ck_assert_uint_eq(back[26], 9);
	ck_assert_uint_eq(back[28], 2);
}
END_TEST

START_TEST(ifconf_be32)
{
	/* struct ifconf: an int and a pointer, 8 bytes (16 on a 64-bit guest). */
	ck_assert_uint_eq(conv_layout_size(&abi_be32, conv_layout_ifconf), 8);
	ck_assert_uint_eq(conv_layout_size(&linux_abi, conv_layout_ifconf), sizeof(struct ifconf));
	uint8_t g[8];
	ConvIfconf c = {.len = 64, .buf = 0x10000};
	conv_encode(&abi_be32, conv_layout_ifconf, &c, g);
	ck_assert_uint_eq(get_be(g, 4), 64);
	ck_assert_uint_eq(get_be(g + 4, 4), 0x10000);
	ConvIfconf back;
	conv_decode(&abi_be32, conv_layout_ifconf, g, &back);
	ck_assert_int_eq(back.len, 64);
	ck_assert_uint_eq(back.buf, 0x10000);

	/* Two host entries become two 32-byte guest ones. */
	struct ifreq h[2];
	memset(h, 0, sizeof h);
	strcpy(h[0].ifr_name, "lo");
	strcpy(h[1].ifr_name, "eth0");
	for (int i = 0; i < 2; i++) {
		struct sockaddr_in *a = (struct sockaddr_in *)&h[i].ifr_addr;
		a->sin_family = AF_INET;
		a->sin_addr.s_addr = htonl(INADDR_LOOPBACK + (uint32_t)i);
	}
	uint8_t arr[64];
	memset(arr, 0xee, sizeof arr);
	conv_ifreqs_to_guest(&abi_be32, h, 2, arr);
	ck_assert_str_eq((char *)arr, "lo");
	ck_assert_uint_eq(get_be(arr + 16, 2), AF_INET);
	ck_assert_uint_eq(get_be(arr + 20, 4), INADDR_LOOPBACK);
	ck_assert_uint_eq(arr[31], 0);
	ck_assert_str_eq((char *)arr + 32, "eth0");
	ck_assert_uint_eq(get_be(arr + 32 + 16, 2), AF_INET);
	ck_assert_uint_eq(get_be(arr + 32 + 20, 4), INADDR_LOOPBACK + 1);
}
END_TEST

START_TEST(sockopt_values)
{
	const ConvSockOpt *o = conv_sockopt_lookup(SOL_SOCKET, SO_RCVTIMEO_OLD);
	ck_assert_ptr_nonnull(o);
	uint8_t g[8], h[16], back[8];
	put_be(g, 4, 5);
	put_be(g + 4, 4, 250000);
	ck_assert_uint_eq(conv_transcode(&abi_be32, &conv_host_abi, o->layout, g, 8, h, false),
	                  sizeof(struct timeval));
	struct timeval tv;
	memcpy(&tv, h, sizeof tv);
	ck_assert_int_eq(tv.tv_sec, 5);
	ck_assert_int_eq(tv.tv_usec, 250000);
	ck_assert_uint_eq(conv_transcode(&conv_host_abi, &abi_be32, o->layout, h, 16, back, false),
	                  8);
	ck_assert_mem_eq(back, g, 8);

	/* ip_mreq and ip_mreqn share one description; the length picks the fields. */
	o = conv_sockopt_lookup(IPPROTO_IP, IP_ADD_MEMBERSHIP);
	ck_assert_uint_eq(conv_transcode(&abi_be32, &conv_host_abi, o->layout, g, 8, h, false), 8);
	uint8_t mreqn[12] = {224, 0, 0, 1, 127, 0, 0, 1, 0, 0, 0, 3};
	ck_assert_uint_eq(conv_transcode(&abi_be32, &conv_host_abi, o->layout, mreqn, 12, h, false),
	                  12);
	ck_assert_mem_eq(h, mreqn, 8);
	ck_assert_uint_eq(h[8], 3);

	/* A one-byte value of an int option stays one byte. */
	o = conv_sockopt_lookup(IPPROTO_IP, IP_TTL);
	uint8_t ttl = 64;
	ck_assert_uint_eq(conv_transcode(&abi_be32, &conv_host_abi, o->layout, &ttl, 1, h, false),
	                  1);
	ck_assert_uint_eq(h[0], 64);
	ck_assert_ptr_null(conv_sockopt_lookup(SOL_SOCKET, 9999));
	ck_assert_int_eq(conv_sockopt_lookup(SOL_SOCKET, SO_BINDTODEVICE)->kind, CONV_OPT_BYTES);
}
END_TEST

START_TEST(socket_type_words)
{
	ck_assert_int_eq(conv_sock_type_to_host(&linux_abi, SOCK_STREAM | SOCK_CLOEXEC, true),
	                 SOCK_STREAM | SOCK_CLOEXEC);
	ck_assert_int_eq(conv_sock_type_to_host(&linux_abi, SOCK_NONBLOCK, false), SOCK_NONBLOCK);
	ck_assert_int_eq(conv_sock_type_to_host(&linux_abi, SOCK_DGRAM, false), -EINVAL);
	ck_assert_int_eq(conv_sock_type_to_host(&linux_abi, SOCK_DGRAM | 0x100000, true), -EINVAL);
}
END_TEST

/* A host-order RTM_NEWADDR (ifaddrmsg, IFA_LOCAL, IFA_CACHEINFO, IFA_FLAGS), an
 * NLMSG_ERROR echoing a request, and NLMSG_DONE. Returns the length. */
static size_t build_netlink(uint8_t *buf)
{
	memset(buf, 0, 256);
	struct nlmsghdr *h = (void *)buf;
	h->nlmsg_type = RTM_NEWADDR;
	h->nlmsg_flags = NLM_F_MULTI;
	h->nlmsg_seq = 0x01020304;
	h->nlmsg_pid = 0x0a0b0c0d;
	struct ifaddrmsg *ifa = NLMSG_DATA(h);
	ifa->ifa_family = AF_INET;
	ifa->ifa_prefixlen = 8;
	ifa->ifa_index = 0x11223344;
	size_t len = NLMSG_LENGTH(sizeof *ifa);
	struct rtattr *a = (void *)(buf + NLMSG_ALIGN(len));
	a->rta_type = IFA_LOCAL;
	a->rta_len = RTA_LENGTH(4);
	memcpy(RTA_DATA(a), "\x7f\x00\x00\x01", 4);
	len = NLMSG_ALIGN(len) + RTA_ALIGN(a->rta_len);
	a = (void *)(buf + len);
	a->rta_type = IFA_CACHEINFO;
	a->rta_len = RTA_LENGTH(sizeof(struct ifa_cacheinfo));
	struct ifa_cacheinfo ci = {0xffffffff, 0x10000, 0x55667788, 0x99aabbcc};
	memcpy(RTA_DATA(a), &ci, sizeof ci);
	len += RTA_ALIGN(a->rta_len);
	a = (void *)(buf + len);
	a->rta_type = IFA_FLAGS;
	a->rta_len = RTA_LENGTH(4);
	uint32_t flags = 0x80;
	memcpy(RTA_DATA(a), &flags, 4);
	len += RTA_ALIGN(a->rta_len);
	h->nlmsg_len = (uint32_t)len;

	struct nlmsghdr *e = (void *)(buf + len);
	e->nlmsg_type = NLMSG_ERROR;
	e->nlmsg_flags = NLM_F_CAPPED;
	struct nlmsgerr *err = NLMSG_DATA(e);
	err->error = -ENODEV;
	err->msg.nlmsg_len = 32;
	err->msg.nlmsg_type = RTM_GETLINK;
	e->nlmsg_len = NLMSG_LENGTH(sizeof *err);
	len += NLMSG_ALIGN(e->nlmsg_len);

	struct nlmsghdr *d = (void *)(buf + len);
	d->nlmsg_type = NLMSG_DONE;
	d->nlmsg_len = NLMSG_LENGTH(4);
	len += NLMSG_ALIGN(d->nlmsg_len);
	return len;
}

START_TEST(netlink_big_endian_guest)
{
	uint8_t host[256], g[256];
	size_t len = build_netlink(host);
	memcpy(g, host, len);
	conv_netlink_to_guest(&abi_be32, NETLINK_ROUTE, g, len);
	ck_assert_uint_eq(get_be(g, 4), host[0]);
	ck_assert_uint_eq(get_be(g + 4, 2), RTM_NEWADDR);
	ck_assert_uint_eq(get_be(g + 8, 4), 0x01020304);
	ck_assert_uint_eq(get_be(g + 16 + 4, 4), 0x11223344); /* ifa_index */
	ck_assert_uint_eq(g[16], AF_INET);
	size_t attr = 16 + 8;
	ck_assert_uint_eq(get_be(g + attr, 2), 8);
	ck_assert_uint_eq(get_be(g + attr + 2, 2), IFA_LOCAL);
	ck_assert_mem_eq(g + attr + 4, "\x7f\x00\x00\x01", 4); /* an address: bytes */
	attr += 8;
	ck_assert_uint_eq(get_be(g + attr + 2, 2), IFA_CACHEINFO);
	ck_assert_uint_eq(get_be(g + attr + 4 + 8, 4), 0x55667788);
	attr += 20;
	ck_assert_uint_eq(get_be(g + attr + 4, 4), 0x80);
	size_t err = attr + 8;
	ck_assert_uint_eq(get_be(g + err + 4, 2), NLMSG_ERROR);
	ck_assert_int_eq((int32_t)get_be(g + err + 16, 4), -ENODEV);
	ck_assert_uint_eq(get_be(g + err + 20, 4), 32);          /* echoed nlmsg_len */
	ck_assert_uint_eq(get_be(g + err + 24, 2), RTM_GETLINK); /* echoed type */
	ck_assert_uint_eq(get_be(g + len - 20 + 4, 2), NLMSG_DONE);

	conv_netlink_to_host(&abi_be32, NETLINK_ROUTE, g, len);
	ck_assert_mem_eq(g, host, len);

	/* A little-endian guest sees the host's bytes. */
	conv_netlink_to_guest(&linux_abi, NETLINK_ROUTE, g, len);
	ck_assert_mem_eq(g, host, len);
}
END_TEST

START_TEST(netlink_request_and_truncation)
{
	/* getifaddrs's request: nlmsghdr + a one-byte rtgenmsg. */
	uint8_t g[20] = {0};
	put_be(g, 4, 17);
	put_be(g + 4, 2, RTM_GETLINK);
	put_be(g + 6, 2, NLM_F_REQUEST | NLM_F_DUMP);
	put_be(g + 8, 4, 7);
	g[16] = AF_PACKET;
	conv_netlink_to_host(&abi_be32, NETLINK_ROUTE, g, 20);
	struct nlmsghdr h;
	memcpy(&h, g, sizeof h);
	ck_assert_uint_eq(h.nlmsg_len, 17);
	ck_assert_uint_eq(h.nlmsg_type, RTM_GETLINK);
	ck_assert_uint_eq(h.nlmsg_flags, NLM_F_REQUEST | NLM_F_DUMP);
	ck_assert_uint_eq(h.nlmsg_seq, 7);
	ck_assert_uint_eq(g[16], AF_PACKET);

	/* A message running past the buffer is left alone. */
	uint8_t host[256], copy[256];
	size_t len = build_netlink(host);
	memcpy(copy, host, len);
	conv_netlink_to_guest(&abi_be32, NETLINK_ROUTE, copy, 20);
	ck_assert_mem_eq(copy, host, len);
}
END_TEST

Suite *net_conv_suite(void)
{
	Suite *s = suite_create("net_conv");
	TCase *t = tcase_create("net_conv");
	tcase_add_test(t, msghdr_layouts);
	tcase_add_test(t, cmsgs_guest_to_host_be32);
	tcase_add_test(t, cmsgs_host_to_guest_be32);
	tcase_add_test(t, cmsg_rights_truncation_closes_fds);
	tcase_add_test(t, sockaddr_family_order);
	tcase_add_test(t, ifreq_be32);
	tcase_add_test(t, ifconf_be32);
	tcase_add_test(t, sockopt_values);
	tcase_add_test(t, socket_type_words);
	tcase_add_test(t, netlink_big_endian_guest);
	tcase_add_test(t, netlink_request_and_truncation);
	suite_add_tcase(s, t);
	return s;
}
