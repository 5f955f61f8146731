/*
 * The user-mode network backend's option set, shared by hw/net_slirp_opts.c (which
 * parses the -netdev text into it) and hw/net_slirp.c (which builds the slirp instance
 * from it).
 */
#ifndef FERRY_NET_SLIRP_H
#define FERRY_NET_SLIRP_H

#include <glib.h>
#include <netinet/in.h>
#include <stdbool.h>

typedef struct NetSlirpHostfwd {
	bool udp;
	struct in_addr host_addr; /* INADDR_ANY when not given */
	int host_port;
	struct in_addr guest_addr; /* the DHCP start address when not given */
	int guest_port;
	char *text; /* as written, for messages */
} NetSlirpHostfwd;

typedef struct NetSlirpOptions {
	char *id;
	struct in_addr net, mask, host, dns, dhcp_start;
	bool restricted;
	char *hostname;
	GPtrArray *hostfwds; /* of NetSlirpHostfwd */
} NetSlirpOptions;

/* Parses "user,id=n0,..."; NULL with a one-line reason in *err. */
NetSlirpOptions *net_slirp_options_parse(const char *spec, char **err);
void net_slirp_options_free(NetSlirpOptions *o);

#endif
