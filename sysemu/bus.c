/*
 * The machine's physical address space (bus.h): a sorted array of regions, looked up
 * by binary search. The machine builds it once before any hart runs, so lookups need no
 * lock; only MMIO callbacks are serialised, by the one device lock (recursive, so a
 * device callback may take it again through bus_lock). Each RAM region has its code
 * page bitmaps (code_pages.h), which are lock-free too.
 */
#include "sysemu/bus.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "sysemu/code_pages.h"

enum { REGION_RAM, REGION_ROM, REGION_MMIO };

typedef struct Region {
	uint64_t base, size;
	int kind;
	uint8_t *host;
	CodePages *code; /* RAM */
	const MemRegionOps *ops;
	void *opaque;
	const char *name;
} Region;

typedef struct CodeWatcher {
	void (*became_code)(void *opaque, uint64_t page);
	void *opaque;
} CodeWatcher;

struct Bus {
	Region *regions;
	size_t n;
	pthread_mutex_t lock;
	CodeWatcher *watchers;
	size_t n_watchers;
};

#define BUS_PAGE_BITS 12

Bus *bus_new(void)
{
	Bus *bus = calloc(1, sizeof *bus);
	if (!bus)
		return NULL;
	pthread_mutexattr_t attr;
	pthread_mutexattr_init(&attr);
	pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
	pthread_mutex_init(&bus->lock, &attr);
	pthread_mutexattr_destroy(&attr);
	return bus;
}

void bus_free(Bus *bus)
{
	if (!bus)
		return;
	for (size_t i = 0; i < bus->n; i++) {
		if (bus->regions[i].host)
			munmap(bus->regions[i].host, bus->regions[i].size);
		code_pages_free(bus->regions[i].code);
	}
	free(bus->regions);
	free(bus->watchers);
	pthread_mutex_destroy(&bus->lock);
	free(bus);
}

static bool overlaps(const Bus *bus, uint64_t base, uint64_t size)
{
	for (size_t i = 0; i < bus->n; i++) {
		const Region *r = &bus->regions[i];
		if (base < r->base + r->size && r->base < base + size)
			return true;
	}
	return false;
}

static Region *insert(Bus *bus, const Region *r)
{
	if (r->size == 0 || r->base + r->size < r->base || overlaps(bus, r->base, r->size))
		return NULL;
	Region *grown = realloc(bus->regions, (bus->n + 1) * sizeof *grown);
	if (!grown)
		return NULL;
	bus->regions = grown;
	size_t at = 0;
	while (at < bus->n && bus->regions[at].base < r->base)
		at++;
	memmove(&bus->regions[at + 1], &bus->regions[at], (bus->n - at) * sizeof *grown);
	bus->regions[at] = *r;
	bus->n++;
	return &bus->regions[at];
}

static uint8_t *add_memory(Bus *bus, uint64_t base, uint64_t size, int kind, const char *name)
{
	void *host = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
	                  -1, 0);
	if (host == MAP_FAILED)
		return NULL;
	Region r = {.base = base, .size = size, .kind = kind, .host = host, .name = name};
	if (kind == REGION_RAM)
		r.code = code_pages_new((size + (1u << BUS_PAGE_BITS) - 1) >> BUS_PAGE_BITS);
	if ((kind == REGION_RAM && !r.code) || !insert(bus, &r)) {
		code_pages_free(r.code);
		munmap(host, size);
		return NULL;
	}
	return host;
}

uint8_t *bus_add_ram(Bus *bus, uint64_t base, uint64_t size, const char *name)
{
	return add_memory(bus, base, size, REGION_RAM, name);
}

uint8_t *bus_add_rom(Bus *bus, uint64_t base, uint64_t size, const char *name)
{
	return add_memory(bus, base, size, REGION_ROM, name);
}

int bus_add_mmio(Bus *bus, uint64_t base, uint64_t size, const MemRegionOps *ops, void *opaque,
                 const char *name)
{
	Region r = {.base = base, .size = size, .kind = REGION_MMIO, .ops = ops, .opaque = opaque,
	            .name = name};
	return insert(bus, &r) ? 0 : -1;
}

/* The region holding addr, or NULL. */
static Region *find(Bus *bus, uint64_t addr)
{
	size_t lo = 0, hi = bus->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		Region *r = &bus->regions[mid];
		if (addr < r->base)
			hi = mid;
		else if (addr - r->base >= r->size)
			lo = mid + 1;
		else
			return r;
	}
	return NULL;
}

void *bus_ram_ptr(Bus *bus, uint64_t addr, uint64_t len, int writable)
{
	Region *r = find(bus, addr);
	if (!r || r->kind == REGION_MMIO || (writable && r->kind == REGION_ROM))
		return NULL;
	if (len > r->size - (addr - r->base))
		return NULL;
	return r->host + (addr - r->base);
}

int bus_read(Bus *bus, uint64_t addr, unsigned size, uint64_t *value)
{
	Region *r = find(bus, addr);
	if (!r || size > r->size - (addr - r->base))
		return -1;
	if (r->kind != REGION_MMIO) {
		uint64_t v = 0;
		memcpy(&v, r->host + (addr - r->base), size);
		*value = v;
		return 0;
	}
	pthread_mutex_lock(&bus->lock);
	*value = r->ops->read ? r->ops->read(r->opaque, addr - r->base, size) : 0;
	pthread_mutex_unlock(&bus->lock);
	return 0;
}

int bus_write(Bus *bus, uint64_t addr, unsigned size, uint64_t value)
{
	Region *r = find(bus, addr);
	if (!r || size > r->size - (addr - r->base))
		return -1;
	if (r->kind == REGION_ROM)
		return 0;
	if (r->kind == REGION_RAM) {
		memcpy(r->host + (addr - r->base), &value, size);
		return 0;
	}
	pthread_mutex_lock(&bus->lock);
	if (r->ops->write)
		r->ops->write(r->opaque, addr - r->base, value, size);
	pthread_mutex_unlock(&bus->lock);
	return 0;
}

int bus_dma_read(Bus *bus, uint64_t addr, void *buf, size_t len)
{
	void *p = bus_ram_ptr(bus, addr, len, 0);
	if (!p)
		return -1;
	memcpy(buf, p, len);
	return 0;
}

int bus_dma_write(Bus *bus, uint64_t addr, const void *buf, size_t len)
{
	void *p = bus_ram_ptr(bus, addr, len, 1);
	if (!p)
		return -1;
	memcpy(p, buf, len);
	bus_code_written(bus, addr, len);
	return 0;
}

void bus_lock(Bus *bus)
{
	pthread_mutex_lock(&bus->lock);
}

void bus_unlock(Bus *bus)
{
	pthread_mutex_unlock(&bus->lock);
}

size_t bus_regions(Bus *bus, BusRegionInfo *out, size_t max)
{
	size_t n = bus->n < max ? bus->n : max;
	for (size_t i = 0; i < n; i++) {
		const Region *r = &bus->regions[i];
		out[i] = (BusRegionInfo){r->name, r->base, r->size, r->kind, r->host};
	}
	return bus->n;
}

int bus_add_code_watcher(Bus *bus, void (*became_code)(void *opaque, uint64_t page), void *opaque)
{
	CodeWatcher *grown = realloc(bus->watchers, (bus->n_watchers + 1) * sizeof *grown);
	if (!grown)
		return -1;
	bus->watchers = grown;
	bus->watchers[bus->n_watchers++] = (CodeWatcher){became_code, opaque};
	return 0;
}

void bus_remove_code_watcher(Bus *bus, void *opaque)
{
	for (size_t i = 0; i < bus->n_watchers; i++) {
		if (bus->watchers[i].opaque == opaque) {
			bus->watchers[i] = bus->watchers[--bus->n_watchers];
			return;
		}
	}
}

/* The RAM region holding addr, or NULL. */
static Region *find_ram(Bus *bus, uint64_t addr)
{
	Region *r = find(bus, addr);
	return r && r->kind == REGION_RAM ? r : NULL;
}

void bus_code_mark(Bus *bus, uint64_t addr)
{
	Region *r = find_ram(bus, addr);
	if (!r || !code_pages_mark(r->code, (addr - r->base) >> BUS_PAGE_BITS))
		return;
	uint64_t page = addr >> BUS_PAGE_BITS << BUS_PAGE_BITS;
	for (size_t i = 0; i < bus->n_watchers; i++)
		bus->watchers[i].became_code(bus->watchers[i].opaque, page);
}

bool bus_code_page(Bus *bus, uint64_t addr)
{
	Region *r = find_ram(bus, addr);
	return r && code_pages_is_code(r->code, (addr - r->base) >> BUS_PAGE_BITS);
}

void bus_code_written(Bus *bus, uint64_t addr, uint64_t len)
{
	Region *r = find_ram(bus, addr);
	if (!r || !len)
		return;
	uint64_t end = addr - r->base + len - 1;
	if (end >= r->size)
		end = r->size - 1;
	code_pages_written(r->code, (addr - r->base) >> BUS_PAGE_BITS, end >> BUS_PAGE_BITS);
}

bool bus_code_dirty(Bus *bus)
{
	for (size_t i = 0; i < bus->n; i++)
		if (bus->regions[i].code && code_pages_any_dirty(bus->regions[i].code))
			return true;
	return false;
}

size_t bus_code_take_dirty(Bus *bus, uint64_t *pages, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < bus->n && n < max; i++) {
		Region *r = &bus->regions[i];
		if (!r->code)
			continue;
		size_t got = code_pages_take_dirty(r->code, pages + n, max - n);
		for (size_t j = n; j < n + got; j++)
			pages[j] = r->base + (pages[j] << BUS_PAGE_BITS);
		n += got;
	}
	return n;
}

void bus_code_forget(Bus *bus)
{
	for (size_t i = 0; i < bus->n; i++)
		if (bus->regions[i].code)
			code_pages_clear(bus->regions[i].code);
}
