/*
 * The snapshot=on layer: a copy-on-write overlay in an unlinked temporary file. Written
 * granules live in the overlay (a sparse file as large as the disk), everything else is
 * read from the image below, which is opened read-only and never changes.
 */
#ifndef FERRY_BLOCK_OVERLAY_H
#define FERRY_BLOCK_OVERLAY_H

#include <stddef.h>
#include <stdint.h>

typedef struct BlockOverlay BlockOverlay;
typedef int (*BlockLowerRead)(void *lower, uint64_t offset, void *buf, size_t len);

BlockOverlay *block_overlay_new(uint64_t size, BlockLowerRead read, void *lower, char **err);
void block_overlay_free(BlockOverlay *ov);
int block_overlay_read(BlockOverlay *ov, uint64_t offset, void *buf, size_t len);
int block_overlay_write(BlockOverlay *ov, uint64_t offset, const void *buf, size_t len);

#endif
