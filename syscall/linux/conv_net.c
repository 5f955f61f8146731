/*
 * Socket data between guest and host layouts (see conv_net.h): socket addresses,
 * interface requests (ifreq, ifconf), msghdr/mmsghdr, control messages and socket
 * option values. Every value is described by a ConvField list and moved with
 * conv_transcode between the guest ABI and conv_host_abi, so one description serves
 * 64- and 32-bit, little- and big-endian guests. The option and control-message
 * numbers in the tables are asm-generic's (the host's <asm-generic/socket.h> and
 * <netinet/in.h> names), which every asm-generic guest and the x86-64 host share.
 */
#include "syscall/linux/conv_net.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <linux/filter.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <netinet/udp.h>
#include <string.h>
#include <sys/param.h>
#include <unistd.h>

#include "syscall/linux/conv.h"
#include "syscall/linux/conv_int.h"

/* Values the host's user headers leave out (kernel-internal or uapi-only names). */
enum { NET_SCM_SECURITY = 3, NET_IPV6_FLOWINFO = 11 };

const LinuxAbi conv_host_abi = {.isa = "host", .word_bits = 64, .big_endian = false};

/* ---- socket addresses ---- */

static const ConvField sa_generic[] = {T(CT_U16), END};
static const ConvField sa_inet6[] = {T(CT_U16), B(2), B(4), B(16), T(CT_U32), END};
static const ConvField sa_netlink[] = {T(CT_U16), T(CT_U16), T(CT_U32), T(CT_U32), END};
static const ConvField sa_packet[] = {T(CT_U16), B(2), T(CT_S32), T(CT_U16), B(10), END};

/* Families with host-endian integers past sa_family; the rest (AF_INET, AF_UNIX, ...)
 * are a family and bytes. */
static const struct {
	int family;
	const ConvField *layout;
} sockaddr_layouts[] = {
    {AF_INET6, sa_inet6},
    {AF_NETLINK, sa_netlink},
    {AF_PACKET, sa_packet},
};

static const ConvField *sockaddr_layout(int family)
{
	for (size_t i = 0; i < G_N_ELEMENTS(sockaddr_layouts); i++)
		if (sockaddr_layouts[i].family == family)
			return sockaddr_layouts[i].layout;
	return sa_generic;
}

void conv_sockaddr_to_host(const LinuxAbi *abi, const void *guest, size_t len, void *host)
{
	int family = len >= 2 ? (int)conv_load(abi, guest, 2) : AF_UNSPEC;
	conv_transcode(abi, &conv_host_abi, sockaddr_layout(family), guest, len, host, false);
}

void conv_sockaddr_to_guest(const LinuxAbi *abi, const void *host, size_t len, void *guest)
{
	uint16_t family = AF_UNSPEC;
	if (len >= 2)
		memcpy(&family, host, 2);
	conv_transcode(&conv_host_abi, abi, sockaddr_layout(family), host, len, guest, false);
}

/* ---- socket types ---- */

enum { NET_SOCK_TYPE_MASK = 0xf };

int conv_sock_type_to_host(const LinuxAbi *abi, uint32_t guest, bool with_type)
{
	uint32_t flags = conv_open_flags_to_guest(abi, O_NONBLOCK | O_CLOEXEC);
	uint32_t type = with_type ? guest & NET_SOCK_TYPE_MASK : 0;
	if (guest & ~(flags | type))
		return -EINVAL;
	return (int)type | conv_open_flags_to_host(abi, guest & flags);
}

/* ---- msghdr ---- */

const ConvField conv_layout_msghdr[] = {
    F(CT_ULONG, ConvMsgHdr, name),    F(CT_S32, ConvMsgHdr, namelen),
    F(CT_ULONG, ConvMsgHdr, iov),     F(CT_ULONG, ConvMsgHdr, iovlen),
    F(CT_ULONG, ConvMsgHdr, control), F(CT_ULONG, ConvMsgHdr, controllen),
    F(CT_U32, ConvMsgHdr, flags),     END,
};

/* struct mmsghdr: the msghdr, padded to its word alignment, then msg_len. The msghdr
 * ends with an int, so a 64-bit guest has four bytes of padding before msg_len and a
 * 32-bit guest none; hence one layout per word size. */
#define MMSG_HEAD                                                                                  \
	F(CT_ULONG, ConvMMsgHdr, hdr.name), F(CT_S32, ConvMMsgHdr, hdr.namelen),                   \
	    F(CT_ULONG, ConvMMsgHdr, hdr.iov), F(CT_ULONG, ConvMMsgHdr, hdr.iovlen),               \
	    F(CT_ULONG, ConvMMsgHdr, hdr.control), F(CT_ULONG, ConvMMsgHdr, hdr.controllen),       \
	    F(CT_U32, ConvMMsgHdr, hdr.flags)
static const ConvField layout_mmsghdr64[] = {MMSG_HEAD, PAD(CT_U32), F(CT_U32, ConvMMsgHdr, len),
                                             END};
static const ConvField layout_mmsghdr32[] = {MMSG_HEAD, F(CT_U32, ConvMMsgHdr, len), END};

static const ConvField *mmsghdr_layout(const LinuxAbi *abi)
{
	return abi->word_bits == 64 ? layout_mmsghdr64 : layout_mmsghdr32;
}

PUT_GET(msghdr, conv_layout_msghdr, ConvMsgHdr)
PUT_GET(mmsghdr, mmsghdr_layout(abi), ConvMMsgHdr)

size_t conv_mmsghdr_size(const LinuxAbi *abi)
{
	return conv_layout_size(abi, mmsghdr_layout(abi));
}

/* ---- control messages ---- */

static const ConvField cm_ucred[] = {T(CT_S32), T(CT_U32), T(CT_U32), END};
static const ConvField cm_time_old[] = {T(CT_SLONG), T(CT_SLONG), END};
static const ConvField cm_time64[] = {T(CT_S64), T(CT_S64), END};
static const ConvField cm_u16[] = {T(CT_U16), END};
static const ConvField cm_u32[] = {T(CT_U32), END};
static const ConvField cm_u64[] = {T(CT_U64), END};
static const ConvField cm_in_pktinfo[] = {T(CT_S32), B(4), B(4), END};
static const ConvField cm_in6_pktinfo[] = {B(16), T(CT_S32), END};
static const ConvField cm_sockaddr_in[] = {T(CT_U16), B(14), END};
/* struct sock_extended_err followed by the offender's address. */
#define EXT_ERR T(CT_U32), B(4), T(CT_U32), T(CT_U32)
static const ConvField cm_ext_err4[] = {EXT_ERR, T(CT_U16), B(14), END};
static const ConvField cm_ext_err6[] = {EXT_ERR, T(CT_U16), B(2), B(4), B(16), T(CT_U32), END};
static const ConvField cm_mtuinfo6[] = {T(CT_U16), B(2), B(4), B(16), T(CT_U32), T(CT_U32), END};
const ConvField conv_layout_int[] = {T(CT_S32), END};

typedef struct CmsgDesc {
	int level, type;
	const ConvField *layout; /* NULL: bytes */
	bool repeat;
} CmsgDesc;

static const CmsgDesc cmsg_table[] = {
    {SOL_SOCKET, SCM_RIGHTS, conv_layout_int, true},
    {SOL_SOCKET, SCM_CREDENTIALS, cm_ucred, false},
    {SOL_SOCKET, NET_SCM_SECURITY, NULL, false},
    {SOL_SOCKET, SO_TIMESTAMP_OLD, cm_time_old, false},
    {SOL_SOCKET, SO_TIMESTAMPNS_OLD, cm_time_old, false},
    {SOL_SOCKET, SO_TIMESTAMPING_OLD, cm_time_old, true},
    {SOL_SOCKET, SO_TIMESTAMP_NEW, cm_time64, false},
    {SOL_SOCKET, SO_TIMESTAMPNS_NEW, cm_time64, false},
    {SOL_SOCKET, SO_TIMESTAMPING_NEW, cm_time64, true},
    {SOL_SOCKET, SO_RXQ_OVFL, cm_u32, false},
    {SOL_SOCKET, SO_MARK, cm_u32, false},
    {SOL_SOCKET, SO_PRIORITY, cm_u32, false},
    {SOL_SOCKET, SO_TXTIME, cm_u64, false},
    {SOL_SOCKET, SO_WIFI_STATUS, conv_layout_int, false},
    {SOL_IP, IP_PKTINFO, cm_in_pktinfo, false},
    {SOL_IP, IP_TTL, conv_layout_int, false},
    {SOL_IP, IP_TOS, NULL, false},
    {SOL_IP, IP_RECVERR, cm_ext_err4, false},
    {SOL_IP, IP_ORIGDSTADDR, cm_sockaddr_in, false},
    {SOL_IP, IP_RETOPTS, NULL, false},
    {SOL_IP, IP_RECVOPTS, NULL, false},
    {SOL_IP, IP_RECVFRAGSIZE, conv_layout_int, false},
    {SOL_IP, IP_CHECKSUM, cm_u32, false},
    {SOL_IPV6, IPV6_PKTINFO, cm_in6_pktinfo, false},
    {SOL_IPV6, IPV6_HOPLIMIT, conv_layout_int, false},
    {SOL_IPV6, IPV6_TCLASS, conv_layout_int, false},
    {SOL_IPV6, IPV6_RECVERR, cm_ext_err6, false},
    {SOL_IPV6, IPV6_ORIGDSTADDR, sa_inet6, false},
    {SOL_IPV6, IPV6_PATHMTU, cm_mtuinfo6, false},
    {SOL_IPV6, IPV6_RECVFRAGSIZE, conv_layout_int, false},
    {SOL_UDP, UDP_SEGMENT, cm_u16, false},
    {SOL_UDP, UDP_GRO, conv_layout_int, false},
    {SOL_NETLINK, NETLINK_PKTINFO, cm_u32, false},
};

static const CmsgDesc *cmsg_lookup(int level, int type)
{
	for (size_t i = 0; i < G_N_ELEMENTS(cmsg_table); i++)
		if (cmsg_table[i].level == level && cmsg_table[i].type == type)
			return &cmsg_table[i];
	return NULL;
}

size_t conv_cmsg_align(const LinuxAbi *abi, size_t len)
{
	size_t w = conv_word_bytes(abi);
	return (len + w - 1) & ~(w - 1);
}

/* cmsg_len (a guest size_t), cmsg_level, cmsg_type. */
size_t conv_cmsg_hdr_size(const LinuxAbi *abi)
{
	return conv_cmsg_align(abi, conv_word_bytes(abi) + 8);
}

static bool same_layout(const LinuxAbi *abi)
{
	return abi->word_bits == 64 && !abi->big_endian;
}

size_t conv_cmsg_host_space(const LinuxAbi *abi, size_t guest_len)
{
	/* A guest record's payload at most doubles on the host (guest longs become 64-bit)
	 * and its header grows by at most four bytes, which the doubling covers. */
	return same_layout(abi) ? guest_len : 2 * guest_len + CMSG_SPACE(0);
}

/* The payload length of a record once converted from one ABI to the other. */
static size_t payload_convert(const LinuxAbi *from, const LinuxAbi *to, const CmsgDesc *d,
                              const uint8_t *src, size_t len, uint8_t *dst)
{
	if (!d || !d->layout) {
		if (dst)
			memcpy(dst, src, len);
		return len;
	}
	return conv_transcode(from, to, d->layout, src, len, dst, d->repeat);
}

int64_t conv_cmsgs_to_host(const LinuxAbi *abi, const uint8_t *guest, size_t guest_len,
                           uint8_t *host, size_t host_cap)
{
	size_t gh = conv_cmsg_hdr_size(abi), w = conv_word_bytes(abi), g = 0, h = 0;
	while (g < guest_len && guest_len - g >= gh) {
		uint64_t clen = conv_load(abi, guest + g, w);
		int level = (int32_t)conv_load(abi, guest + g + w, 4);
		int type = (int32_t)conv_load(abi, guest + g + w + 4, 4);
		if (clen < gh || clen > guest_len - g)
			return -EINVAL;
		const CmsgDesc *d = cmsg_lookup(level, type);
		const uint8_t *payload = guest + g + gh;
		size_t hlen = payload_convert(abi, &conv_host_abi, d, payload, clen - gh, NULL);
		if (h + CMSG_SPACE(hlen) > host_cap)
			return -ENOBUFS;
		struct cmsghdr *c = (struct cmsghdr *)(host + h);
		memset(c, 0, CMSG_SPACE(hlen));
		c->cmsg_len = CMSG_LEN(hlen);
		c->cmsg_level = level;
		c->cmsg_type = type;
		payload_convert(abi, &conv_host_abi, d, payload, clen - gh, CMSG_DATA(c));
		h += CMSG_SPACE(hlen);
		g += conv_cmsg_align(abi, clen);
	}
	return (int64_t)h;
}

static void close_fds(const uint8_t *data, unsigned from, unsigned to)
{
	for (unsigned i = from; i < to; i++) {
		int fd;
		memcpy(&fd, data + 4 * i, 4);
		close(fd);
	}
}

/* One host record into the guest buffer at `g` with `room` bytes left; returns the
 * guest bytes it takes (the kernel's CMSG_SPACE, cut to the room). */
static size_t cmsg_one_to_guest(const LinuxAbi *abi, const struct cmsghdr *c, uint8_t *guest,
                                size_t room, bool *ctrunc)
{
	size_t gh = conv_cmsg_hdr_size(abi), w = conv_word_bytes(abi);
	size_t hlen = c->cmsg_len - CMSG_LEN(0);
	const CmsgDesc *d = cmsg_lookup(c->cmsg_level, c->cmsg_type);
	if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
		/* Only whole fds are passed; those without room are never installed. */
		unsigned n = hlen / 4, fit = room > gh ? (room - gh) / 4 : 0;
		if (fit < n) {
			close_fds(CMSG_DATA(c), fit, n);
			*ctrunc = true;
			n = fit;
		}
		if (!n)
			return 0;
		hlen = 4 * n;
	}
	if (room < gh) {
		*ctrunc = true;
		return 0;
	}
	size_t glen = payload_convert(&conv_host_abi, abi, d, CMSG_DATA(c), hlen, NULL);
	uint8_t *payload = g_malloc(glen ? glen : 1);
	payload_convert(&conv_host_abi, abi, d, CMSG_DATA(c), hlen, payload);
	size_t rec = gh + glen, space = conv_cmsg_align(abi, rec);
	if (rec > room) {
		*ctrunc = true;
		rec = room;
	}
	space = MIN(space, room);
	memset(guest, 0, space);
	conv_store(abi, guest, w, rec);
	conv_store(abi, guest + w, 4, (uint32_t)c->cmsg_level);
	conv_store(abi, guest + w + 4, 4, (uint32_t)c->cmsg_type);
	memcpy(guest + gh, payload, rec - gh);
	g_free(payload);
	return space;
}

size_t conv_cmsgs_to_guest(const LinuxAbi *abi, const uint8_t *host, size_t host_len,
                           uint8_t *guest, size_t guest_cap, bool *ctrunc)
{
	struct msghdr mh = {.msg_control = (void *)host, .msg_controllen = host_len};
	size_t g = 0;
	for (struct cmsghdr *c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c)) {
		if (c->cmsg_len < CMSG_LEN(0))
			break;
		g += cmsg_one_to_guest(abi, c, guest + g, guest_cap - g, ctrunc);
	}
	return g;
}

/* ---- interface requests ---- */

static const ConvField layout_ifmap[] = {
    T(CT_ULONG), T(CT_ULONG), T(CT_U16), T(CT_U8), T(CT_U8), T(CT_U8), END,
};

/* The layout of each union member but the address, whose layout follows its family. */
static const ConvField *const ifr_members[] = {
    [CONV_IFR_SHORT] = cm_u16,
    [CONV_IFR_INT] = conv_layout_int,
    [CONV_IFR_MAP] = layout_ifmap,
};

size_t conv_ifreq_size(const LinuxAbi *abi)
{
	return IFNAMSIZ + conv_layout_size(abi, layout_ifmap);
}

void conv_ifreq_to_host(const LinuxAbi *abi, const void *guest, ConvIfrMember member,
                        struct ifreq *host)
{
	const uint8_t *g = guest;
	memset(host, 0, sizeof *host);
	memcpy(host->ifr_name, g, IFNAMSIZ);
	if (member == CONV_IFR_SOCKADDR) {
		conv_sockaddr_to_host(abi, g + IFNAMSIZ, sizeof host->ifr_addr, &host->ifr_addr);
		return;
	}
	const ConvField *l = ifr_members[member];
	conv_transcode(abi, &conv_host_abi, l, g + IFNAMSIZ, conv_layout_size(abi, l),
	               &host->ifr_ifru, false);
}

void conv_ifreq_to_guest(const LinuxAbi *abi, const struct ifreq *host, ConvIfrMember member,
                         void *guest)
{
	uint8_t *g = guest;
	memcpy(g, host->ifr_name, IFNAMSIZ);
	if (member == CONV_IFR_SOCKADDR) {
		conv_sockaddr_to_guest(abi, &host->ifr_addr, sizeof host->ifr_addr, g + IFNAMSIZ);
		return;
	}
	const ConvField *l = ifr_members[member];
	conv_transcode(&conv_host_abi, abi, l, &host->ifr_ifru, conv_layout_size(&conv_host_abi, l),
	               g + IFNAMSIZ, false);
}

const ConvField conv_layout_ifconf[] = {
    F(CT_S32, ConvIfconf, len),
    F(CT_ULONG, ConvIfconf, buf),
    END,
};

PUT_GET(ifconf, conv_layout_ifconf, ConvIfconf)

void conv_ifreqs_to_guest(const LinuxAbi *abi, const struct ifreq *host, unsigned n, void *guest)
{
	size_t size = conv_ifreq_size(abi);
	memset(guest, 0, n * size);
	for (unsigned i = 0; i < n; i++)
		conv_ifreq_to_guest(abi, &host[i], CONV_IFR_SOCKADDR, (uint8_t *)guest + i * size);
}

/* ---- socket option values ---- */

static const ConvField opt_linger[] = {T(CT_S32), T(CT_S32), END};
static const ConvField opt_pair32[] = {T(CT_S32), T(CT_U32),
                                       END}; /* sock_txtime, so_timestamping */
static const ConvField opt_ip_mreqn[] = {B(4), B(4), T(CT_S32), END};
static const ConvField opt_ipv6_mreq[] = {B(16), T(CT_S32), END};
#define U32X4 T(CT_U32), T(CT_U32), T(CT_U32), T(CT_U32)
#define U64X2 T(CT_U64), T(CT_U64)
/* struct tcp_info: eight bytes of states and bit fields, then counters. */
static const ConvField opt_tcp_info[] = {
    B(8),      U32X4,     U32X4,     U32X4,     U32X4,     U32X4, U32X4,     U64X2,
    U64X2,     T(CT_U32), T(CT_U32), U32X4,     T(CT_U64), U64X2, T(CT_U64), T(CT_U32),
    T(CT_U32), U64X2,     U32X4,     T(CT_U32), T(CT_U32), END,
};

/* clang-format off */
#define OPT(l, n, layout) { (l), (n), CONV_OPT_LAYOUT, false, (layout), #n }
#define OPT_ARRAY(l, n, layout) { (l), (n), CONV_OPT_LAYOUT, true, (layout), #n }
#define INT(l, n)   OPT(l, n, conv_layout_int)
#define BYTES(l, n) { (l), (n), CONV_OPT_BYTES, false, NULL, #n }
/* clang-format on */

static const ConvSockOpt sockopt_table[] = {
    INT(SOL_SOCKET, SO_DEBUG),
    INT(SOL_SOCKET, SO_REUSEADDR),
    INT(SOL_SOCKET, SO_TYPE),
    INT(SOL_SOCKET, SO_ERROR),
    INT(SOL_SOCKET, SO_DONTROUTE),
    INT(SOL_SOCKET, SO_BROADCAST),
    INT(SOL_SOCKET, SO_SNDBUF),
    INT(SOL_SOCKET, SO_RCVBUF),
    INT(SOL_SOCKET, SO_SNDBUFFORCE),
    INT(SOL_SOCKET, SO_RCVBUFFORCE),
    INT(SOL_SOCKET, SO_KEEPALIVE),
    INT(SOL_SOCKET, SO_OOBINLINE),
    INT(SOL_SOCKET, SO_NO_CHECK),
    INT(SOL_SOCKET, SO_PRIORITY),
    OPT(SOL_SOCKET, SO_LINGER, opt_linger),
    INT(SOL_SOCKET, SO_BSDCOMPAT),
    INT(SOL_SOCKET, SO_REUSEPORT),
    INT(SOL_SOCKET, SO_PASSCRED),
    OPT(SOL_SOCKET, SO_PEERCRED, cm_ucred),
    INT(SOL_SOCKET, SO_RCVLOWAT),
    INT(SOL_SOCKET, SO_SNDLOWAT),
    OPT(SOL_SOCKET, SO_RCVTIMEO_OLD, cm_time_old),
    OPT(SOL_SOCKET, SO_SNDTIMEO_OLD, cm_time_old),
    OPT(SOL_SOCKET, SO_RCVTIMEO_NEW, cm_time64),
    OPT(SOL_SOCKET, SO_SNDTIMEO_NEW, cm_time64),
    BYTES(SOL_SOCKET, SO_BINDTODEVICE),
    {SOL_SOCKET, SO_ATTACH_FILTER, CONV_OPT_FPROG, false, NULL, "SO_ATTACH_FILTER"},
    {SOL_SOCKET, SO_ATTACH_REUSEPORT_CBPF, CONV_OPT_FPROG, false, NULL, "SO_ATTACH_REUSEPORT_CBPF"},
    INT(SOL_SOCKET, SO_DETACH_FILTER),
    INT(SOL_SOCKET, SO_LOCK_FILTER),
    {SOL_SOCKET, SO_PEERNAME, CONV_OPT_SOCKADDR, false, NULL, "SO_PEERNAME"},
    INT(SOL_SOCKET, SO_TIMESTAMP_OLD),
    INT(SOL_SOCKET, SO_TIMESTAMPNS_OLD),
    OPT(SOL_SOCKET, SO_TIMESTAMPING_OLD, opt_pair32),
    INT(SOL_SOCKET, SO_TIMESTAMP_NEW),
    INT(SOL_SOCKET, SO_TIMESTAMPNS_NEW),
    OPT(SOL_SOCKET, SO_TIMESTAMPING_NEW, opt_pair32),
    INT(SOL_SOCKET, SO_ACCEPTCONN),
    BYTES(SOL_SOCKET, SO_PEERSEC),
    INT(SOL_SOCKET, SO_PASSSEC),
    INT(SOL_SOCKET, SO_MARK),
    INT(SOL_SOCKET, SO_PROTOCOL),
    INT(SOL_SOCKET, SO_DOMAIN),
    INT(SOL_SOCKET, SO_RXQ_OVFL),
    INT(SOL_SOCKET, SO_WIFI_STATUS),
    INT(SOL_SOCKET, SO_PEEK_OFF),
    INT(SOL_SOCKET, SO_NOFCS),
    INT(SOL_SOCKET, SO_SELECT_ERR_QUEUE),
    INT(SOL_SOCKET, SO_BUSY_POLL),
    INT(SOL_SOCKET, SO_BPF_EXTENSIONS),
    INT(SOL_SOCKET, SO_INCOMING_CPU),
    INT(SOL_SOCKET, SO_ATTACH_BPF),
    INT(SOL_SOCKET, SO_ATTACH_REUSEPORT_EBPF),
    INT(SOL_SOCKET, SO_CNX_ADVICE),
    OPT_ARRAY(SOL_SOCKET, SO_MEMINFO, cm_u32),
    INT(SOL_SOCKET, SO_INCOMING_NAPI_ID),
    OPT(SOL_SOCKET, SO_COOKIE, cm_u64),
    OPT_ARRAY(SOL_SOCKET, SO_PEERGROUPS, cm_u32),
    INT(SOL_SOCKET, SO_ZEROCOPY),
    OPT(SOL_SOCKET, SO_TXTIME, opt_pair32),
    INT(SOL_SOCKET, SO_BINDTOIFINDEX),
    INT(SOL_SOCKET, SO_DETACH_REUSEPORT_BPF),
    INT(SOL_SOCKET, SO_PREFER_BUSY_POLL),
    INT(SOL_SOCKET, SO_BUSY_POLL_BUDGET),
    OPT(SOL_SOCKET, SO_NETNS_COOKIE, cm_u64),
    INT(SOL_SOCKET, SO_BUF_LOCK),
    INT(SOL_SOCKET, SO_RESERVE_MEM),
    INT(SOL_SOCKET, SO_TXREHASH),
    INT(SOL_SOCKET, SO_RCVMARK),

    INT(SOL_IP, IP_TOS),
    INT(SOL_IP, IP_TTL),
    INT(SOL_IP, IP_HDRINCL),
    BYTES(SOL_IP, IP_OPTIONS),
    INT(SOL_IP, IP_RECVOPTS),
    INT(SOL_IP, IP_RETOPTS),
    INT(SOL_IP, IP_PKTINFO),
    INT(SOL_IP, IP_MTU_DISCOVER),
    INT(SOL_IP, IP_RECVERR),
    INT(SOL_IP, IP_RECVTTL),
    INT(SOL_IP, IP_RECVTOS),
    INT(SOL_IP, IP_MTU),
    INT(SOL_IP, IP_FREEBIND),
    INT(SOL_IP, IP_PASSSEC),
    INT(SOL_IP, IP_TRANSPARENT),
    INT(SOL_IP, IP_RECVORIGDSTADDR),
    INT(SOL_IP, IP_MINTTL),
    INT(SOL_IP, IP_NODEFRAG),
    INT(SOL_IP, IP_CHECKSUM),
    INT(SOL_IP, IP_BIND_ADDRESS_NO_PORT),
    INT(SOL_IP, IP_RECVFRAGSIZE),
    OPT(SOL_IP, IP_MULTICAST_IF, opt_ip_mreqn),
    INT(SOL_IP, IP_MULTICAST_TTL),
    INT(SOL_IP, IP_MULTICAST_LOOP),
    OPT(SOL_IP, IP_ADD_MEMBERSHIP, opt_ip_mreqn),
    OPT(SOL_IP, IP_DROP_MEMBERSHIP, opt_ip_mreqn),
    BYTES(SOL_IP, IP_UNBLOCK_SOURCE),
    BYTES(SOL_IP, IP_BLOCK_SOURCE),
    BYTES(SOL_IP, IP_ADD_SOURCE_MEMBERSHIP),
    BYTES(SOL_IP, IP_DROP_SOURCE_MEMBERSHIP),
    INT(SOL_IP, IP_MULTICAST_ALL),

    INT(SOL_IPV6, IPV6_ADDRFORM),
    INT(SOL_IPV6, NET_IPV6_FLOWINFO),
    INT(SOL_IPV6, IPV6_UNICAST_HOPS),
    INT(SOL_IPV6, IPV6_MULTICAST_IF),
    INT(SOL_IPV6, IPV6_MULTICAST_HOPS),
    INT(SOL_IPV6, IPV6_MULTICAST_LOOP),
    OPT(SOL_IPV6, IPV6_ADD_MEMBERSHIP, opt_ipv6_mreq),
    OPT(SOL_IPV6, IPV6_DROP_MEMBERSHIP, opt_ipv6_mreq),
    INT(SOL_IPV6, IPV6_ROUTER_ALERT),
    INT(SOL_IPV6, IPV6_MTU_DISCOVER),
    INT(SOL_IPV6, IPV6_MTU),
    INT(SOL_IPV6, IPV6_RECVERR),
    INT(SOL_IPV6, IPV6_V6ONLY),
    OPT(SOL_IPV6, IPV6_JOIN_ANYCAST, opt_ipv6_mreq),
    OPT(SOL_IPV6, IPV6_LEAVE_ANYCAST, opt_ipv6_mreq),
    INT(SOL_IPV6, IPV6_RECVPKTINFO),
    OPT(SOL_IPV6, IPV6_PKTINFO, cm_in6_pktinfo),
    INT(SOL_IPV6, IPV6_RECVHOPLIMIT),
    INT(SOL_IPV6, IPV6_HOPLIMIT),
    INT(SOL_IPV6, IPV6_RECVHOPOPTS),
    INT(SOL_IPV6, IPV6_RECVRTHDR),
    INT(SOL_IPV6, IPV6_RECVDSTOPTS),
    INT(SOL_IPV6, IPV6_RECVPATHMTU),
    OPT(SOL_IPV6, IPV6_PATHMTU, cm_mtuinfo6),
    INT(SOL_IPV6, IPV6_DONTFRAG),
    INT(SOL_IPV6, IPV6_RECVTCLASS),
    INT(SOL_IPV6, IPV6_TCLASS),
    INT(SOL_IPV6, IPV6_AUTOFLOWLABEL),
    INT(SOL_IPV6, IPV6_ADDR_PREFERENCES),
    INT(SOL_IPV6, IPV6_MINHOPCOUNT),
    INT(SOL_IPV6, IPV6_RECVORIGDSTADDR),
    INT(SOL_IPV6, IPV6_TRANSPARENT),
    INT(SOL_IPV6, IPV6_UNICAST_IF),
    INT(SOL_IPV6, IPV6_RECVFRAGSIZE),
    INT(SOL_IPV6, IPV6_FREEBIND),

    INT(SOL_TCP, TCP_NODELAY),
    INT(SOL_TCP, TCP_MAXSEG),
    INT(SOL_TCP, TCP_CORK),
    INT(SOL_TCP, TCP_KEEPIDLE),
    INT(SOL_TCP, TCP_KEEPINTVL),
    INT(SOL_TCP, TCP_KEEPCNT),
    INT(SOL_TCP, TCP_SYNCNT),
    INT(SOL_TCP, TCP_LINGER2),
    INT(SOL_TCP, TCP_DEFER_ACCEPT),
    INT(SOL_TCP, TCP_WINDOW_CLAMP),
    OPT(SOL_TCP, TCP_INFO, opt_tcp_info),
    INT(SOL_TCP, TCP_QUICKACK),
    BYTES(SOL_TCP, TCP_CONGESTION),
    INT(SOL_TCP, TCP_THIN_LINEAR_TIMEOUTS),
    INT(SOL_TCP, TCP_THIN_DUPACK),
    INT(SOL_TCP, TCP_USER_TIMEOUT),
    INT(SOL_TCP, TCP_FASTOPEN),
    INT(SOL_TCP, TCP_TIMESTAMP),
    INT(SOL_TCP, TCP_NOTSENT_LOWAT),
    INT(SOL_TCP, TCP_FASTOPEN_CONNECT),
    BYTES(SOL_TCP, TCP_ULP),
    INT(SOL_TCP, TCP_FASTOPEN_NO_COOKIE),
    INT(SOL_TCP, TCP_INQ),

    INT(SOL_UDP, UDP_CORK),
    INT(SOL_UDP, UDP_ENCAP),
    INT(SOL_UDP, UDP_NO_CHECK6_TX),
    INT(SOL_UDP, UDP_NO_CHECK6_RX),
    INT(SOL_UDP, UDP_SEGMENT),
    INT(SOL_UDP, UDP_GRO),

    INT(SOL_NETLINK, NETLINK_ADD_MEMBERSHIP),
    INT(SOL_NETLINK, NETLINK_DROP_MEMBERSHIP),
    INT(SOL_NETLINK, NETLINK_PKTINFO),
    INT(SOL_NETLINK, NETLINK_BROADCAST_ERROR),
    INT(SOL_NETLINK, NETLINK_NO_ENOBUFS),
    INT(SOL_NETLINK, NETLINK_LISTEN_ALL_NSID),
    OPT_ARRAY(SOL_NETLINK, NETLINK_LIST_MEMBERSHIPS, cm_u32),
    INT(SOL_NETLINK, NETLINK_CAP_ACK),
    INT(SOL_NETLINK, NETLINK_EXT_ACK),
    INT(SOL_NETLINK, NETLINK_GET_STRICT_CHK),
};

const ConvSockOpt *conv_sockopt_lookup(int level, int name)
{
	for (size_t i = 0; i < G_N_ELEMENTS(sockopt_table); i++)
		if (sockopt_table[i].level == level && sockopt_table[i].name == name)
			return &sockopt_table[i];
	return NULL;
}

/* struct sock_fprog { u16 len; struct sock_filter *filter; } and the filter array of
 * struct sock_filter { u16 code; u8 jt; u8 jf; u32 k; }. */
static const ConvField layout_fprog[] = {
    F(CT_U16, struct sock_fprog, len),
    {CT_ULONG, sizeof(uint64_t), false, 0, 0},
    END,
};
static const ConvField layout_sock_filter[] = {T(CT_U16), B(2), T(CT_U32), END};

int conv_get_sock_fprog(const LinuxAbi *abi, GuestMem *m, uint64_t addr, size_t len, void **filter,
                        unsigned *count)
{
	uint8_t raw[16];
	size_t size = conv_layout_size(abi, layout_fprog);
	if (len < size)
		return -EINVAL;
	if (gmem_read(m, addr, raw, size) < 0)
		return -EFAULT;
	unsigned n = (unsigned)conv_load(abi, raw, 2);
	uint64_t ptr =
	    conv_load(abi, raw + conv_field_offset(abi, layout_fprog, 1), conv_word_bytes(abi));
	size_t bytes = (size_t)n * sizeof(struct sock_filter);
	uint8_t *guest = g_malloc(bytes ? bytes : 1);
	*filter = g_malloc(bytes ? bytes : 1);
	if (bytes && gmem_read(m, ptr, guest, bytes) < 0) {
		g_free(guest);
		g_free(*filter);
		return -EFAULT;
	}
	conv_transcode(abi, &conv_host_abi, layout_sock_filter, guest, bytes, *filter, true);
	g_free(guest);
	*count = n;
	return 0;
}

int conv_put_sock_filters(const LinuxAbi *abi, GuestMem *m, uint64_t addr, const void *host,
                          unsigned count)
{
	size_t bytes = (size_t)count * sizeof(struct sock_filter);
	uint8_t *guest = g_malloc(bytes ? bytes : 1);
	conv_transcode(&conv_host_abi, abi, layout_sock_filter, host, bytes, guest, true);
	int r = gmem_write(m, addr, guest, bytes);
	g_free(guest);
	return r;
}
