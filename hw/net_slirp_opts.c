/*
 * Parsing of `-netdev user,...`: id (required), net=ADDR[/BITS] (default 10.0.2.0/24),
 * host=, dns=, dhcpstart= (default the network's .2, .3 and .15), restrict=on|off,
 * hostname=, and any number of hostfwd=[tcp|udp]:[HOSTADDR]:HOSTPORT-[GUESTADDR]:GUESTPORT.
 * Addresses left out are derived from the network once every option has been read, so
 * the options may come in any order; an unknown option is an error that names it.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "hw/net_slirp.h"

typedef struct NetSlirpParse {
	NetSlirpOptions *o;
	bool have_host, have_dns, have_dhcp;
} NetSlirpParse;

static bool net_slirp_addr(const char *text, struct in_addr *out)
{
	return inet_pton(AF_INET, text, out) == 1;
}

static bool net_slirp_port(const char *text, int min, int *out)
{
	char *end;
	long v = strtol(text, &end, 10);
	if (!*text || *end || v < min || v > 65535)
		return false;
	*out = (int)v;
	return true;
}

static char *opt_id(NetSlirpParse *p, const char *v)
{
	if (!*v)
		return g_strdup("id must not be empty");
	g_free(p->o->id);
	p->o->id = g_strdup(v);
	return NULL;
}

static char *opt_net(NetSlirpParse *p, const char *v)
{
	g_auto(GStrv) parts = g_strsplit(v, "/", 2);
	int bits = 24;
	if (parts[1] && (!net_slirp_port(parts[1], 0, &bits) || bits < 8 || bits > 30))
		return g_strdup_printf("net=%s: the prefix length must be 8..30", v);
	if (!net_slirp_addr(parts[0], &p->o->net))
		return g_strdup_printf("net=%s: not an IPv4 address", v);
	p->o->mask.s_addr = htonl(~0u << (32 - bits));
	p->o->net.s_addr &= p->o->mask.s_addr;
	return NULL;
}

static char *opt_addr(const char *name, const char *v, struct in_addr *out, bool *given)
{
	if (!net_slirp_addr(v, out))
		return g_strdup_printf("%s=%s: not an IPv4 address", name, v);
	*given = true;
	return NULL;
}

static char *opt_host(NetSlirpParse *p, const char *v)
{
	return opt_addr("host", v, &p->o->host, &p->have_host);
}

static char *opt_dns(NetSlirpParse *p, const char *v)
{
	return opt_addr("dns", v, &p->o->dns, &p->have_dns);
}

static char *opt_dhcp(NetSlirpParse *p, const char *v)
{
	return opt_addr("dhcpstart", v, &p->o->dhcp_start, &p->have_dhcp);
}

static char *opt_restrict(NetSlirpParse *p, const char *v)
{
	if (strcmp(v, "on") && strcmp(v, "off") && strcmp(v, "yes") && strcmp(v, "no"))
		return g_strdup_printf("restrict=%s: expected on or off", v);
	p->o->restricted = !strcmp(v, "on") || !strcmp(v, "yes");
	return NULL;
}

static char *opt_hostname(NetSlirpParse *p, const char *v)
{
	g_free(p->o->hostname);
	p->o->hostname = g_strdup(v);
	return NULL;
}

/* "[ADDR]:PORT" into addr (left alone when empty) and port. */
static bool net_slirp_endpoint(const char *text, int min_port, struct in_addr *addr, int *port)
{
	const char *colon = strrchr(text, ':');
	if (!colon)
		return false;
	g_autofree char *a = g_strndup(text, (size_t)(colon - text));
	if (*a && !net_slirp_addr(a, addr))
		return false;
	return net_slirp_port(colon + 1, min_port, port);
}

static char *opt_hostfwd(NetSlirpParse *p, const char *v)
{
	NetSlirpHostfwd *fwd = g_new0(NetSlirpHostfwd, 1);
	fwd->text = g_strdup(v);
	g_ptr_array_add(p->o->hostfwds, fwd);
	const char *colon = strchr(v, ':');
	const char *dash = strchr(v, '-');
	g_autofree char *proto = colon ? g_strndup(v, (size_t)(colon - v)) : NULL;
	if (!colon || !dash || dash < colon ||
	    (*proto && strcmp(proto, "tcp") && strcmp(proto, "udp")))
		return g_strdup_printf("hostfwd=%s: expected [tcp|udp]:[hostaddr]:hostport-"
		                       "[guestaddr]:guestport",
		                       v);
	fwd->udp = !strcmp(proto, "udp");
	g_autofree char *host = g_strndup(colon + 1, (size_t)(dash - colon - 1));
	if (!net_slirp_endpoint(host, 0, &fwd->host_addr, &fwd->host_port) ||
	    !net_slirp_endpoint(dash + 1, 1, &fwd->guest_addr, &fwd->guest_port))
		return g_strdup_printf("hostfwd=%s: bad address or port", v);
	return NULL;
}

static const struct {
	const char *key;
	char *(*parse)(NetSlirpParse *p, const char *value);
} net_slirp_opts[] = {
    {"id", opt_id},
    {"net", opt_net},
    {"host", opt_host},
    {"dns", opt_dns},
    {"dhcpstart", opt_dhcp},
    {"restrict", opt_restrict},
    {"hostname", opt_hostname},
    {"hostfwd", opt_hostfwd},
};

static char *net_slirp_option(NetSlirpParse *p, const char *item)
{
	const char *eq = strchr(item, '=');
	if (!eq)
		return g_strdup_printf("option '%s' needs a value (%s=...)", item, item);
	g_autofree char *key = g_strndup(item, (size_t)(eq - item));
	for (size_t i = 0; i < G_N_ELEMENTS(net_slirp_opts); i++)
		if (!strcmp(key, net_slirp_opts[i].key))
			return net_slirp_opts[i].parse(p, eq + 1);
	return g_strdup_printf("unknown option '%s' for -netdev user", key);
}

static bool net_slirp_in_net(const NetSlirpOptions *o, struct in_addr a)
{
	return (a.s_addr & o->mask.s_addr) == o->net.s_addr;
}

/* Fills in the addresses derived from the network and checks they lie inside it. */
static char *net_slirp_finish(NetSlirpParse *p)
{
	NetSlirpOptions *o = p->o;
	uint32_t net = ntohl(o->net.s_addr);
	if (!p->have_host)
		o->host.s_addr = htonl(net | 2);
	if (!p->have_dns)
		o->dns.s_addr = htonl(net | 3);
	if (!p->have_dhcp)
		o->dhcp_start.s_addr = htonl(net | 15);
	if (!o->id)
		return g_strdup("-netdev user needs id=");
	if (!net_slirp_in_net(o, o->host) || !net_slirp_in_net(o, o->dns) ||
	    !net_slirp_in_net(o, o->dhcp_start))
		return g_strdup("host, dns and dhcpstart must lie inside net=");
	for (guint i = 0; i < o->hostfwds->len; i++) {
		NetSlirpHostfwd *fwd = o->hostfwds->pdata[i];
		if (fwd->guest_addr.s_addr == INADDR_ANY)
			fwd->guest_addr = o->dhcp_start;
	}
	return NULL;
}

static void net_slirp_hostfwd_free(gpointer data)
{
	NetSlirpHostfwd *fwd = data;
	g_free(fwd->text);
	g_free(fwd);
}

void net_slirp_options_free(NetSlirpOptions *o)
{
	if (!o)
		return;
	g_free(o->id);
	g_free(o->hostname);
	g_ptr_array_free(o->hostfwds, TRUE);
	g_free(o);
}

NetSlirpOptions *net_slirp_options_parse(const char *spec, char **err)
{
	g_auto(GStrv) items = g_strsplit(spec, ",", -1);
	if (!items[0] || strcmp(items[0], "user") != 0) {
		*err = g_strdup_printf("-netdev %s: only the 'user' network type is supported",
		                       items[0] ? items[0] : "");
		return NULL;
	}
	NetSlirpParse p = {.o = g_new0(NetSlirpOptions, 1)};
	p.o->hostfwds = g_ptr_array_new_with_free_func(net_slirp_hostfwd_free);
	opt_net(&p, "10.0.2.0/24");
	char *why = NULL;
	for (size_t i = 1; items[i] && !why; i++)
		why = net_slirp_option(&p, items[i]);
	if (!why)
		why = net_slirp_finish(&p);
	if (why) {
		*err = why;
		net_slirp_options_free(p.o);
		return NULL;
	}
	return p.o;
}
