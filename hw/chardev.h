/*
 * The console backend behind the UART: the host's stdin/stdout (raw mode when stdin is
 * a terminal, restored at exit), with the escape prefix Ctrl-A: Ctrl-A x quits, Ctrl-A c
 * switches between the guest console and the monitor, Ctrl-A Ctrl-A sends one Ctrl-A,
 * Ctrl-A h lists these. Input is read on the chardev's own thread and handed to the
 * frontend (the UART) with the bus lock held.
 */
#ifndef FERRY_CHARDEV_H
#define FERRY_CHARDEV_H

#include <stddef.h>
#include <stdint.h>

struct Bus;
typedef struct Chardev Chardev;

typedef struct ChardevFrontend {
	/* Bytes the frontend can take now (0: keep them until it can). */
	size_t (*can_receive)(void *opaque);
	void (*receive)(void *opaque, const uint8_t *buf, size_t len);
	void *opaque;
} ChardevFrontend;

/* The monitor: one command line in, text out through chardev_monitor_print. */
typedef void (*MonitorHandler)(void *opaque, Chardev *chr, const char *line);

Chardev *chardev_stdio_new(struct Bus *bus);
/* The same over any pair of descriptors (a pipe, a socket, a pty); raw mode applies
 * when in_fd is a terminal. */
Chardev *chardev_fd_new(struct Bus *bus, int in_fd, int out_fd);
void chardev_attach(Chardev *chr, const ChardevFrontend *fe);
void chardev_set_monitor(Chardev *chr, MonitorHandler handler, void *opaque);
/* Called on quit (Ctrl-A x) from the input thread. */
void chardev_set_quit(Chardev *chr, void (*quit)(void *opaque), void *opaque);
int chardev_start(Chardev *chr);
void chardev_write(Chardev *chr, const uint8_t *buf, size_t len);
/* The frontend can take input again (after can_receive returned 0). */
void chardev_accept_input(Chardev *chr);
void chardev_monitor_print(Chardev *chr, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Restores the terminal (also done at exit). */
void chardev_free(Chardev *chr);

#endif
