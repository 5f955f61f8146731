/*
 * The user-mode network backend (hw/net_slirp*.c) seen from the guest's side: the test
 * builds Ethernet frames as a guest NIC would (ARP requests, a DHCP DISCOVER), sends
 * them with net_backend_send and waits for libslirp's answers to arrive through
 * NetClient.receive; it also checks that answers wait for the bus lock, that hostfwd
 * listens on the host, and that bad -netdev options are refused with their name.
 */
#include <arpa/inet.h>
#include <check.h>
#include <glib.h>
#include <netinet/in.h>
#include <pthread.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "hw/net.h"
#include "sysemu/bus.h"
#include "tests/unit/suites.h"

static const uint8_t guest_mac[6] = {0x52, 0x54, 0x00, 0x12, 0x34, 0x56};

/* Frames the backend delivered, for the test thread to wait on. */
typedef struct Inbox {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	GPtrArray *frames; /* of GBytes */
} Inbox;

static bool inbox_receive(void *opaque, const uint8_t *frame, size_t len)
{
	Inbox *in = opaque;
	pthread_mutex_lock(&in->lock);
	g_ptr_array_add(in->frames, g_bytes_new(frame, len));
	pthread_cond_broadcast(&in->cond);
	pthread_mutex_unlock(&in->lock);
	return true;
}

static void inbox_init(Inbox *in)
{
	pthread_mutex_init(&in->lock, NULL);
	pthread_cond_init(&in->cond, NULL);
	in->frames = g_ptr_array_new_with_free_func((GDestroyNotify)g_bytes_unref);
}

/* Waits up to ms for a frame that match() accepts; NULL when none came. */
static GBytes *inbox_wait(Inbox *in, bool (*match)(const uint8_t *, size_t, const void *),
                          const void *arg, int ms)
{
	gint64 deadline = g_get_monotonic_time() + ms * 1000ll;
	GBytes *found = NULL;
	guint seen = 0;
	pthread_mutex_lock(&in->lock);
	while (!found) {
		for (; seen < in->frames->len && !found; seen++) {
			gsize len;
			const uint8_t *f = g_bytes_get_data(in->frames->pdata[seen], &len);
			if (match(f, len, arg))
				found = g_bytes_ref(in->frames->pdata[seen]);
		}
		if (found || g_get_monotonic_time() >= deadline)
			break;
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += 20 * 1000000;
		if (ts.tv_nsec >= 1000000000) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000;
		}
		pthread_cond_timedwait(&in->cond, &in->lock, &ts);
	}
	pthread_mutex_unlock(&in->lock);
	return found;
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static void put_ip(uint8_t *p, const char *addr)
{
	struct in_addr a;
	ck_assert_int_eq(inet_pton(AF_INET, addr, &a), 1);
	memcpy(p, &a, 4);
}

static bool ip_is(const uint8_t *p, const char *addr)
{
	struct in_addr a;
	inet_pton(AF_INET, addr, &a);
	return memcmp(p, &a, 4) == 0;
}

/* An ARP request "who has target? tell sender", padded to the Ethernet minimum. */
static size_t build_arp_request(uint8_t *f, const char *sender, const char *target)
{
	memset(f, 0, 60);
	memset(f, 0xff, 6);
	memcpy(f + 6, guest_mac, 6);
	put16(f + 12, 0x0806);
	uint8_t *a = f + 14;
	put16(a, 1);
	put16(a + 2, 0x0800);
	a[4] = 6;
	a[5] = 4;
	put16(a + 6, 1);
	memcpy(a + 8, guest_mac, 6);
	put_ip(a + 14, sender);
	put_ip(a + 24, target);
	return 60;
}

static bool is_arp_reply_from(const uint8_t *f, size_t len, const void *arg)
{
	return len >= 42 && get16(f + 12) == 0x0806 && get16(f + 14 + 6) == 2 &&
	       ip_is(f + 14 + 14, arg) && memcmp(f, guest_mac, 6) == 0;
}

static uint16_t ip_checksum(const uint8_t *p, size_t len)
{
	uint32_t sum = 0;
	for (size_t i = 0; i < len; i += 2)
		sum += get16(p + i);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

/* A broadcast DHCP DISCOVER from guest_mac: Ethernet, IPv4, UDP 68->67, BOOTP. */
static size_t build_dhcp_discover(uint8_t *f)
{
	const size_t bootp_len = 548, udp_len = 8 + bootp_len, ip_len = 20 + udp_len;
	memset(f, 0, 14 + ip_len);
	memset(f, 0xff, 6);
	memcpy(f + 6, guest_mac, 6);
	put16(f + 12, 0x0800);
	uint8_t *ip = f + 14;
	ip[0] = 0x45;
	put16(ip + 2, (uint16_t)ip_len);
	ip[8] = 64;
	ip[9] = 17;
	put_ip(ip + 12, "0.0.0.0");
	put_ip(ip + 16, "255.255.255.255");
	put16(ip + 10, ip_checksum(ip, 20));
	uint8_t *udp = ip + 20;
	put16(udp, 68);
	put16(udp + 2, 67);
	put16(udp + 4, (uint16_t)udp_len);
	uint8_t *bootp = udp + 8;
	bootp[0] = 1; /* BOOTREQUEST */
	bootp[1] = 1; /* Ethernet */
	bootp[2] = 6;
	memcpy(bootp + 4, "\x12\x34\x56\x78", 4); /* xid */
	memcpy(bootp + 28, guest_mac, 6);
	static const uint8_t options[] = {0x63, 0x82, 0x53, 0x63, 53, 1, 1, 255};
	memcpy(bootp + 236, options, sizeof options);
	return 14 + ip_len;
}

/* The DHCP message type option of a BOOTP reply, or 0. */
static int dhcp_message_type(const uint8_t *bootp, size_t len)
{
	for (size_t i = 240; i + 1 < len && bootp[i] != 255;) {
		if (bootp[i] == 0) {
			i++;
			continue;
		}
		if (bootp[i] == 53 && i + 2 < len)
			return bootp[i + 2];
		i += 2u + bootp[i + 1];
	}
	return 0;
}

/* A DHCP OFFER for the transaction above giving the address arg. */
static bool is_dhcp_offer_of(const uint8_t *f, size_t len, const void *arg)
{
	if (len < 14 + 20 || get16(f + 12) != 0x0800 || f[14 + 9] != 17)
		return false;
	size_t ihl = (f[14] & 15u) * 4;
	const uint8_t *udp = f + 14 + ihl;
	if (len < 14 + ihl + 8 + 240 || get16(udp) != 67 || get16(udp + 2) != 68)
		return false;
	const uint8_t *bootp = udp + 8;
	size_t blen = len - 14 - ihl - 8;
	return bootp[0] == 2 && memcmp(bootp + 4, "\x12\x34\x56\x78", 4) == 0 &&
	       ip_is(bootp + 16, arg) && dhcp_message_type(bootp, blen) == 2;
}

static NetBackend *start_backend(const char *spec, Bus *bus, Inbox *in)
{
	char *err = NULL;
	NetBackend *nb = net_backend_new(spec, bus, &err);
	ck_assert_msg(nb != NULL, "net_backend_new: %s", err);
	inbox_init(in);
	NetClient client = {.receive = inbox_receive, .opaque = in};
	net_backend_attach(nb, &client);
	ck_assert_int_eq(net_backend_start(nb), 0);
	return nb;
}

START_TEST(test_arp_gateway_and_dns)
{
	Inbox in;
	NetBackend *nb = start_backend("user,id=n0", NULL, &in);
	ck_assert_str_eq(net_backend_id(nb), "n0");
	uint8_t f[60];
	net_backend_send(nb, f, build_arp_request(f, "10.0.2.15", "10.0.2.2"));
	GBytes *reply = inbox_wait(&in, is_arp_reply_from, "10.0.2.2", 3000);
	ck_assert_msg(reply != NULL, "no ARP reply from the gateway 10.0.2.2");
	g_bytes_unref(reply);
	net_backend_send(nb, f, build_arp_request(f, "10.0.2.15", "10.0.2.3"));
	reply = inbox_wait(&in, is_arp_reply_from, "10.0.2.3", 3000);
	ck_assert_msg(reply != NULL, "no ARP reply from the DNS server 10.0.2.3");
	g_bytes_unref(reply);
	net_backend_free(nb);
}
END_TEST

START_TEST(test_dhcp_offer)
{
	Inbox in;
	NetBackend *nb = start_backend("user,id=net0", NULL, &in);
	uint8_t f[1514];
	net_backend_send(nb, f, build_dhcp_discover(f));
	GBytes *offer = inbox_wait(&in, is_dhcp_offer_of, "10.0.2.15", 3000);
	ck_assert_msg(offer != NULL, "no DHCP OFFER of 10.0.2.15");
	g_bytes_unref(offer);
	net_backend_free(nb);
}
END_TEST

START_TEST(test_dhcp_custom_network)
{
	Inbox in;
	NetBackend *nb =
	    start_backend("user,net=192.168.76.0/24,dhcpstart=192.168.76.9,id=n1", NULL, &in);
	uint8_t f[1514];
	net_backend_send(nb, f, build_dhcp_discover(f));
	GBytes *offer = inbox_wait(&in, is_dhcp_offer_of, "192.168.76.9", 3000);
	ck_assert_msg(offer != NULL, "no DHCP OFFER of 192.168.76.9");
	g_bytes_unref(offer);
	net_backend_send(nb, f, build_arp_request(f, "192.168.76.9", "192.168.76.2"));
	GBytes *reply = inbox_wait(&in, is_arp_reply_from, "192.168.76.2", 3000);
	ck_assert_msg(reply != NULL, "no ARP reply from 192.168.76.2");
	g_bytes_unref(reply);
	net_backend_free(nb);
}
END_TEST

/* Frames reach the NIC only with the bus lock held: none arrive while the test holds it. */
START_TEST(test_receive_under_bus_lock)
{
	Bus *bus = bus_new();
	Inbox in;
	NetBackend *nb = start_backend("user,id=n0", bus, &in);
	uint8_t f[60];
	bus_lock(bus);
	net_backend_send(nb, f, build_arp_request(f, "10.0.2.15", "10.0.2.2"));
	GBytes *early = inbox_wait(&in, is_arp_reply_from, "10.0.2.2", 300);
	bus_unlock(bus);
	ck_assert_msg(early == NULL, "a frame was delivered without the bus lock");
	GBytes *reply = inbox_wait(&in, is_arp_reply_from, "10.0.2.2", 3000);
	ck_assert_msg(reply != NULL, "no ARP reply after the bus lock was released");
	g_bytes_unref(reply);
	net_backend_free(nb);
	bus_free(bus);
}
END_TEST

static int free_tcp_port(void)
{
	int s = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t alen = sizeof a;
	ck_assert_int_eq(bind(s, (struct sockaddr *)&a, sizeof a), 0);
	ck_assert_int_eq(getsockname(s, (struct sockaddr *)&a, &alen), 0);
	close(s);
	return ntohs(a.sin_port);
}

START_TEST(test_hostfwd_listens)
{
	int port = free_tcp_port();
	g_autofree char *spec = g_strdup_printf(
	    "user,id=n0,hostfwd=tcp:127.0.0.1:%d-:22,hostfwd=udp::%d-10.0.2.15:53", port, port);
	Inbox in;
	NetBackend *nb = start_backend(spec, NULL, &in);
	int s = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {.sin_family = AF_INET,
	                        .sin_port = htons((uint16_t)port),
	                        .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	ck_assert_int_eq(connect(s, (struct sockaddr *)&a, sizeof a), 0);
	close(s);

	char *err = NULL;
	g_autofree char *again = g_strdup_printf("user,id=n2,hostfwd=tcp:127.0.0.1:%d-:22", port);
	ck_assert_ptr_null(net_backend_new(again, NULL, &err));
	ck_assert_msg(strstr(err, "hostfwd=tcp:127.0.0.1:") != NULL, "message: %s", err);
	g_free(err);
	net_backend_free(nb);
}
END_TEST

START_TEST(test_bad_options)
{
	static const struct {
		const char *spec, *want;
	} cases[] = {
	    {"user", "id="},
	    {"user,id=n0,bogus=1", "unknown option 'bogus'"},
	    {"tap,id=n0", "only the 'user' network type"},
	    {"user,id=n0,hostfwd=tcp::22", "hostfwd=tcp::22"},
	    {"user,id=n0,hostfwd=sctp::1-:2", "hostfwd=sctp::1-:2"},
	    {"user,id=n0,hostfwd=tcp::70000-:22", "bad address or port"},
	    {"user,id=n0,net=10.0.2.0/40", "net=10.0.2.0/40"},
	    {"user,id=n0,dns=10.9.9.9", "inside net="},
	    {"user,id=n0,host=banana", "host=banana"},
	    {"user,id=n0,restrict", "restrict"},
	};
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		char *err = NULL;
		NetBackend *nb = net_backend_new(cases[i].spec, NULL, &err);
		ck_assert_msg(nb == NULL, "%s was accepted", cases[i].spec);
		ck_assert_msg(err && strstr(err, cases[i].want), "%s: message '%s' lacks '%s'",
		              cases[i].spec, err, cases[i].want);
		g_free(err);
	}
}
END_TEST

Suite *net_slirp_suite(void)
{
	Suite *s = suite_create("net_slirp");
	TCase *tc = tcase_create("net_slirp");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_arp_gateway_and_dns);
	tcase_add_test(tc, test_dhcp_offer);
	tcase_add_test(tc, test_dhcp_custom_network);
	tcase_add_test(tc, test_receive_under_bus_lock);
	tcase_add_test(tc, test_hostfwd_listens);
	tcase_add_test(tc, test_bad_options);
	suite_add_tcase(s, tc);
	return s;
}
