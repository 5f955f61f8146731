/*
 * snapshot=on: writes land in an unlinked temporary file, one bit per 64 KiB granule
 * says whether the overlay holds that granule. A write that covers a granule only in
 * part first copies the granule up from the image below, so a granule is always whole
 * in the overlay. The image below is only ever read.
 */
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <string.h>
#include <unistd.h>

#include "hw/block_internal.h"
#include "hw/block_overlay.h"

#define OVERLAY_GRANULE_BITS 16
#define OVERLAY_GRANULE      (1u << OVERLAY_GRANULE_BITS)

struct BlockOverlay {
	int fd;
	uint64_t size;
	uint8_t *map;
	BlockLowerRead lower_read;
	void *lower;
};

static int overlay_tmpfile(void)
{
	const char *dir = g_get_tmp_dir();
	int fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (fd >= 0)
		return fd;
	char *tmpl = g_build_filename(dir, "ferry-snapshot-XXXXXX", NULL);
	fd = g_mkstemp_full(tmpl, O_RDWR | O_CLOEXEC, 0600);
	if (fd >= 0)
		unlink(tmpl);
	g_free(tmpl);
	return fd;
}

BlockOverlay *block_overlay_new(uint64_t size, BlockLowerRead read, void *lower, char **err)
{
	int fd = overlay_tmpfile();
	if (fd < 0) {
		*err = g_strdup_printf("cannot create the snapshot overlay in %s: %s",
		                       g_get_tmp_dir(), g_strerror(errno));
		return NULL;
	}
	BlockOverlay *ov = g_new0(BlockOverlay, 1);
	ov->fd = fd;
	ov->size = size;
	ov->map = g_malloc0(((size >> OVERLAY_GRANULE_BITS) + 8) / 8);
	ov->lower_read = read;
	ov->lower = lower;
	return ov;
}

void block_overlay_free(BlockOverlay *ov)
{
	if (!ov)
		return;
	close(ov->fd);
	g_free(ov->map);
	g_free(ov);
}

static bool overlay_has(const BlockOverlay *ov, uint64_t granule)
{
	return ov->map[granule / 8] & (1u << (granule % 8));
}

static int overlay_read_piece(void *opaque, uint64_t offset, uint8_t *out, size_t n)
{
	BlockOverlay *ov = opaque;
	return overlay_has(ov, offset >> OVERLAY_GRANULE_BITS)
	           ? block_pread_full(ov->fd, offset, out, n)
	           : ov->lower_read(ov->lower, offset, out, n);
}

int block_overlay_read(BlockOverlay *ov, uint64_t offset, void *buf, size_t len)
{
	return block_for_each_chunk(offset, buf, len, OVERLAY_GRANULE, overlay_read_piece, ov);
}

/* Copies granule up from the image below, with [in, in+n) replaced by data. */
static int overlay_copy_up(BlockOverlay *ov, uint64_t granule, size_t in, const uint8_t *data,
                           size_t n)
{
	uint64_t start = granule << OVERLAY_GRANULE_BITS;
	size_t whole = MIN((uint64_t)OVERLAY_GRANULE, ov->size - start);
	g_autofree uint8_t *tmp = g_malloc(whole);
	int r = ov->lower_read(ov->lower, start, tmp, whole);
	if (r < 0)
		return r;
	memcpy(tmp + in, data, n);
	r = block_pwrite_full(ov->fd, start, tmp, whole);
	if (r == 0)
		ov->map[granule / 8] |= 1u << (granule % 8);
	return r;
}

static int overlay_write_piece(void *opaque, uint64_t offset, uint8_t *data, size_t n)
{
	BlockOverlay *ov = opaque;
	uint64_t granule = offset >> OVERLAY_GRANULE_BITS;
	if (overlay_has(ov, granule))
		return block_pwrite_full(ov->fd, offset, data, n);
	return overlay_copy_up(ov, granule, offset & (OVERLAY_GRANULE - 1), data, n);
}

int block_overlay_write(BlockOverlay *ov, uint64_t offset, const void *buf, size_t len)
{
	return block_for_each_chunk(offset, (uint8_t *)buf, len, OVERLAY_GRANULE,
	                            overlay_write_piece, ov);
}
