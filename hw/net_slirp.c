/*
 * `-netdev user`: the guest's Ethernet frames go to libslirp, which answers ARP, DHCP
 * and DNS itself and NATs everything else onto host sockets. libslirp is not
 * thread-safe, so every call into it after start-up happens on the backend's own
 * thread: frames from the guest are queued and the thread, woken by an eventfd, feeds
 * them to slirp_input; the same thread polls slirp's sockets, runs slirp's timers (kept
 * here, in milliseconds of the monotonic clock) and delivers slirp's frames to the NIC
 * with the bus lock held.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <glib.h>
#include <poll.h>
#include <pthread.h>
#include <slirp/libslirp.h>
#include <stdio.h>
#include <string.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include "hw/net.h"
#include "hw/net_slirp.h"
#include "sysemu/bus.h"

/* Frames queued from the guest beyond this are dropped, as a full NIC queue would. */
#define NET_SLIRP_TX_QUEUE_MAX 1024
/* The loop wakes at least this often even with nothing to do. */
#define NET_SLIRP_MAX_SLEEP_MS 1000

typedef struct NetSlirpTimer {
	SlirpTimerCb cb;
	void *cb_opaque;
	int64_t expire_ms; /* -1 while not armed */
} NetSlirpTimer;

struct NetBackend {
	char *id;
	Bus *bus;
	Slirp *slirp;
	NetClient client;
	int wake_fd;
	pthread_t thread;
	bool started;

	pthread_mutex_t lock; /* guards tx and stop */
	GQueue tx;
	bool stop;

	GPtrArray *timers; /* of NetSlirpTimer, backend thread only */
	GArray *pollfds;   /* of struct pollfd, backend thread only */
};

static const struct {
	int slirp;
	short host;
} net_slirp_poll_bits[] = {
    {SLIRP_POLL_IN, POLLIN},   {SLIRP_POLL_OUT, POLLOUT}, {SLIRP_POLL_PRI, POLLPRI},
    {SLIRP_POLL_ERR, POLLERR}, {SLIRP_POLL_HUP, POLLHUP},
};

static int64_t net_slirp_now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void net_slirp_wake(NetBackend *nb)
{
	uint64_t one = 1;
	ssize_t n;
	do
		n = write(nb->wake_fd, &one, sizeof one);
	while (n < 0 && errno == EINTR);
}

/* libslirp callbacks; all run on the backend thread (or in net_backend_new). */

static ssize_t net_slirp_send_packet(const void *buf, size_t len, void *opaque)
{
	NetBackend *nb = opaque;
	if (!nb->client.receive)
		return (ssize_t)len;
	if (nb->bus)
		bus_lock(nb->bus);
	nb->client.receive(nb->client.opaque, buf, len);
	if (nb->bus)
		bus_unlock(nb->bus);
	return (ssize_t)len;
}

static void net_slirp_guest_error(const char *msg, void *opaque)
{
	NetBackend *nb = opaque;
	fprintf(stderr, "ferry: netdev %s: guest error: %s\n", nb->id, msg);
}

static int64_t net_slirp_clock_get_ns(void *opaque)
{
	return net_slirp_now_ns();
}

static void *net_slirp_timer_new(SlirpTimerCb cb, void *cb_opaque, void *opaque)
{
	NetBackend *nb = opaque;
	NetSlirpTimer *t = g_new0(NetSlirpTimer, 1);
	t->cb = cb;
	t->cb_opaque = cb_opaque;
	t->expire_ms = -1;
	g_ptr_array_add(nb->timers, t);
	return t;
}

static void net_slirp_timer_free(void *timer, void *opaque)
{
	NetBackend *nb = opaque;
	g_ptr_array_remove_fast(nb->timers, timer);
	g_free(timer);
}

static void net_slirp_timer_mod(void *timer, int64_t expire_ms, void *opaque)
{
	NetSlirpTimer *t = timer;
	t->expire_ms = expire_ms;
}

/* The poll set is rebuilt on every loop iteration; a new or closed socket only needs
 * the loop to go round once more. */
static void net_slirp_poll_set_changed(int fd, void *opaque)
{
	net_slirp_wake(opaque);
}

static void net_slirp_notify(void *opaque)
{
	net_slirp_wake(opaque);
}

static const SlirpCb net_slirp_callbacks = {
    .send_packet = net_slirp_send_packet,
    .guest_error = net_slirp_guest_error,
    .clock_get_ns = net_slirp_clock_get_ns,
    .timer_new = net_slirp_timer_new,
    .timer_free = net_slirp_timer_free,
    .timer_mod = net_slirp_timer_mod,
    .register_poll_fd = net_slirp_poll_set_changed,
    .unregister_poll_fd = net_slirp_poll_set_changed,
    .notify = net_slirp_notify,
};

/* The poll loop. */

static int net_slirp_add_poll(int fd, int events, void *opaque)
{
	NetBackend *nb = opaque;
	struct pollfd p = {.fd = fd};
	for (size_t i = 0; i < G_N_ELEMENTS(net_slirp_poll_bits); i++)
		if (events & net_slirp_poll_bits[i].slirp)
			p.events |= net_slirp_poll_bits[i].host;
	g_array_append_val(nb->pollfds, p);
	return (int)nb->pollfds->len - 1;
}

static int net_slirp_get_revents(int idx, void *opaque)
{
	NetBackend *nb = opaque;
	short revents = g_array_index(nb->pollfds, struct pollfd, idx).revents;
	int events = 0;
	for (size_t i = 0; i < G_N_ELEMENTS(net_slirp_poll_bits); i++)
		if (revents & net_slirp_poll_bits[i].host)
			events |= net_slirp_poll_bits[i].slirp;
	return events;
}

/* Fires due timers one at a time: a callback may arm, disarm or free any timer. */
static void net_slirp_run_timers(NetBackend *nb)
{
	int64_t now_ms = net_slirp_now_ns() / 1000000;
	for (guint i = 0; i < nb->timers->len;) {
		NetSlirpTimer *t = nb->timers->pdata[i];
		if (t->expire_ms < 0 || t->expire_ms > now_ms) {
			i++;
			continue;
		}
		t->expire_ms = -1;
		t->cb(t->cb_opaque);
		i = 0;
	}
}

static uint32_t net_slirp_timer_timeout(NetBackend *nb)
{
	int64_t now_ms = net_slirp_now_ns() / 1000000;
	int64_t wait = NET_SLIRP_MAX_SLEEP_MS;
	for (guint i = 0; i < nb->timers->len; i++) {
		NetSlirpTimer *t = nb->timers->pdata[i];
		if (t->expire_ms >= 0)
			wait = MIN(wait, MAX(t->expire_ms - now_ms, 0));
	}
	return (uint32_t)wait;
}

/* Feeds the queued guest frames to slirp; false once the backend is stopping. */
static bool net_slirp_drain_tx(NetBackend *nb)
{
	for (;;) {
		pthread_mutex_lock(&nb->lock);
		bool stop = nb->stop;
		GBytes *frame = stop ? NULL : g_queue_pop_head(&nb->tx);
		pthread_mutex_unlock(&nb->lock);
		if (!frame)
			return !stop;
		gsize len;
		const uint8_t *data = g_bytes_get_data(frame, &len);
		slirp_input(nb->slirp, data, (int)len);
		g_bytes_unref(frame);
	}
}

static void *net_slirp_thread(void *opaque)
{
	NetBackend *nb = opaque;
	while (net_slirp_drain_tx(nb)) {
		g_array_set_size(nb->pollfds, 0);
		struct pollfd wake = {.fd = nb->wake_fd, .events = POLLIN};
		g_array_append_val(nb->pollfds, wake);
		uint32_t timeout = net_slirp_timer_timeout(nb);
		slirp_pollfds_fill(nb->slirp, &timeout, net_slirp_add_poll, nb);
		int n = poll((struct pollfd *)(void *)nb->pollfds->data, nb->pollfds->len,
		             (int)MIN(timeout, (uint32_t)NET_SLIRP_MAX_SLEEP_MS));
		if (n > 0 && (g_array_index(nb->pollfds, struct pollfd, 0).revents & POLLIN)) {
			uint64_t count;
			if (read(nb->wake_fd, &count, sizeof count) < 0 && errno != EAGAIN)
				perror("ferry: netdev eventfd");
		}
		slirp_pollfds_poll(nb->slirp, n < 0, net_slirp_get_revents, nb);
		net_slirp_run_timers(nb);
	}
	return NULL;
}

/* Construction. */

static Slirp *net_slirp_create(NetBackend *nb, const NetSlirpOptions *o)
{
	SlirpConfig cfg = {
	    .version = 1,
	    .restricted = o->restricted,
	    .in_enabled = true,
	    .vnetwork = o->net,
	    .vnetmask = o->mask,
	    .vhost = o->host,
	    .in6_enabled = true,
	    .vprefix_len = 64,
	    .vhostname = o->hostname,
	    .vdhcp_start = o->dhcp_start,
	    .vnameserver = o->dns,
	};
	inet_pton(AF_INET6, "fec0::", &cfg.vprefix_addr6);
	inet_pton(AF_INET6, "fec0::2", &cfg.vhost6);
	inet_pton(AF_INET6, "fec0::3", &cfg.vnameserver6);
	return slirp_new(&cfg, &net_slirp_callbacks, nb);
}

static char *net_slirp_add_hostfwds(NetBackend *nb, const NetSlirpOptions *o)
{
	for (guint i = 0; i < o->hostfwds->len; i++) {
		const NetSlirpHostfwd *f = o->hostfwds->pdata[i];
		if (slirp_add_hostfwd(nb->slirp, f->udp, f->host_addr, f->host_port, f->guest_addr,
		                      f->guest_port) < 0)
			return g_strdup_printf("hostfwd=%s: cannot forward the host port "
			                       "(in use, or not allowed)",
			                       f->text);
	}
	return NULL;
}

NetBackend *net_backend_new(const char *spec, struct Bus *bus, char **err)
{
	NetSlirpOptions *o = net_slirp_options_parse(spec, err);
	if (!o)
		return NULL;
	NetBackend *nb = g_new0(NetBackend, 1);
	nb->id = g_strdup(o->id);
	nb->bus = bus;
	pthread_mutex_init(&nb->lock, NULL);
	g_queue_init(&nb->tx);
	nb->timers = g_ptr_array_new();
	nb->pollfds = g_array_new(FALSE, FALSE, sizeof(struct pollfd));
	nb->wake_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	char *why = NULL;
	if (nb->wake_fd < 0)
		why = g_strdup_printf("eventfd: %s", g_strerror(errno));
	if (!why) {
		nb->slirp = net_slirp_create(nb, o);
		if (!nb->slirp)
			why = g_strdup("libslirp refused the network configuration");
	}
	if (!why)
		why = net_slirp_add_hostfwds(nb, o);
	net_slirp_options_free(o);
	if (why) {
		*err = g_strdup_printf("-netdev %s: %s", nb->id, why);
		g_free(why);
		net_backend_free(nb);
		return NULL;
	}
	return nb;
}

const char *net_backend_id(const NetBackend *nb)
{
	return nb->id;
}

void net_backend_attach(NetBackend *nb, const NetClient *client)
{
	nb->client = *client;
}

int net_backend_start(NetBackend *nb)
{
	if (nb->started)
		return 0;
	int r = pthread_create(&nb->thread, NULL, net_slirp_thread, nb);
	if (r != 0)
		return -r;
	nb->started = true;
	return 0;
}

void net_backend_send(NetBackend *nb, const uint8_t *frame, size_t len)
{
	GBytes *copy = g_bytes_new(frame, len);
	pthread_mutex_lock(&nb->lock);
	bool queued = nb->tx.length < NET_SLIRP_TX_QUEUE_MAX;
	if (queued)
		g_queue_push_tail(&nb->tx, copy);
	pthread_mutex_unlock(&nb->lock);
	if (!queued)
		g_bytes_unref(copy);
	net_slirp_wake(nb);
}

void net_backend_free(NetBackend *nb)
{
	if (!nb)
		return;
	if (nb->started) {
		pthread_mutex_lock(&nb->lock);
		nb->stop = true;
		pthread_mutex_unlock(&nb->lock);
		net_slirp_wake(nb);
		pthread_join(nb->thread, NULL);
	}
	if (nb->slirp)
		slirp_cleanup(nb->slirp);
	g_queue_clear_full(&nb->tx, (GDestroyNotify)g_bytes_unref);
	for (guint i = 0; i < nb->timers->len; i++)
		g_free(nb->timers->pdata[i]);
	g_ptr_array_free(nb->timers, TRUE);
	g_array_free(nb->pollfds, TRUE);
	if (nb->wake_fd >= 0)
		close(nb->wake_fd);
	pthread_mutex_destroy(&nb->lock);
	g_free(nb->id);
	g_free(nb);
}
