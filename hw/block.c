/*
 * The block layer in front of the format drivers: picks the driver (from the format
 * name or the file's magic), checks every request against the image size and the
 * 512-byte granularity, refuses writes to read-only backends, and for snapshot=on
 * stacks a temporary copy-on-write overlay (hw/block_overlay.c) on a read-only open.
 */
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <string.h>
#include <unistd.h>

#include "hw/block.h"
#include "hw/block_internal.h"
#include "hw/block_overlay.h"

#define BLOCK_SECTOR 512u

struct BlockBackend {
	const BlockDriver *drv;
	void *state;
	uint64_t size;
	bool read_only;
	BlockOverlay *overlay;
};

static const BlockDriver *const block_drivers[] = {
    &block_raw_driver,
    &block_qcow2_driver,
};

static const BlockDriver *block_driver_by_name(const char *name)
{
	for (size_t i = 0; i < G_N_ELEMENTS(block_drivers); i++)
		if (strcmp(block_drivers[i]->name, name) == 0)
			return block_drivers[i];
	return NULL;
}

int block_for_each_chunk(uint64_t offset, uint8_t *buf, size_t len, uint64_t chunk_size,
                         BlockPieceFn piece, void *opaque)
{
	while (len) {
		uint64_t room = chunk_size - (offset & (chunk_size - 1));
		size_t n = room < len ? (size_t)room : len;
		int r = piece(opaque, offset, buf, n);
		if (r < 0)
			return r;
		buf += n;
		offset += n;
		len -= n;
	}
	return 0;
}

int block_pread_full(int fd, uint64_t offset, void *buf, size_t len)
{
	uint8_t *p = buf;
	while (len) {
		ssize_t n = pread(fd, p, len, (off_t)offset);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0) {
			memset(p, 0, len);
			return 0;
		}
		p += n;
		offset += (uint64_t)n;
		len -= (size_t)n;
	}
	return 0;
}

int block_pwrite_full(int fd, uint64_t offset, const void *buf, size_t len)
{
	const uint8_t *p = buf;
	while (len) {
		ssize_t n = pwrite(fd, p, len, (off_t)offset);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return -EIO;
		p += n;
		offset += (uint64_t)n;
		len -= (size_t)n;
	}
	return 0;
}

/* "qcow2" when the file starts with the qcow2 magic, else "raw". */
static const char *block_probe(const char *path, char **err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		*err = g_strdup_printf("%s: %s", path, g_strerror(errno));
		return NULL;
	}
	uint8_t magic[4];
	int r = block_pread_full(fd, 0, magic, sizeof magic);
	close(fd);
	if (r < 0) {
		*err = g_strdup_printf("%s: %s", path, g_strerror(-r));
		return NULL;
	}
	return memcmp(magic, "QFI\xfb", 4) == 0 ? "qcow2" : "raw";
}

static BlockBackend *block_open_driver(const char *path, const char *format, bool read_only,
                                       unsigned depth, char **err)
{
	if (!format) {
		format = block_probe(path, err);
		if (!format)
			return NULL;
	}
	const BlockDriver *drv = block_driver_by_name(format);
	if (!drv) {
		*err =
		    g_strdup_printf("%s: unknown image format '%s' (raw or qcow2)", path, format);
		return NULL;
	}
	uint64_t size = 0;
	void *state = drv->open(path, read_only, depth, &size, err);
	if (!state)
		return NULL;
	BlockBackend *bb = g_new0(BlockBackend, 1);
	bb->drv = drv;
	bb->state = state;
	bb->size = size;
	bb->read_only = read_only;
	return bb;
}

static int block_lower_read(void *opaque, uint64_t offset, void *buf, size_t len)
{
	BlockBackend *bb = opaque;
	return bb->drv->read(bb->state, offset, buf, len);
}

BlockBackend *block_open(const char *path, const BlockOpenOptions *opt, char **err)
{
	static const BlockOpenOptions defaults;
	if (!opt)
		opt = &defaults;
	bool overlay = opt->snapshot && !opt->read_only;
	BlockBackend *bb = block_open_driver(path, opt->format, opt->read_only || overlay, 0, err);
	if (!bb || !overlay)
		return bb;
	char *why = NULL;
	bb->overlay = block_overlay_new(bb->size, block_lower_read, bb, &why);
	if (!bb->overlay) {
		*err = g_strdup_printf("%s: %s", path, why);
		g_free(why);
		block_close(bb);
		return NULL;
	}
	bb->read_only = false;
	return bb;
}

BlockBackend *block_open_backing(const char *path, const char *format, unsigned depth, char **err)
{
	return block_open_driver(path, format, true, depth, err);
}

void block_close(BlockBackend *bb)
{
	if (!bb)
		return;
	block_overlay_free(bb->overlay);
	bb->drv->close(bb->state);
	g_free(bb);
}

uint64_t block_size(const BlockBackend *bb)
{
	return bb->size;
}

bool block_read_only(const BlockBackend *bb)
{
	return bb->read_only;
}

static int block_check_range(const BlockBackend *bb, uint64_t offset, size_t len)
{
	if ((offset | len) % BLOCK_SECTOR)
		return -EINVAL;
	if (offset > bb->size || len > bb->size - offset)
		return -EINVAL;
	return 0;
}

int block_read(BlockBackend *bb, uint64_t offset, void *buf, size_t len)
{
	int r = block_check_range(bb, offset, len);
	if (r < 0 || len == 0)
		return r;
	if (bb->overlay)
		return block_overlay_read(bb->overlay, offset, buf, len);
	return bb->drv->read(bb->state, offset, buf, len);
}

int block_write(BlockBackend *bb, uint64_t offset, const void *buf, size_t len)
{
	if (bb->read_only)
		return -EROFS;
	int r = block_check_range(bb, offset, len);
	if (r < 0 || len == 0)
		return r;
	if (bb->overlay)
		return block_overlay_write(bb->overlay, offset, buf, len);
	return bb->drv->write(bb->state, offset, buf, len);
}

int block_flush(BlockBackend *bb)
{
	if (bb->read_only || bb->overlay)
		return 0;
	return bb->drv->flush(bb->state);
}

int block_read_any(BlockBackend *bb, uint64_t offset, void *buf, size_t len)
{
	uint8_t *p = buf;
	if (offset >= bb->size) {
		memset(p, 0, len);
		return 0;
	}
	size_t inside = (size_t)MIN((uint64_t)len, bb->size - offset);
	memset(p + inside, 0, len - inside);
	return bb->drv->read(bb->state, offset, p, inside);
}
