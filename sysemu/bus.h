/*
 * The machine's physical address space: RAM and ROM regions backed by host memory, and
 * MMIO regions served by device models. Harts reach it through the software MMU's slow
 * path (MMIO, page-table walks), devices through DMA, loaders through host pointers.
 *
 * Locking: one machine-wide device lock. bus_read/bus_write take it around an MMIO
 * callback, so device callbacks never run concurrently; a device's own threads (timers,
 * console input, network polling) take it with bus_lock before touching device state.
 * RAM accesses and DMA copies take no lock (guest memory is shared like real RAM).
 */
#ifndef FERRY_BUS_H
#define FERRY_BUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct MemRegionOps {
	/* offset is from the region's base; size is 1, 2, 4 or 8. A device ignores
	 * accesses it does not implement (reads give 0). */
	uint64_t (*read)(void *opaque, uint64_t offset, unsigned size);
	void (*write)(void *opaque, uint64_t offset, uint64_t value, unsigned size);
} MemRegionOps;

typedef struct Bus Bus;

Bus *bus_new(void);
void bus_free(Bus *bus);
/* Zero-filled, page-aligned host memory for [base, base+size); NULL when it cannot be
 * allocated or overlaps another region. ROM is RAM that guest stores do not change. */
uint8_t *bus_add_ram(Bus *bus, uint64_t base, uint64_t size, const char *name);
uint8_t *bus_add_rom(Bus *bus, uint64_t base, uint64_t size, const char *name);
/* 0, or -1 when the range overlaps another region. */
int bus_add_mmio(Bus *bus, uint64_t base, uint64_t size, const MemRegionOps *ops, void *opaque,
                 const char *name);

/* The host pointer for [addr, addr+len) when it lies inside one RAM or ROM region
 * (writable: RAM only), else NULL. */
void *bus_ram_ptr(Bus *bus, uint64_t addr, uint64_t len, int writable);
/* One access of size 1/2/4/8 bytes (little-endian) to RAM, ROM or MMIO; 0, or -1 when
 * nothing is mapped there (the hart raises an access fault). */
int bus_read(Bus *bus, uint64_t addr, unsigned size, uint64_t *value);
int bus_write(Bus *bus, uint64_t addr, unsigned size, uint64_t value);
/* DMA: copies between guest RAM and host memory; 0, or -1 when any part is not RAM.
 * bus_dma_write notes the write for code pages (below). */
int bus_dma_read(Bus *bus, uint64_t addr, void *buf, size_t len);
int bus_dma_write(Bus *bus, uint64_t addr, const void *buf, size_t len);

/* Code pages (sysemu/code_pages.h), for fence.i: every 4 KiB RAM page that blocks were
 * translated from is a code page until fence.i drops its blocks after it was written.
 * The harts' TLBs never grant stores to a code page, so every write to one reaches a
 * slow path that notes it (as do DMA writes: bus_dma_write, and virtqueues for the
 * buffers a device may write). ROM and MMIO are never code pages.
 *
 * A watcher (one per hart) is told when a page becomes code, from the translating
 * thread, and revokes the write permission its TLB holds for it. Watchers are added
 * and removed only while no hart runs. */
int bus_add_code_watcher(Bus *bus, void (*became_code)(void *opaque, uint64_t page), void *opaque);
void bus_remove_code_watcher(Bus *bus, void *opaque);
/* Marks the page holding addr as code (before its code is read), telling the watchers
 * when it was not. */
void bus_code_mark(Bus *bus, uint64_t addr);
bool bus_code_page(Bus *bus, uint64_t addr);
/* Notes a write to [addr, addr+len): the code pages in it become dirty. */
void bus_code_written(Bus *bus, uint64_t addr, uint64_t len);
/* Whether any code page is dirty. */
bool bus_code_dirty(Bus *bus);
/* Moves up to max dirty code pages' addresses into pages and forgets them as code
 * pages; how many. */
size_t bus_code_take_dirty(Bus *bus, uint64_t *pages, size_t max);
/* Forgets every code page (RAM was replaced wholesale: loadvm, reboot). */
void bus_code_forget(Bus *bus);

void bus_lock(Bus *bus);
void bus_unlock(Bus *bus);

/* Regions in address order, for the device tree, savevm and `info mtree`. */
typedef struct BusRegionInfo {
	const char *name;
	uint64_t base, size;
	int kind; /* 0 RAM, 1 ROM, 2 MMIO */
	uint8_t *host; /* RAM and ROM */
} BusRegionInfo;
size_t bus_regions(Bus *bus, BusRegionInfo *out, size_t max);

#endif
