/*
 * Guest time and the timer thread (clock.h). Ticks are 100 ns of the host's monotonic
 * clock plus an offset. The thread sleeps on a condition variable until the earliest
 * deadline, then, holding the bus lock (taken before the timer lock: the order every
 * caller keeps), collects the expired timers and runs their callbacks. A callback may
 * still run once after another thread moved its timer at the same moment, so callbacks
 * re-check their condition (mtime >= mtimecmp) rather than trust that they are due.
 */
#include "sysemu/clock.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <time.h>

#include "sysemu/bus.h"

#define NS_PER_TICK (1000000000u / SYSEMU_TIMEBASE_HZ)

struct Timer {
	void (*cb)(void *opaque);
	void *opaque;
	uint64_t deadline;
	bool armed;
	Timer *next;
};

static struct {
	pthread_mutex_t lock;
	pthread_cond_t changed;
	pthread_t thread;
	bool running, stop;
	Timer *timers;
	Bus *bus;
} timers = {.lock = PTHREAD_MUTEX_INITIALIZER};

static int64_t tick_offset; /* added to the host clock's ticks (atomic) */

static uint64_t host_ticks(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec) / NS_PER_TICK;
}

uint64_t clock_ticks(void)
{
	return host_ticks() + (uint64_t)__atomic_load_n(&tick_offset, __ATOMIC_RELAXED);
}

void clock_set_ticks(uint64_t ticks)
{
	__atomic_store_n(&tick_offset, (int64_t)(ticks - host_ticks()), __ATOMIC_RELAXED);
	pthread_mutex_lock(&timers.lock);
	pthread_cond_broadcast(&timers.changed);
	pthread_mutex_unlock(&timers.lock);
}

/* With timers.lock held: the earliest armed deadline, or UINT64_MAX. */
static uint64_t earliest(void)
{
	uint64_t d = UINT64_MAX;
	for (Timer *t = timers.timers; t; t = t->next)
		if (t->armed && t->deadline < d)
			d = t->deadline;
	return d;
}

static void wait_until(uint64_t deadline)
{
	if (deadline == UINT64_MAX) {
		pthread_cond_wait(&timers.changed, &timers.lock);
		return;
	}
	uint64_t now = clock_ticks();
	if (deadline <= now)
		return;
	uint64_t ns = (deadline - now) * NS_PER_TICK;
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	ts.tv_sec += (time_t)(ns / 1000000000u);
	ts.tv_nsec += (long)(ns % 1000000000u);
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	pthread_cond_timedwait(&timers.changed, &timers.lock, &ts);
}

/* Runs every expired timer's callback (bus lock, then timer lock, as everywhere). */
static void fire_expired(void)
{
	if (timers.bus)
		bus_lock(timers.bus);
	pthread_mutex_lock(&timers.lock);
	uint64_t now = clock_ticks();
	for (Timer *t = timers.timers; t; t = t->next) {
		if (!t->armed || t->deadline > now)
			continue;
		t->armed = false;
		pthread_mutex_unlock(&timers.lock);
		t->cb(t->opaque);
		pthread_mutex_lock(&timers.lock);
	}
	pthread_mutex_unlock(&timers.lock);
	if (timers.bus)
		bus_unlock(timers.bus);
}

static void *timer_thread(void *arg)
{
	pthread_mutex_lock(&timers.lock);
	while (!timers.stop) {
		uint64_t d = earliest();
		if (d != UINT64_MAX && d <= clock_ticks()) {
			pthread_mutex_unlock(&timers.lock);
			fire_expired();
			pthread_mutex_lock(&timers.lock);
			continue;
		}
		wait_until(d);
	}
	pthread_mutex_unlock(&timers.lock);
	return NULL;
}

void timers_init(Bus *bus)
{
	pthread_mutex_lock(&timers.lock);
	if (timers.running) {
		pthread_mutex_unlock(&timers.lock);
		return;
	}
	pthread_condattr_t attr;
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&timers.changed, &attr);
	pthread_condattr_destroy(&attr);
	timers.bus = bus;
	timers.stop = false;
	timers.running = pthread_create(&timers.thread, NULL, timer_thread, NULL) == 0;
	pthread_mutex_unlock(&timers.lock);
}

void timers_shutdown(void)
{
	pthread_mutex_lock(&timers.lock);
	if (!timers.running) {
		pthread_mutex_unlock(&timers.lock);
		return;
	}
	timers.stop = true;
	pthread_cond_broadcast(&timers.changed);
	pthread_mutex_unlock(&timers.lock);
	pthread_join(timers.thread, NULL);
	timers.running = false;
}

Timer *timer_new(void (*cb)(void *opaque), void *opaque)
{
	Timer *t = calloc(1, sizeof *t);
	if (!t)
		return NULL;
	t->cb = cb;
	t->opaque = opaque;
	pthread_mutex_lock(&timers.lock);
	t->next = timers.timers;
	timers.timers = t;
	pthread_mutex_unlock(&timers.lock);
	return t;
}

void timer_mod(Timer *t, uint64_t deadline)
{
	pthread_mutex_lock(&timers.lock);
	t->deadline = deadline;
	t->armed = true;
	pthread_cond_broadcast(&timers.changed);
	pthread_mutex_unlock(&timers.lock);
}

void timer_del(Timer *t)
{
	pthread_mutex_lock(&timers.lock);
	t->armed = false;
	pthread_mutex_unlock(&timers.lock);
}

void timer_free(Timer *t)
{
	if (!t)
		return;
	pthread_mutex_lock(&timers.lock);
	for (Timer **p = &timers.timers; *p; p = &(*p)->next) {
		if (*p == t) {
			*p = t->next;
			break;
		}
	}
	pthread_mutex_unlock(&timers.lock);
	free(t);
}
