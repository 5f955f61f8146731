/*
 * Netlink messages between an opposite-endian guest and the host (see conv_net.h).
 * Netlink has no word-size-dependent layouts, only machine byte order, so a message is
 * converted in place: the nlmsghdr, then the payload the message type implies (nlmsgerr
 * with the echoed request, or an rtnetlink family header), then the rtattr chain, whose
 * attributes are looked up in one table by (attribute class, type) to find their value
 * layout or the class of their nested attributes. Strings and addresses are bytes and
 * stay as they are; attributes the table does not know are left alone and reported
 * under -d unimp. For a guest of the host's byte order everything here is skipped.
 */
#include <glib.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/neighbour.h>
#include <linux/netconf.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/fib_rules.h>
#include <sys/socket.h>

#include "common/log.h"
#include "syscall/linux/conv.h"
#include "syscall/linux/conv_int.h"

/* Attribute classes: which attribute numbering a chain of rtattrs follows. */
typedef enum NlClass {
	NLC_NONE,
	NLC_LINK,
	NLC_ADDR,
	NLC_ROUTE,
	NLC_NEIGH,
	NLC_RULE,
	NLC_NETCONF,
	NLC_METRICS,
	NLC_AF_SPEC, /* nested chains named by address family */
	NLC_INET,
	NLC_INET6,
	NLC_LINKINFO,
	NLC_PROPS,
	NLC_XDP,
	NLC_ERR,
} NlClass;

static const ConvField l_nlmsghdr[] = {T(CT_U32), T(CT_U16), T(CT_U16), T(CT_U32), T(CT_U32), END};
static const ConvField l_rtattr[] = {T(CT_U16), T(CT_U16), END};
static const ConvField l_s32[] = {T(CT_S32), END};
static const ConvField l_u16[] = {T(CT_U16), END};
static const ConvField l_u32[] = {T(CT_U32), END};
static const ConvField l_u64[] = {T(CT_U64), END};
static const ConvField l_u32x2[] = {T(CT_U32), T(CT_U32), END};
static const ConvField l_u16x2[] = {T(CT_U16), T(CT_U16), END};
static const ConvField l_ifinfomsg[] = {B(2), T(CT_U16), T(CT_S32), T(CT_U32), T(CT_U32), END};
static const ConvField l_ifaddrmsg[] = {B(4), T(CT_U32), END};
static const ConvField l_rtmsg[] = {B(8), T(CT_U32), END}; /* also fib_rule_hdr */
static const ConvField l_ndmsg[] = {B(4), T(CT_S32), T(CT_U16), B(2), END};
static const ConvField l_ifmap[] = {T(CT_U64), T(CT_U64), T(CT_U64), T(CT_U16), B(2), END};
static const ConvField l_via[] = {T(CT_U16), END}; /* family, then the address bytes */

/* Message types of NETLINK_ROUTE: the family header and its attribute class. */
static const struct {
	uint16_t first, last;
	const ConvField *hdr;
	uint8_t attrs;
} route_msgs[] = {
    {RTM_NEWLINK, RTM_SETLINK, l_ifinfomsg, NLC_LINK},
    {RTM_NEWADDR, RTM_GETADDR, l_ifaddrmsg, NLC_ADDR},
    {RTM_NEWROUTE, RTM_GETROUTE, l_rtmsg, NLC_ROUTE},
    {RTM_NEWNEIGH, RTM_GETNEIGH, l_ndmsg, NLC_NEIGH},
    {RTM_NEWRULE, RTM_GETRULE, l_rtmsg, NLC_RULE},
    {RTM_NEWNETCONF, RTM_GETNETCONF, l_ifaddrmsg, NLC_NETCONF},
};

typedef struct NlAttr {
	uint8_t cls;
	uint16_t type;
	const ConvField *layout; /* NULL: bytes (strings, addresses), or nested */
	bool repeat;
	uint8_t nested; /* NlClass of the payload's own rtattr chain */
} NlAttr;

/* clang-format off */
#define V(c, t, l)   { (c), (t), (l), false, NLC_NONE }
#define ARR(c, t, l) { (c), (t), (l), true, NLC_NONE }
#define BY(c, t)     { (c), (t), NULL, false, NLC_NONE }
#define NEST(c, t, n) { (c), (t), NULL, false, (n) }
/* clang-format on */

static const NlAttr attr_table[] = {
    BY(NLC_LINK, IFLA_ADDRESS),
    BY(NLC_LINK, IFLA_BROADCAST),
    BY(NLC_LINK, IFLA_IFNAME),
    V(NLC_LINK, IFLA_MTU, l_u32),
    V(NLC_LINK, IFLA_LINK, l_s32),
    BY(NLC_LINK, IFLA_QDISC),
    ARR(NLC_LINK, IFLA_STATS, l_u32),
    V(NLC_LINK, IFLA_COST, l_u32),
    V(NLC_LINK, IFLA_PRIORITY, l_u32),
    V(NLC_LINK, IFLA_MASTER, l_u32),
    V(NLC_LINK, IFLA_TXQLEN, l_u32),
    V(NLC_LINK, IFLA_MAP, l_ifmap),
    V(NLC_LINK, IFLA_WEIGHT, l_u32),
    BY(NLC_LINK, IFLA_OPERSTATE),
    BY(NLC_LINK, IFLA_LINKMODE),
    NEST(NLC_LINK, IFLA_LINKINFO, NLC_LINKINFO),
    V(NLC_LINK, IFLA_NET_NS_PID, l_u32),
    BY(NLC_LINK, IFLA_IFALIAS),
    V(NLC_LINK, IFLA_NUM_VF, l_u32),
    ARR(NLC_LINK, IFLA_STATS64, l_u64),
    NEST(NLC_LINK, IFLA_AF_SPEC, NLC_AF_SPEC),
    V(NLC_LINK, IFLA_GROUP, l_u32),
    V(NLC_LINK, IFLA_NET_NS_FD, l_u32),
    V(NLC_LINK, IFLA_EXT_MASK, l_u32),
    V(NLC_LINK, IFLA_PROMISCUITY, l_u32),
    V(NLC_LINK, IFLA_NUM_TX_QUEUES, l_u32),
    V(NLC_LINK, IFLA_NUM_RX_QUEUES, l_u32),
    BY(NLC_LINK, IFLA_CARRIER),
    BY(NLC_LINK, IFLA_PHYS_PORT_ID),
    V(NLC_LINK, IFLA_CARRIER_CHANGES, l_u32),
    BY(NLC_LINK, IFLA_PHYS_SWITCH_ID),
    V(NLC_LINK, IFLA_LINK_NETNSID, l_s32),
    BY(NLC_LINK, IFLA_PHYS_PORT_NAME),
    BY(NLC_LINK, IFLA_PROTO_DOWN),
    V(NLC_LINK, IFLA_GSO_MAX_SEGS, l_u32),
    V(NLC_LINK, IFLA_GSO_MAX_SIZE, l_u32),
    BY(NLC_LINK, IFLA_PAD),
    NEST(NLC_LINK, IFLA_XDP, NLC_XDP),
    V(NLC_LINK, IFLA_EVENT, l_u32),
    V(NLC_LINK, IFLA_NEW_NETNSID, l_s32),
    V(NLC_LINK, IFLA_IF_NETNSID, l_s32),
    V(NLC_LINK, IFLA_CARRIER_UP_COUNT, l_u32),
    V(NLC_LINK, IFLA_CARRIER_DOWN_COUNT, l_u32),
    V(NLC_LINK, IFLA_NEW_IFINDEX, l_s32),
    V(NLC_LINK, IFLA_MIN_MTU, l_u32),
    V(NLC_LINK, IFLA_MAX_MTU, l_u32),
    NEST(NLC_LINK, IFLA_PROP_LIST, NLC_PROPS),
    BY(NLC_LINK, IFLA_ALT_IFNAME),
    BY(NLC_LINK, IFLA_PERM_ADDRESS),
    BY(NLC_LINK, IFLA_PARENT_DEV_NAME),
    BY(NLC_LINK, IFLA_PARENT_DEV_BUS_NAME),
    V(NLC_LINK, IFLA_GRO_MAX_SIZE, l_u32),
    V(NLC_LINK, IFLA_TSO_MAX_SIZE, l_u32),
    V(NLC_LINK, IFLA_TSO_MAX_SEGS, l_u32),
    BY(NLC_LINK, IFLA_ALLMULTI),

    NEST(NLC_AF_SPEC, AF_INET, NLC_INET),
    NEST(NLC_AF_SPEC, AF_INET6, NLC_INET6),
    ARR(NLC_INET, IFLA_INET_CONF, l_u32),
    V(NLC_INET6, IFLA_INET6_FLAGS, l_u32),
    ARR(NLC_INET6, IFLA_INET6_CONF, l_s32),
    ARR(NLC_INET6, IFLA_INET6_STATS, l_u64),
    ARR(NLC_INET6, IFLA_INET6_CACHEINFO, l_u32),
    ARR(NLC_INET6, IFLA_INET6_ICMP6STATS, l_u64),
    BY(NLC_INET6, IFLA_INET6_TOKEN),
    BY(NLC_INET6, IFLA_INET6_ADDR_GEN_MODE),
    V(NLC_INET6, IFLA_INET6_RA_MTU, l_u32),
    BY(NLC_LINKINFO, IFLA_INFO_KIND),
    BY(NLC_LINKINFO, IFLA_INFO_SLAVE_KIND),
    BY(NLC_PROPS, IFLA_ALT_IFNAME),
    V(NLC_XDP, IFLA_XDP_FD, l_s32),
    BY(NLC_XDP, IFLA_XDP_ATTACHED),
    V(NLC_XDP, IFLA_XDP_FLAGS, l_u32),
    V(NLC_XDP, IFLA_XDP_PROG_ID, l_u32),
    V(NLC_XDP, IFLA_XDP_DRV_PROG_ID, l_u32),
    V(NLC_XDP, IFLA_XDP_SKB_PROG_ID, l_u32),
    V(NLC_XDP, IFLA_XDP_HW_PROG_ID, l_u32),
    V(NLC_XDP, IFLA_XDP_EXPECTED_FD, l_s32),

    BY(NLC_ADDR, IFA_ADDRESS),
    BY(NLC_ADDR, IFA_LOCAL),
    BY(NLC_ADDR, IFA_LABEL),
    BY(NLC_ADDR, IFA_BROADCAST),
    BY(NLC_ADDR, IFA_ANYCAST),
    ARR(NLC_ADDR, IFA_CACHEINFO, l_u32),
    BY(NLC_ADDR, IFA_MULTICAST),
    V(NLC_ADDR, IFA_FLAGS, l_u32),
    V(NLC_ADDR, IFA_RT_PRIORITY, l_u32),
    V(NLC_ADDR, IFA_TARGET_NETNSID, l_s32),

    BY(NLC_ROUTE, RTA_DST),
    BY(NLC_ROUTE, RTA_SRC),
    V(NLC_ROUTE, RTA_IIF, l_u32),
    V(NLC_ROUTE, RTA_OIF, l_u32),
    BY(NLC_ROUTE, RTA_GATEWAY),
    V(NLC_ROUTE, RTA_PRIORITY, l_u32),
    BY(NLC_ROUTE, RTA_PREFSRC),
    NEST(NLC_ROUTE, RTA_METRICS, NLC_METRICS),
    V(NLC_ROUTE, RTA_FLOW, l_u32),
    ARR(NLC_ROUTE, RTA_CACHEINFO, l_u32),
    V(NLC_ROUTE, RTA_TABLE, l_u32),
    V(NLC_ROUTE, RTA_MARK, l_u32),
    ARR(NLC_ROUTE, RTA_MFC_STATS, l_u64),
    V(NLC_ROUTE, RTA_VIA, l_via),
    BY(NLC_ROUTE, RTA_NEWDST),
    BY(NLC_ROUTE, RTA_PREF),
    V(NLC_ROUTE, RTA_ENCAP_TYPE, l_u16),
    V(NLC_ROUTE, RTA_EXPIRES, l_u64),
    BY(NLC_ROUTE, RTA_PAD),
    V(NLC_ROUTE, RTA_UID, l_u32),
    BY(NLC_ROUTE, RTA_TTL_PROPAGATE),
    BY(NLC_ROUTE, RTA_IP_PROTO),
    BY(NLC_ROUTE, RTA_SPORT),
    BY(NLC_ROUTE, RTA_DPORT),
    V(NLC_ROUTE, RTA_NH_ID, l_u32),
    /* Every RTAX_* metric is a u32 but the congestion-control name, a string. */
    BY(NLC_METRICS, RTAX_CC_ALGO),

    BY(NLC_NEIGH, NDA_DST),
    BY(NLC_NEIGH, NDA_LLADDR),
    ARR(NLC_NEIGH, NDA_CACHEINFO, l_u32),
    V(NLC_NEIGH, NDA_PROBES, l_u32),
    V(NLC_NEIGH, NDA_VLAN, l_u16),
    BY(NLC_NEIGH, NDA_PORT),
    V(NLC_NEIGH, NDA_VNI, l_u32),
    V(NLC_NEIGH, NDA_IFINDEX, l_u32),
    V(NLC_NEIGH, NDA_MASTER, l_u32),
    V(NLC_NEIGH, NDA_LINK_NETNSID, l_s32),
    V(NLC_NEIGH, NDA_SRC_VNI, l_u32),
    BY(NLC_NEIGH, NDA_PROTOCOL),

    BY(NLC_RULE, FRA_DST),
    BY(NLC_RULE, FRA_SRC),
    BY(NLC_RULE, FRA_IIFNAME),
    V(NLC_RULE, FRA_GOTO, l_u32),
    V(NLC_RULE, FRA_PRIORITY, l_u32),
    V(NLC_RULE, FRA_FWMARK, l_u32),
    V(NLC_RULE, FRA_FLOW, l_u32),
    V(NLC_RULE, FRA_TUN_ID, l_u64),
    V(NLC_RULE, FRA_SUPPRESS_IFGROUP, l_u32),
    V(NLC_RULE, FRA_SUPPRESS_PREFIXLEN, l_u32),
    V(NLC_RULE, FRA_TABLE, l_u32),
    V(NLC_RULE, FRA_FWMASK, l_u32),
    BY(NLC_RULE, FRA_OIFNAME),
    BY(NLC_RULE, FRA_PAD),
    BY(NLC_RULE, FRA_L3MDEV),
    V(NLC_RULE, FRA_UID_RANGE, l_u32x2),
    BY(NLC_RULE, FRA_PROTOCOL),
    BY(NLC_RULE, FRA_IP_PROTO),
    V(NLC_RULE, FRA_SPORT_RANGE, l_u16x2),
    V(NLC_RULE, FRA_DPORT_RANGE, l_u16x2),

    V(NLC_NETCONF, NETCONFA_IFINDEX, l_s32),
    V(NLC_NETCONF, NETCONFA_FORWARDING, l_s32),
    V(NLC_NETCONF, NETCONFA_RP_FILTER, l_s32),
    V(NLC_NETCONF, NETCONFA_MC_FORWARDING, l_s32),
    V(NLC_NETCONF, NETCONFA_PROXY_NEIGH, l_s32),
    V(NLC_NETCONF, NETCONFA_IGNORE_ROUTES_WITH_LINKDOWN, l_s32),
    V(NLC_NETCONF, NETCONFA_INPUT, l_s32),
    V(NLC_NETCONF, NETCONFA_BC_FORWARDING, l_s32),

    BY(NLC_ERR, NLMSGERR_ATTR_MSG),
    V(NLC_ERR, NLMSGERR_ATTR_OFFS, l_u32),
    BY(NLC_ERR, NLMSGERR_ATTR_COOKIE),
    V(NLC_ERR, NLMSGERR_ATTR_MISS_TYPE, l_u32),
    V(NLC_ERR, NLMSGERR_ATTR_MISS_NEST, l_u32),
};

static const NlAttr metric_u32 = V(NLC_METRICS, 0, l_u32);

static const NlAttr *attr_lookup(NlClass cls, uint16_t type)
{
	for (size_t i = 0; i < G_N_ELEMENTS(attr_table); i++)
		if (attr_table[i].cls == cls && attr_table[i].type == type)
			return &attr_table[i];
	return cls == NLC_METRICS ? &metric_u32 : NULL;
}

/* A conversion's direction: lengths and types are read in `from`'s byte order before
 * their bytes are swapped into `to`'s. */
typedef struct NlDir {
	const LinuxAbi *from, *to;
} NlDir;

static uint32_t rd(const NlDir *d, const uint8_t *p, unsigned size)
{
	return (uint32_t)conv_load(d->from, p, size);
}

static void swap(const NlDir *d, const ConvField *l, uint8_t *p, size_t len, bool repeat)
{
	conv_transcode(d->from, d->to, l, p, len, p, repeat);
}

static void attrs_convert(const NlDir *d, NlClass cls, uint8_t *buf, size_t len)
{
	for (size_t off = 0; len - off >= NLA_HDRLEN && off < len;) {
		uint16_t alen = rd(d, buf + off, 2), type = rd(d, buf + off + 2, 2) & NLA_TYPE_MASK;
		if (alen < NLA_HDRLEN || alen > len - off)
			return;
		swap(d, l_rtattr, buf + off, NLA_HDRLEN, false);
		uint8_t *payload = buf + off + NLA_HDRLEN;
		size_t plen = alen - NLA_HDRLEN;
		const NlAttr *a = attr_lookup(cls, type);
		if (a && a->nested)
			attrs_convert(d, a->nested, payload, plen);
		else if (a && a->layout)
			swap(d, a->layout, payload, plen, a->repeat);
		else if (!a && log_on(LOG_UNIMP))
			log_printf(
			    "netlink: attribute %u of class %d left in the guest's byte order\n",
			    type, cls);
		off += NLA_ALIGN(alen);
	}
}

static void route_payload(const NlDir *d, uint16_t type, uint8_t *p, size_t len)
{
	for (size_t i = 0; i < G_N_ELEMENTS(route_msgs); i++) {
		if (type < route_msgs[i].first || type > route_msgs[i].last)
			continue;
		size_t hdr = conv_layout_size(&conv_host_abi, route_msgs[i].hdr);
		swap(d, route_msgs[i].hdr, p, MIN(len, hdr), false);
		if (len > NLMSG_ALIGN(hdr))
			attrs_convert(d, route_msgs[i].attrs, p + NLMSG_ALIGN(hdr),
			              len - NLMSG_ALIGN(hdr));
		return;
	}
	if (log_on(LOG_UNIMP))
		log_printf("netlink: route message type %u left in the guest's byte order\n", type);
}

static void message_convert(const NlDir *d, int protocol, uint8_t *m, size_t len);

/* struct nlmsgerr: the error, the request's header, the rest of the request unless the
 * reply is capped, then extended-ack attributes when the flags say so. */
static void error_payload(const NlDir *d, int protocol, uint16_t flags, uint8_t *p, size_t len)
{
	swap(d, l_s32, p, MIN(len, 4), false);
	if (len < 4 + NLMSG_HDRLEN)
		return;
	uint32_t inner = rd(d, p + 4, 4);
	size_t echoed = (flags & NLM_F_CAPPED) ? NLMSG_HDRLEN : inner;
	if (echoed < NLMSG_HDRLEN || echoed > len - 4)
		echoed = NLMSG_HDRLEN;
	if (echoed > NLMSG_HDRLEN)
		message_convert(d, protocol, p + 4, echoed);
	else
		swap(d, l_nlmsghdr, p + 4, NLMSG_HDRLEN, false);
	size_t tlv = 4 + NLMSG_ALIGN(echoed);
	if ((flags & NLM_F_ACK_TLVS) && len > tlv)
		attrs_convert(d, NLC_ERR, p + tlv, len - tlv);
}

static void message_convert(const NlDir *d, int protocol, uint8_t *m, size_t len)
{
	uint32_t mlen = rd(d, m, 4);
	uint16_t type = rd(d, m + 4, 2), flags = rd(d, m + 6, 2);
	swap(d, l_nlmsghdr, m, NLMSG_HDRLEN, false);
	uint8_t *p = m + NLMSG_HDRLEN;
	size_t plen = MIN(mlen, len) - NLMSG_HDRLEN;
	if (type == NLMSG_ERROR)
		error_payload(d, protocol, flags, p, plen);
	else if (type == NLMSG_DONE)
		swap(d, l_s32, p, MIN(plen, 4), false);
	else if (type >= NLMSG_MIN_TYPE && protocol == NETLINK_ROUTE)
		route_payload(d, type, p, plen);
	else if (type >= NLMSG_MIN_TYPE && log_on(LOG_UNIMP))
		log_printf("netlink: protocol %d payloads left in the guest's byte order\n",
		           protocol);
}

static void netlink_convert(const NlDir *d, int protocol, uint8_t *buf, size_t len)
{
	for (size_t off = 0; len - off >= NLMSG_HDRLEN && off < len;) {
		uint32_t mlen = rd(d, buf + off, 4);
		if (mlen < NLMSG_HDRLEN || mlen > len - off)
			return;
		message_convert(d, protocol, buf + off, mlen);
		off += NLMSG_ALIGN(mlen);
	}
}

void conv_netlink_to_host(const LinuxAbi *abi, int protocol, void *buf, size_t len)
{
	NlDir d = {abi, &conv_host_abi};
	if (conv_netlink_swaps(abi))
		netlink_convert(&d, protocol, buf, len);
}

void conv_netlink_to_guest(const LinuxAbi *abi, int protocol, void *buf, size_t len)
{
	NlDir d = {&conv_host_abi, abi};
	if (conv_netlink_swaps(abi))
		netlink_convert(&d, protocol, buf, len);
}
