/*
 * The socket part of the conversion module (conv_net.c, conv_netlink.c; included by
 * conv.h): socket addresses, interface requests, struct msghdr and mmsghdr, control
 * messages, socket option values and netlink messages between the guest's layout and
 * byte order and the host's.
 * Guest socket, option and control-message numbers are the asm-generic ones, which the
 * x86-64 host shares, so only values need converting.
 */
#ifndef FERRY_CONV_NET_H
#define FERRY_CONV_NET_H

#include <stdbool.h>
#include <stddef.h>
#include <net/if.h>
#include <stdint.h>
#include <sys/socket.h>

#include "common/guest_mem.h"
#include "syscall/abi/abi.h"
#include "syscall/linux/conv.h"

/* Socket addresses have the same size in every ABI; the family (and the few fields that
 * are host-endian integers rather than network-order bytes: sin6_scope_id, nl_pid,
 * nl_groups, sll_ifindex, ...) follow the guest's byte order. `len` bytes are converted
 * in place order; a short address keeps its tail bytes. */
void conv_sockaddr_to_host(const LinuxAbi *abi, const void *guest, size_t len, void *host);
void conv_sockaddr_to_guest(const LinuxAbi *abi, const void *host, size_t len, void *guest);

/* Interface requests (SIOCGIF* and SIOCSIF*): struct ifreq is ifr_name[IFNAMSIZ] and a
 * union as large as its largest member, struct ifmap, so 40 bytes on a 64-bit guest
 * and 32 on a 32-bit one. The request decides which member the union holds; the name is
 * copied both ways. conv_ifreq_to_host fills the whole host struct (the rest zero);
 * conv_ifreq_to_guest writes the name and the member, leaving the union's other bytes. */
typedef enum ConvIfrMember {
	CONV_IFR_SOCKADDR, /* ifr_addr and its kin, ifr_hwaddr (sa_family an ARPHRD_*) */
	CONV_IFR_SHORT,    /* ifr_flags */
	CONV_IFR_INT,      /* ifr_ifindex, ifr_mtu, ifr_qlen, ifr_metric */
	CONV_IFR_MAP,      /* ifr_map */
} ConvIfrMember;
#define CONV_IFREQ_MAX 40
size_t conv_ifreq_size(const LinuxAbi *abi);
void conv_ifreq_to_host(const LinuxAbi *abi, const void *guest, ConvIfrMember member,
                        struct ifreq *host);
void conv_ifreq_to_guest(const LinuxAbi *abi, const struct ifreq *host, ConvIfrMember member,
                         void *guest);
/* SIOCGIFCONF: struct ifconf with its buffer kept as a guest word, and the `n` entries
 * (a name and an address each) the host filled in, as the guest's array of ifreq. */
typedef struct ConvIfconf {
	int32_t len;
	uint64_t buf;
} ConvIfconf;
extern const ConvField conv_layout_ifconf[];
int conv_get_ifconf(const LinuxAbi *abi, GuestMem *m, uint64_t addr, ConvIfconf *c);
int conv_put_ifconf(const LinuxAbi *abi, GuestMem *m, uint64_t addr, const ConvIfconf *c);
void conv_ifreqs_to_guest(const LinuxAbi *abi, const struct ifreq *host, unsigned n, void *guest);

/* socket()/socketpair() type words (the type in the low four bits, SOCK_NONBLOCK and
 * SOCK_CLOEXEC, which are the guest's O_NONBLOCK and O_CLOEXEC) and accept4() flags
 * (`with_type` false: no type bits) -> host; -EINVAL for any other bit, as the kernel. */
int conv_sock_type_to_host(const LinuxAbi *abi, uint32_t guest, bool with_type);

/* struct user_msghdr and struct mmsghdr with guest pointers kept as guest words. */
typedef struct ConvMsgHdr {
	uint64_t name;
	int32_t namelen;
	uint64_t iov, iovlen, control, controllen;
	uint32_t flags;
} ConvMsgHdr;
typedef struct ConvMMsgHdr {
	ConvMsgHdr hdr;
	uint32_t len;
} ConvMMsgHdr;
extern const ConvField conv_layout_msghdr[];
int conv_get_msghdr(const LinuxAbi *abi, GuestMem *m, uint64_t addr, ConvMsgHdr *h);
int conv_put_msghdr(const LinuxAbi *abi, GuestMem *m, uint64_t addr, const ConvMsgHdr *h);
int conv_get_mmsghdr(const LinuxAbi *abi, GuestMem *m, uint64_t addr, ConvMMsgHdr *h);
int conv_put_mmsghdr(const LinuxAbi *abi, GuestMem *m, uint64_t addr, const ConvMMsgHdr *h);
size_t conv_mmsghdr_size(const LinuxAbi *abi);

/* Control messages. The guest's cmsghdr has a guest-word cmsg_len and its data and
 * records are aligned to the guest word; payloads of known (level, type) pairs are
 * converted (fd arrays, ucred, timestamps, packet info, extended errors), others copied.
 *
 * conv_cmsg_host_space bounds the host buffer needed for `guest_len` bytes of guest
 * control data, either way. conv_cmsgs_to_host converts a guest control buffer for
 * sendmsg; returns the host length or -EINVAL for a malformed record, as the kernel
 * does. conv_cmsgs_to_guest converts what the host's recvmsg returned into at most
 * `guest_cap` guest bytes with the kernel's truncation rules (a record cut short, or
 * fds beyond the room, set *ctrunc; fds that do not reach the guest are closed);
 * returns the guest bytes used, the msg_controllen the guest sees. */
size_t conv_cmsg_host_space(const LinuxAbi *abi, size_t guest_len);
int64_t conv_cmsgs_to_host(const LinuxAbi *abi, const uint8_t *guest, size_t guest_len,
                           uint8_t *host, size_t host_cap);
size_t conv_cmsgs_to_guest(const LinuxAbi *abi, const uint8_t *host, size_t host_len,
                           uint8_t *guest, size_t guest_cap, bool *ctrunc);
/* CMSG_ALIGN and the header size of the guest's cmsghdr. */
size_t conv_cmsg_align(const LinuxAbi *abi, size_t len);
size_t conv_cmsg_hdr_size(const LinuxAbi *abi);

/* Socket option values. */
typedef enum ConvOptKind {
	CONV_OPT_UNKNOWN = 0, /* not in the table */
	CONV_OPT_LAYOUT,      /* a ConvField value (int, linger, timeval, ucred, ...) */
	CONV_OPT_BYTES,       /* strings and network-order bytes, passed as they are */
	CONV_OPT_SOCKADDR,    /* a socket address (SO_PEERNAME) */
	CONV_OPT_FPROG,       /* struct sock_fprog: a guest pointer to a filter array */
} ConvOptKind;
typedef struct ConvSockOpt {
	int level, name;
	uint8_t kind; /* ConvOptKind */
	bool repeat;  /* the value is an array of `layout` elements */
	const ConvField *layout;
	const char *what; /* for -d unimp and -strace readers */
} ConvSockOpt;
/* The table entry of (level, name), or NULL for an option the table does not describe. */
const ConvSockOpt *conv_sockopt_lookup(int level, int name);
/* A plain C int, the layout assumed for options the table does not know. */
extern const ConvField conv_layout_int[];
/* A guest struct sock_fprog -> host filter instructions (g_malloc'd *filter, *count). */
int conv_get_sock_fprog(const LinuxAbi *abi, GuestMem *m, uint64_t addr, size_t len, void **filter,
                        unsigned *count);
/* Host filter instructions -> the guest array at addr (SO_GET_FILTER). */
int conv_put_sock_filters(const LinuxAbi *abi, GuestMem *m, uint64_t addr, const void *host,
                          unsigned count);

/* Netlink messages (conv_netlink.c). Netlink data is in the byte order of the machine:
 * for a guest of the host's byte order both are no-ops; for an opposite-endian guest the
 * headers (nlmsghdr, nlmsgerr, the rtnetlink family headers, rtattr) and the integer
 * attributes NETLINK_ROUTE defines are byte-swapped in place. `len` bytes of whole
 * messages; a message running past `len` is left as it is. */
void conv_netlink_to_host(const LinuxAbi *abi, int protocol, void *buf, size_t len);
void conv_netlink_to_guest(const LinuxAbi *abi, int protocol, void *buf, size_t len);
static inline bool conv_netlink_swaps(const LinuxAbi *abi)
{
	return abi->big_endian; /* the host is little-endian */
}

#endif
