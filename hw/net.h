/*
 * Network backends: where a NIC model's Ethernet frames go. `-netdev user,id=ID[,
 * hostfwd=tcp::HOSTPORT-:GUESTPORT]...` makes a user-mode network (libslirp: NAT to the
 * host's network, DHCP giving the guest 10.0.2.15, gateway 10.0.2.2, DNS 10.0.2.3).
 * The backend runs its own thread; it hands received frames to the NIC through the
 * receive callback with the bus lock held (sysemu/bus.h).
 */
#ifndef FERRY_NET_H
#define FERRY_NET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct Bus;
typedef struct NetBackend NetBackend;

typedef struct NetClient {
	/* A frame from the network for the guest; returns false when the NIC has no room
	 * now (the backend then drops it, as a real network may). */
	bool (*receive)(void *opaque, const uint8_t *frame, size_t len);
	void *opaque;
} NetClient;

/* Parses "user,id=n0,hostfwd=tcp::2222-:22" (the text after -netdev). NULL on failure
 * with a one-line reason in *err (g_free it). */
NetBackend *net_backend_new(const char *spec, struct Bus *bus, char **err);
const char *net_backend_id(const NetBackend *nb);
void net_backend_attach(NetBackend *nb, const NetClient *client);
/* Starts the backend's thread (after the machine is built). */
int net_backend_start(NetBackend *nb);
/* A frame from the guest. */
void net_backend_send(NetBackend *nb, const uint8_t *frame, size_t len);
void net_backend_free(NetBackend *nb);

#endif
