/*
 * The raw format: the image file is the disk, byte for byte. The size is the file's
 * size (lseek to the end, so block devices work too); read-only images are opened
 * O_RDONLY so a write cannot reach them even by mistake.
 */
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <unistd.h>

#include "hw/block_internal.h"

typedef struct RawState {
	int fd;
} RawState;

static void *raw_open(const char *path, bool read_only, unsigned depth, uint64_t *size, char **err)
{
	int fd = open(path, (read_only ? O_RDONLY : O_RDWR) | O_CLOEXEC);
	if (fd < 0) {
		*err = g_strdup_printf("%s: %s", path, g_strerror(errno));
		return NULL;
	}
	off_t end = lseek(fd, 0, SEEK_END);
	if (end < 0) {
		*err = g_strdup_printf("%s: cannot find its size: %s", path, g_strerror(errno));
		close(fd);
		return NULL;
	}
	RawState *s = g_new0(RawState, 1);
	s->fd = fd;
	*size = (uint64_t)end;
	return s;
}

static int raw_read(void *state, uint64_t offset, void *buf, size_t len)
{
	RawState *s = state;
	return block_pread_full(s->fd, offset, buf, len);
}

static int raw_write(void *state, uint64_t offset, const void *buf, size_t len)
{
	RawState *s = state;
	return block_pwrite_full(s->fd, offset, buf, len);
}

static int raw_flush(void *state)
{
	RawState *s = state;
	return fdatasync(s->fd) < 0 ? -errno : 0;
}

static void raw_close(void *state)
{
	RawState *s = state;
	close(s->fd);
	g_free(s);
}

const BlockDriver block_raw_driver = {
    .name = "raw",
    .open = raw_open,
    .read = raw_read,
    .write = raw_write,
    .flush = raw_flush,
    .close = raw_close,
};
