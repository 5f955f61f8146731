/*
 * Block backends: what a disk device (virtio-blk) reads and writes, whatever the image
 * format. `-drive file=F,format=raw|qcow2[,readonly=on][,snapshot=on]` opens one.
 * Offsets and lengths are in bytes and multiples of 512. Errors are negative errno
 * values; a corrupt image is refused at open with a message naming the file and the
 * problem.
 */
#ifndef FERRY_BLOCK_H
#define FERRY_BLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct BlockBackend BlockBackend;

typedef struct BlockOpenOptions {
	const char *format;   /* "raw", "qcow2", or NULL to detect from the file */
	bool read_only;
	bool snapshot;        /* writes go to a temporary overlay, dropped at close */
} BlockOpenOptions;

/* NULL on failure, with a one-line reason in *err (g_free it). */
BlockBackend *block_open(const char *path, const BlockOpenOptions *opt, char **err);
void block_close(BlockBackend *bb);
uint64_t block_size(const BlockBackend *bb); /* bytes the guest sees */
bool block_read_only(const BlockBackend *bb);
int block_read(BlockBackend *bb, uint64_t offset, void *buf, size_t len);
int block_write(BlockBackend *bb, uint64_t offset, const void *buf, size_t len);
int block_flush(BlockBackend *bb);

#endif
