/*
 * The console backend (hw/chardev.h) over stdin/stdout or any two descriptors. One
 * input thread polls the input descriptor and a wake pipe; it runs bytes through the
 * escape state machine (hw/chardev_escape.h), then either queues them for the frontend,
 * delivered under the bus lock as far as can_receive allows (the rest waits for
 * chardev_accept_input, which writes to the wake pipe), or, in monitor mode, edits a
 * line that goes to the MonitorHandler (called without the bus lock, so a command may
 * stop the harts). Guest output that arrives in monitor mode is held and written when
 * the console comes back. End of input stops the reading and nothing else, so a machine
 * without stdin keeps running. A terminal is put in raw mode at start and restored by
 * chardev_free, at exit and on fatal signals.
 *
 * Locks: the bus lock is taken before the chardev's own lock, never the other way.
 */
#include "hw/chardev.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "hw/chardev_escape.h"
#include "sysemu/bus.h"

#define CHR_QUEUE_SIZE 4096       /* input waiting for the frontend; more is dropped */
#define CHR_HELD_MAX   (1u << 20) /* guest output kept while the monitor is shown */
#define CHR_PROMPT     "(ferry) "

struct Chardev {
	Bus *bus;
	int in_fd, out_fd;
	int wake[2];
	pthread_t thread;
	bool started;
	pthread_mutex_t lock; /* the fields below up to the input thread's own */
	ChardevFrontend fe;
	bool has_fe, stop, in_monitor;
	MonitorHandler monitor;
	void *monitor_opaque;
	void (*quit)(void *opaque);
	void *quit_opaque;
	GByteArray *held;
	/* the input thread's own */
	ChardevEscape esc;
	bool eof;
	uint8_t queue[CHR_QUEUE_SIZE];
	size_t queued;
	GString *line;
};

static const char chr_help[] = "\n"
                               "C-a h    print this help\n"
                               "C-a x    exit ferry\n"
                               "C-a c    switch between console and monitor\n"
                               "C-a C-a  send C-a\n";

/* The terminal to restore: one per process, like stdin. */
static struct {
	bool saved;
	int fd;
	struct termios attrs;
} chr_tty;

static void chr_tty_restore(void)
{
	if (chr_tty.saved)
		tcsetattr(chr_tty.fd, TCSANOW, &chr_tty.attrs);
}

static void chr_tty_signal(int sig)
{
	chr_tty_restore();
	raise(sig); /* SA_RESETHAND made it the default action */
}

/* Signals that end the process keep the terminal usable; a handler someone else
 * installed is left alone. */
static void chr_tty_install_handlers(void)
{
	static const int sigs[] = {SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGABRT,
	                           SIGSEGV, SIGBUS, SIGILL, SIGFPE};
	struct sigaction sa = {.sa_handler = chr_tty_signal, .sa_flags = SA_RESETHAND};
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
		struct sigaction old;
		if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_DFL &&
		    !(old.sa_flags & SA_SIGINFO))
			sigaction(sigs[i], &sa, NULL);
	}
}

static void chr_tty_raw(int fd)
{
	static bool once;
	struct termios raw;
	if (!isatty(fd) || chr_tty.saved || tcgetattr(fd, &chr_tty.attrs))
		return;
	chr_tty.fd = fd;
	chr_tty.saved = true;
	if (!once) {
		once = true;
		atexit(chr_tty_restore);
		chr_tty_install_handlers();
	}
	raw = chr_tty.attrs;
	cfmakeraw(&raw);
	raw.c_oflag |= OPOST | ONLCR; /* monitor text and guest output stay readable */
	tcsetattr(fd, TCSANOW, &raw);
}

static void chr_write_all(int fd, const void *buf, size_t len)
{
	const uint8_t *p = buf;
	while (len) {
		ssize_t n = write(fd, p, len);
		if (n > 0) {
			p += n;
			len -= (size_t)n;
		} else if (n < 0 && errno == EAGAIN) {
			struct pollfd pfd = {fd, POLLOUT, 0};
			poll(&pfd, 1, 100);
		} else if (!(n < 0 && errno == EINTR)) {
			return; /* the console is gone: output is lost, the machine runs on */
		}
	}
}

Chardev *chardev_fd_new(Bus *bus, int in_fd, int out_fd)
{
	Chardev *chr = calloc(1, sizeof *chr);
	if (!chr)
		return NULL;
	if (pipe2(chr->wake, O_CLOEXEC | O_NONBLOCK)) {
		free(chr);
		return NULL;
	}
	chr->bus = bus;
	chr->in_fd = in_fd;
	chr->out_fd = out_fd;
	pthread_mutex_init(&chr->lock, NULL);
	chr->held = g_byte_array_new();
	chr->line = g_string_new(NULL);
	return chr;
}

Chardev *chardev_stdio_new(Bus *bus)
{
	return chardev_fd_new(bus, STDIN_FILENO, STDOUT_FILENO);
}

void chardev_attach(Chardev *chr, const ChardevFrontend *fe)
{
	pthread_mutex_lock(&chr->lock);
	chr->fe = *fe;
	chr->has_fe = true;
	pthread_mutex_unlock(&chr->lock);
	chardev_accept_input(chr);
}

void chardev_set_monitor(Chardev *chr, MonitorHandler handler, void *opaque)
{
	pthread_mutex_lock(&chr->lock);
	chr->monitor = handler;
	chr->monitor_opaque = opaque;
	pthread_mutex_unlock(&chr->lock);
}

void chardev_set_quit(Chardev *chr, void (*quit)(void *opaque), void *opaque)
{
	pthread_mutex_lock(&chr->lock);
	chr->quit = quit;
	chr->quit_opaque = opaque;
	pthread_mutex_unlock(&chr->lock);
}

void chardev_write(Chardev *chr, const uint8_t *buf, size_t len)
{
	pthread_mutex_lock(&chr->lock);
	if (!chr->in_monitor)
		chr_write_all(chr->out_fd, buf, len);
	else if (chr->held->len + len <= CHR_HELD_MAX)
		g_byte_array_append(chr->held, buf, (guint)len);
	pthread_mutex_unlock(&chr->lock);
}

void chardev_accept_input(Chardev *chr)
{
	uint8_t b = 0;
	if (write(chr->wake[1], &b, 1) < 0 && errno != EAGAIN)
		return; /* a full pipe already holds a wake-up */
}

void chardev_monitor_print(Chardev *chr, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *text = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	pthread_mutex_lock(&chr->lock);
	chr_write_all(chr->out_fd, text, strlen(text));
	pthread_mutex_unlock(&chr->lock);
	g_free(text);
}

/* Hands queued input to the frontend until it is empty or can_receive says 0 (after
 * which the frontend calls chardev_accept_input when it has room). */
static void chr_deliver(Chardev *chr)
{
	if (!chr->queued)
		return;
	if (chr->bus)
		bus_lock(chr->bus);
	pthread_mutex_lock(&chr->lock);
	ChardevFrontend fe = chr->fe;
	bool has_fe = chr->has_fe;
	pthread_mutex_unlock(&chr->lock);
	size_t done = 0;
	while (has_fe && done < chr->queued) {
		size_t n = fe.can_receive(fe.opaque);
		if (!n)
			break;
		n = n < chr->queued - done ? n : chr->queued - done;
		fe.receive(fe.opaque, chr->queue + done, n);
		done += n;
	}
	if (chr->bus)
		bus_unlock(chr->bus);
	memmove(chr->queue, chr->queue + done, chr->queued - done);
	chr->queued -= done;
}

static void chr_toggle_monitor(Chardev *chr)
{
	pthread_mutex_lock(&chr->lock);
	bool has_monitor = chr->monitor != NULL;
	chr->in_monitor = has_monitor && !chr->in_monitor;
	GByteArray *held = chr->held;
	if (!chr->in_monitor && held->len) {
		chr_write_all(chr->out_fd, held->data, held->len);
		g_byte_array_set_size(held, 0);
	}
	bool now = chr->in_monitor;
	pthread_mutex_unlock(&chr->lock);
	g_string_truncate(chr->line, 0);
	if (!has_monitor)
		chardev_monitor_print(chr, "\nferry: no monitor in this machine\n");
	else if (now)
		chardev_monitor_print(chr, "\nferry monitor: type 'help'; C-a c returns to the "
		                           "console\n" CHR_PROMPT);
	else
		chardev_monitor_print(chr, "\n");
}

/* A byte typed in monitor mode: line editing with echo, Enter runs the line. */
static void chr_monitor_byte(Chardev *chr, uint8_t b)
{
	if (b == '\r' || b == '\n') {
		chardev_monitor_print(chr, "\n");
		pthread_mutex_lock(&chr->lock);
		MonitorHandler handler = chr->monitor;
		void *opaque = chr->monitor_opaque;
		pthread_mutex_unlock(&chr->lock);
		char *line = g_strdup(chr->line->str);
		g_string_truncate(chr->line, 0);
		if (handler)
			handler(opaque, chr, line);
		g_free(line);
		chardev_monitor_print(chr, CHR_PROMPT);
	} else if ((b == 0x7f || b == 0x08) && chr->line->len) {
		g_string_truncate(chr->line, chr->line->len - 1);
		chardev_monitor_print(chr, "\b \b");
	} else if (b >= 0x20 && b < 0x7f) {
		g_string_append_c(chr->line, (char)b);
		chardev_monitor_print(chr, "%c", b);
	}
}

static void chr_quit(Chardev *chr)
{
	pthread_mutex_lock(&chr->lock);
	void (*quit)(void *) = chr->quit;
	void *opaque = chr->quit_opaque;
	pthread_mutex_unlock(&chr->lock);
	if (!quit) {
		chardev_monitor_print(chr, "\nferry: terminated\n");
		exit(0);
	}
	quit(opaque);
}

static void chr_input_byte(Chardev *chr, uint8_t in)
{
	uint8_t b;
	switch (chardev_escape_feed(&chr->esc, in, &b)) {
	case CHR_ESC_BYTE:
		if (chr->in_monitor) /* only this thread changes it */
			chr_monitor_byte(chr, b);
		else if (chr->queued < CHR_QUEUE_SIZE)
			chr->queue[chr->queued++] = b;
		break;
	case CHR_ESC_QUIT: chr_quit(chr); break;
	case CHR_ESC_MONITOR: chr_toggle_monitor(chr); break;
	case CHR_ESC_HELP: chardev_monitor_print(chr, "%s", chr_help); break;
	case CHR_ESC_NONE: break;
	}
}

/* Reads what the input descriptor has; its end (or an error) stops the reading. */
static void chr_read_input(Chardev *chr)
{
	uint8_t buf[256];
	ssize_t n = read(chr->in_fd, buf, sizeof buf);
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	if (n <= 0) {
		chr->eof = true;
		return;
	}
	for (ssize_t i = 0; i < n; i++)
		chr_input_byte(chr, buf[i]);
}

static bool chr_stopping(Chardev *chr)
{
	pthread_mutex_lock(&chr->lock);
	bool stop = chr->stop;
	pthread_mutex_unlock(&chr->lock);
	return stop;
}

static void *chr_input_thread(void *arg)
{
	Chardev *chr = arg;
	while (!chr_stopping(chr)) {
		chr_deliver(chr);
		struct pollfd fds[2] = {{chr->wake[0], POLLIN, 0}, {chr->in_fd, POLLIN, 0}};
		if (poll(fds, chr->eof ? 1 : 2, -1) < 0)
			continue;
		if (fds[0].revents) {
			uint8_t drain[64];
			while (read(chr->wake[0], drain, sizeof drain) > 0)
				continue;
		}
		if (!chr->eof && (fds[1].revents & (POLLIN | POLLHUP | POLLERR)))
			chr_read_input(chr);
		else if (!chr->eof && (fds[1].revents & POLLNVAL))
			chr->eof = true;
	}
	return NULL;
}

int chardev_start(Chardev *chr)
{
	if (chr->started)
		return 0;
	chr_tty_raw(chr->in_fd);
	if (pthread_create(&chr->thread, NULL, chr_input_thread, chr))
		return -1;
	chr->started = true;
	return 0;
}

void chardev_free(Chardev *chr)
{
	if (!chr)
		return;
	if (chr->started) {
		pthread_mutex_lock(&chr->lock);
		chr->stop = true;
		pthread_mutex_unlock(&chr->lock);
		chardev_accept_input(chr);
		pthread_join(chr->thread, NULL);
	}
	if (chr_tty.saved && chr_tty.fd == chr->in_fd) {
		chr_tty_restore();
		chr_tty.saved = false;
	}
	close(chr->wake[0]);
	close(chr->wake[1]);
	pthread_mutex_destroy(&chr->lock);
	g_byte_array_free(chr->held, TRUE);
	g_string_free(chr->line, TRUE);
	free(chr);
}
