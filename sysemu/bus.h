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
/* DMA: copies between guest RAM and host memory; 0, or -1 when any part is not RAM. */
int bus_dma_read(Bus *bus, uint64_t addr, void *buf, size_t len);
int bus_dma_write(Bus *bus, uint64_t addr, const void *buf, size_t len);

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
