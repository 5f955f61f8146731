/*
 * qcow2 images, versions 2 and 3: opening and validating the header (every field a
 * later access trusts is checked here, so a corrupt image is refused with a message
 * rather than misread), header extensions, the backing file, and the driver table. The
 * mapping, refcounts and writes live in the other block_qcow2_*.c files.
 */
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "hw/block_internal.h"
#include "hw/block_qcow2.h"

#define QCOW2_V2_HEADER_LEN    72
#define QCOW2_V3_HEADER_LEN    104
#define QCOW2_MAX_L1_ENTRIES   (32u << 20)
#define QCOW2_MAX_RT_CLUSTERS  (1u << 20)
#define QCOW2_MAX_SIZE         (1ull << 61)
#define QCOW2_MAX_BACKING_NAME 1023

#define QCOW2_EXT_END            0
#define QCOW2_EXT_BACKING_FORMAT 0xe2792acau
#define QCOW2_EXT_CRYPTO         0x0537be77u
#define QCOW2_EXT_DATA_FILE      0x44415441u

typedef struct Qcow2Header {
	uint32_t version;
	uint64_t backing_offset;
	uint32_t backing_size;
	uint32_t cluster_bits;
	uint64_t size;
	uint32_t crypt_method;
	uint32_t l1_size;
	uint64_t l1_offset;
	uint64_t rt_offset;
	uint32_t rt_clusters;
	uint32_t nb_snapshots;
	uint64_t incompatible;
	uint64_t autoclear;
	uint32_t refcount_order;
	uint32_t header_length;
	uint8_t compression_type;
} Qcow2Header;

/* The incompatible feature bits and whether an open may proceed with each set. */
enum { QCOW2_OK_READ_ONLY = 1, QCOW2_OK_ALWAYS = 2 };
static const struct {
	unsigned bit;
	int ok;
	const char *refusal;
} qcow2_incompatible[] = {
    {0, QCOW2_OK_READ_ONLY,
     "image is dirty (lazy refcounts); run 'qemu-img check -r all' "
     "or open it read-only"},
    {1, QCOW2_OK_READ_ONLY, "image is marked corrupt; open it read-only"},
    {2, 0, "external data files are not supported"},
    {3, QCOW2_OK_ALWAYS, NULL}, /* compression type: checked with the field itself */
    {4, 0, "extended L2 entries (subclusters) are not supported"},
};

int qcow2_corrupt(Qcow2State *s, const char *fmt, ...)
{
	if (!s->reported) {
		va_list ap;
		va_start(ap, fmt);
		char *what = g_strdup_vprintf(fmt, ap);
		va_end(ap);
		fprintf(stderr, "%s: qcow2 %s\n", s->path, what);
		g_free(what);
		s->reported = true;
	}
	return -EIO;
}

static uint32_t be32_at(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint64_t be64_at(const uint8_t *p)
{
	return (uint64_t)be32_at(p) << 32 | be32_at(p + 4);
}

int qcow2_write_be64(Qcow2State *s, uint64_t offset, uint64_t value)
{
	uint64_t be = GUINT64_TO_BE(value);
	return block_pwrite_full(s->fd, offset, &be, sizeof be);
}

static void qcow2_parse_header(const uint8_t *b, Qcow2Header *h)
{
	h->version = be32_at(b + 4);
	h->backing_offset = be64_at(b + 8);
	h->backing_size = be32_at(b + 16);
	h->cluster_bits = be32_at(b + 20);
	h->size = be64_at(b + 24);
	h->crypt_method = be32_at(b + 32);
	h->l1_size = be32_at(b + 36);
	h->l1_offset = be64_at(b + 40);
	h->rt_offset = be64_at(b + 48);
	h->rt_clusters = be32_at(b + 56);
	h->nb_snapshots = be32_at(b + 60);
	h->refcount_order = 4;
	h->header_length = QCOW2_V2_HEADER_LEN;
	if (h->version < 3)
		return;
	h->incompatible = be64_at(b + 72);
	h->autoclear = be64_at(b + 88);
	h->refcount_order = be32_at(b + 96);
	h->header_length = be32_at(b + 100);
	if (h->header_length > QCOW2_V3_HEADER_LEN)
		h->compression_type = b[104];
}

/* Feature bits; NULL when the image may be opened, else why not. */
static const char *qcow2_check_features(const Qcow2Header *h, bool read_only, char **buf)
{
	uint64_t unknown = h->incompatible;
	for (size_t i = 0; i < G_N_ELEMENTS(qcow2_incompatible); i++) {
		uint64_t bit = 1ull << qcow2_incompatible[i].bit;
		unknown &= ~bit;
		if (!(h->incompatible & bit) || qcow2_incompatible[i].ok == QCOW2_OK_ALWAYS)
			continue;
		if (qcow2_incompatible[i].ok != QCOW2_OK_READ_ONLY || !read_only)
			return qcow2_incompatible[i].refusal;
	}
	if (unknown)
		return *buf = g_strdup_printf("unknown incompatible feature bits 0x%llx",
		                              (unsigned long long)unknown);
	if (h->compression_type != 0)
		return *buf = g_strdup_printf("compression type %u is not supported (zlib only)",
		                              h->compression_type);
	if (h->crypt_method != 0)
		return "encrypted images are not supported";
	return NULL;
}

/* Layout checks against the file; NULL when sound, else what is wrong. */
static const char *qcow2_check_layout(const Qcow2Header *h, uint64_t file_size, bool read_only,
                                      char **buf)
{
	uint64_t cs = 1ull << h->cluster_bits;
	if (h->size > QCOW2_MAX_SIZE)
		return "virtual size is too large";
	uint64_t l2_span = cs * (cs / 8);
	uint64_t l1_needed = (h->size + l2_span - 1) / l2_span;
	if (h->l1_size > QCOW2_MAX_L1_ENTRIES)
		return "L1 table is too large";
	if (h->l1_size < l1_needed)
		return "L1 table is too small for the virtual size";
	if (h->l1_size && (h->l1_offset % cs || h->l1_offset == 0))
		return "L1 table offset is not cluster aligned";
	if (h->l1_size &&
	    (h->l1_offset > file_size || h->l1_size * 8ull > file_size - h->l1_offset))
		return "L1 table lies outside the file";
	if (h->rt_clusters == 0 || h->rt_clusters > QCOW2_MAX_RT_CLUSTERS)
		return *buf = g_strdup_printf("refcount table size of %u clusters is invalid",
		                              h->rt_clusters);
	if (h->rt_offset % cs || h->rt_offset == 0)
		return "refcount table offset is not cluster aligned";
	if (h->rt_offset > file_size || h->rt_clusters * cs > file_size - h->rt_offset)
		return "refcount table lies outside the file";
	if (h->backing_offset &&
	    (h->backing_size > QCOW2_MAX_BACKING_NAME || h->backing_offset > cs ||
	     h->backing_size > cs - h->backing_offset || h->backing_offset < h->header_length))
		return "backing file name lies outside the header cluster";
	if (h->nb_snapshots && !read_only)
		return "internal snapshots are supported read-only (use readonly=on or "
		       "snapshot=on)";
	return NULL;
}

/* Field-by-field validation of a parsed header; NULL when sound, else what is wrong. */
static const char *qcow2_check_header(const Qcow2Header *h, uint64_t file_size, bool read_only,
                                      char **buf)
{
	if (h->version != 2 && h->version != 3)
		return *buf = g_strdup_printf("version %u is not supported (2 or 3)", h->version);
	if (h->cluster_bits < 9 || h->cluster_bits > 21)
		return *buf = g_strdup_printf("cluster size 2^%u is out of range (2^9..2^21)",
		                              h->cluster_bits);
	if (h->version == 3 && (h->header_length < QCOW2_V3_HEADER_LEN || h->header_length % 8 ||
	                        h->header_length > (1u << h->cluster_bits)))
		return *buf = g_strdup_printf("header length %u is invalid", h->header_length);
	if (h->header_length > file_size)
		return "header is truncated";
	if (h->refcount_order > 6 || (h->version == 2 && h->refcount_order != 4))
		return *buf = g_strdup_printf("refcount order %u is invalid", h->refcount_order);
	const char *why = qcow2_check_features(h, read_only, buf);
	return why ? why : qcow2_check_layout(h, file_size, read_only, buf);
}

/* Walks the header extensions; records the backing format. NULL or why not. */
static const char *qcow2_parse_extensions(const uint8_t *hdr, size_t hdr_len, const Qcow2Header *h,
                                          char **backing_format)
{
	size_t end = h->backing_offset ? MIN((size_t)h->backing_offset, hdr_len) : hdr_len;
	size_t off = h->header_length;
	while (off + 8 <= end) {
		uint32_t type = be32_at(hdr + off), len = be32_at(hdr + off + 4);
		if (type == QCOW2_EXT_END)
			return NULL;
		if (len > end - off - 8)
			return "header extension overruns the header";
		if (type == QCOW2_EXT_CRYPTO)
			return "encrypted images are not supported";
		if (type == QCOW2_EXT_DATA_FILE)
			return "external data files are not supported";
		if (type == QCOW2_EXT_BACKING_FORMAT) {
			g_free(*backing_format);
			*backing_format = g_strndup((const char *)hdr + off + 8, len);
		}
		off += 8 + (((size_t)len + 7) & ~(size_t)7);
	}
	return NULL;
}

static int qcow2_load_table(Qcow2State *s, uint64_t offset, uint64_t entries, uint64_t **out)
{
	uint64_t *t = g_malloc(MAX(entries, 1) * 8);
	int r = block_pread_full(s->fd, offset, t, entries * 8);
	if (r < 0) {
		g_free(t);
		return r;
	}
	for (uint64_t i = 0; i < entries; i++)
		t[i] = GUINT64_FROM_BE(t[i]);
	*out = t;
	return 0;
}

static const char *qcow2_open_backing(Qcow2State *s, const uint8_t *hdr, const Qcow2Header *h,
                                      const char *format, unsigned depth, char **buf)
{
	if (depth + 1 >= BLOCK_MAX_BACKING_DEPTH)
		return *buf = g_strdup_printf("backing chain is deeper than %d images",
		                              BLOCK_MAX_BACKING_DEPTH);
	g_autofree char *name = g_strndup((const char *)hdr + h->backing_offset, h->backing_size);
	g_autofree char *dir = g_path_get_dirname(s->path);
	g_autofree char *path =
	    g_path_is_absolute(name) ? g_strdup(name) : g_build_filename(dir, name, NULL);
	char *why = NULL;
	s->backing = block_open_backing(path, format, depth + 1, &why);
	if (!s->backing) {
		*buf = g_strdup_printf("backing file: %s", why);
		g_free(why);
		return *buf;
	}
	return NULL;
}

/* Reads the header cluster and everything the header points at into s. */
static const char *qcow2_load(Qcow2State *s, unsigned depth, char **buf)
{
	uint8_t small[QCOW2_V3_HEADER_LEN + 8] = {0};
	if (block_pread_full(s->fd, 0, small, sizeof small) < 0)
		return "header cannot be read";
	if (memcmp(small, "QFI\xfb", 4) != 0)
		return "magic is wrong: not a qcow2 image";
	if (s->file_size < QCOW2_V2_HEADER_LEN)
		return "header is truncated";
	Qcow2Header h = {0};
	qcow2_parse_header(small, &h);
	if (h.version >= 3 && s->file_size < QCOW2_V3_HEADER_LEN)
		return "header is truncated";
	const char *why = qcow2_check_header(&h, s->file_size, s->read_only, buf);
	if (why)
		return why;
	s->version = h.version;
	s->cluster_bits = h.cluster_bits;
	s->cluster_size = 1ull << h.cluster_bits;
	s->l2_bits = h.cluster_bits - 3;
	s->size = h.size;
	s->l1_offset = h.l1_offset;
	s->l1_size = h.l1_size;
	s->rt_offset = h.rt_offset;
	s->rt_clusters = h.rt_clusters;
	s->rt_entries = (uint64_t)h.rt_clusters * s->cluster_size / 8;
	s->refcount_order = h.refcount_order;

	size_t hdr_len = (size_t)MIN(s->cluster_size, s->file_size);
	g_autofree uint8_t *hdr = g_malloc(hdr_len);
	g_autofree char *backing_format = NULL;
	if (block_pread_full(s->fd, 0, hdr, hdr_len) < 0)
		return "header cannot be read";
	why = qcow2_parse_extensions(hdr, hdr_len, &h, &backing_format);
	if (why)
		return why;
	if (qcow2_load_table(s, s->l1_offset, s->l1_size, &s->l1) < 0)
		return "L1 table cannot be read";
	if (qcow2_load_table(s, s->rt_offset, s->rt_entries, &s->rt) < 0)
		return "refcount table cannot be read";
	if (h.backing_offset && h.backing_size)
		why = qcow2_open_backing(s, hdr, &h, backing_format, depth, buf);
	if (!why && !s->read_only && h.autoclear && qcow2_write_be64(s, QCOW2_HDR_AUTOCLEAR, 0) < 0)
		why = "header cannot be updated";
	return why;
}

static void qcow2_close(void *state)
{
	Qcow2State *s = state;
	for (size_t i = 0; i < QCOW2_L2_CACHE_SIZE; i++)
		g_free(s->l2_cache[i].table);
	block_close(s->backing);
	g_free(s->l1);
	g_free(s->rt);
	g_free(s->rc_block);
	g_free(s->zcache);
	g_free(s->path);
	if (s->fd >= 0)
		close(s->fd);
	g_free(s);
}

static void *qcow2_open(const char *path, bool read_only, unsigned depth, uint64_t *size,
                        char **err)
{
	Qcow2State *s = g_new0(Qcow2State, 1);
	s->path = g_strdup(path);
	s->read_only = read_only;
	s->fd = open(path, (read_only ? O_RDONLY : O_RDWR) | O_CLOEXEC);
	if (s->fd < 0) {
		*err = g_strdup_printf("%s: %s", path, g_strerror(errno));
		qcow2_close(s);
		return NULL;
	}
	off_t end = lseek(s->fd, 0, SEEK_END);
	s->file_size = end < 0 ? 0 : (uint64_t)end;
	char *buf = NULL;
	const char *why = qcow2_load(s, depth, &buf);
	if (why) {
		*err = g_strdup_printf("%s: qcow2 %s", path, why);
		g_free(buf);
		qcow2_close(s);
		return NULL;
	}
	*size = s->size;
	return s;
}

static int qcow2_flush(void *state)
{
	Qcow2State *s = state;
	return fdatasync(s->fd) < 0 ? -errno : 0;
}

const BlockDriver block_qcow2_driver = {
    .name = "qcow2",
    .open = qcow2_open,
    .read = qcow2_read,
    .write = qcow2_write,
    .flush = qcow2_flush,
    .close = qcow2_close,
};
