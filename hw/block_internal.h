/*
 * What the block layer (hw/block.c) and its format drivers (hw/block_raw.c,
 * hw/block_qcow2*.c) share. A driver turns an open image into a flat byte array of
 * `size` bytes; block.c checks ranges, refuses writes to read-only backends and adds the
 * snapshot=on overlay on top of any driver.
 */
#ifndef FERRY_BLOCK_INTERNAL_H
#define FERRY_BLOCK_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hw/block.h"

/* Backing chains deeper than this are refused (they are almost always a loop). */
#define BLOCK_MAX_BACKING_DEPTH 16

typedef struct BlockDriver {
	const char *name;
	/* Opens path (read-only when asked); NULL with *err set on failure. depth counts
	 * the backing files above this one. */
	void *(*open)(const char *path, bool read_only, unsigned depth, uint64_t *size, char **err);
	int (*read)(void *state, uint64_t offset, void *buf, size_t len);
	int (*write)(void *state, uint64_t offset, const void *buf, size_t len);
	int (*flush)(void *state);
	void (*close)(void *state);
} BlockDriver;

extern const BlockDriver block_raw_driver;
extern const BlockDriver block_qcow2_driver;

/* Opens a backing file (always read-only, no overlay); format NULL probes it. */
BlockBackend *block_open_backing(const char *path, const char *format, unsigned depth, char **err);
/* Reads any byte range; the part past the end of the image reads as zeros. */
int block_read_any(BlockBackend *bb, uint64_t offset, void *buf, size_t len);

/* Whole-buffer pread/pwrite that retry on EINTR and short transfers; 0 or -errno. A
 * read past the end of the file fills the rest with zeros. */
/* Calls piece(opaque, offset, buf, n) for each part of [offset, offset+len) that stays
 * inside one aligned chunk of chunk_size bytes (a power of two: a cluster, a granule),
 * with the matching part of buf; returns the first negative result, else 0. Read and
 * write paths both use it (a write passes its const buffer cast, never written). */
typedef int (*BlockPieceFn)(void *opaque, uint64_t offset, uint8_t *buf, size_t n);
int block_for_each_chunk(uint64_t offset, uint8_t *buf, size_t len, uint64_t chunk_size,
                         BlockPieceFn piece, void *opaque);
int block_pread_full(int fd, uint64_t offset, void *buf, size_t len);
int block_pwrite_full(int fd, uint64_t offset, const void *buf, size_t len);

#endif
