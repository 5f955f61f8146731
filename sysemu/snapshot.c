/*
 * Writing and reading snapshot files (format in snapshot.h). The zlib stream is written
 * and read through small buffered wrappers with a sticky error, so the format code is a
 * straight sequence of puts and gets checked once at the end.
 */
#include "sysemu/snapshot.h"

#include <errno.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "sysemu/options.h"

#define PAGE        4096u
#define CHUNK_PAGES 256u        /* 1 MiB of RAM per chunk */
#define END_MARKER  0x21444e45u /* "END!" */
#define MAX_SECTION (64u << 20)
#define HEADER_SIZE 16

/* ---- writing ---- */

typedef struct ZWriter {
	z_stream z;
	FILE *f;
	bool error;
	uint8_t out[65536];
} ZWriter;

static void zw_run(ZWriter *w, int flush)
{
	int rc;
	do {
		w->z.next_out = w->out;
		w->z.avail_out = sizeof w->out;
		rc = deflate(&w->z, flush);
		size_t n = sizeof w->out - w->z.avail_out;
		if (rc == Z_STREAM_ERROR || (n && fwrite(w->out, 1, n, w->f) != n))
			w->error = true;
	} while (!w->error && (w->z.avail_out == 0 || (flush == Z_FINISH && rc != Z_STREAM_END)));
}

static void zw_put(ZWriter *w, const void *p, size_t len)
{
	while (!w->error && len) {
		size_t n = MIN(len, (size_t)1 << 30);
		w->z.next_in = (Bytef *)p;
		w->z.avail_in = (uInt)n;
		zw_run(w, Z_NO_FLUSH);
		p = (const uint8_t *)p + n;
		len -= n;
	}
}

static void zw_u32(ZWriter *w, uint32_t v)
{
	uint8_t b[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};
	zw_put(w, b, 4);
}

static void zw_u64(ZWriter *w, uint64_t v)
{
	zw_u32(w, (uint32_t)v);
	zw_u32(w, (uint32_t)(v >> 32));
}

static void zw_str(ZWriter *w, const char *s)
{
	zw_u32(w, (uint32_t)strlen(s));
	zw_put(w, s, strlen(s));
}

static bool page_is_zero(const uint8_t *p)
{
	const uint64_t *q = (const uint64_t *)p;
	for (unsigned i = 0; i < PAGE / 8; i++)
		if (q[i])
			return false;
	return true;
}

static void save_ram(ZWriter *w, const SnapshotRam *r)
{
	zw_str(w, r->name);
	zw_u64(w, r->base);
	zw_u64(w, r->size);
	uint64_t pages = r->size / PAGE;
	for (uint64_t first = 0; first < pages && !w->error; first += CHUNK_PAGES) {
		unsigned n = (unsigned)MIN((uint64_t)CHUNK_PAGES, pages - first);
		uint8_t bitmap[CHUNK_PAGES / 8] = {0};
		for (unsigned i = 0; i < n; i++)
			if (!page_is_zero(r->host + (first + i) * PAGE))
				bitmap[i / 8] |= (uint8_t)(1u << (i % 8));
		zw_put(w, bitmap, sizeof bitmap);
		for (unsigned i = 0; i < n; i++)
			if (bitmap[i / 8] & (1u << (i % 8)))
				zw_put(w, r->host + (first + i) * PAGE, PAGE);
	}
}

static void save_body(ZWriter *w, const SnapshotParts *p)
{
	zw_u64(w, p->config.ram_size);
	zw_u32(w, p->config.smp);
	zw_str(w, p->config.devices);
	zw_u32(w, (uint32_t)p->n_sections);
	GByteArray *buf = g_byte_array_new();
	for (size_t i = 0; i < p->n_sections; i++) {
		g_byte_array_set_size(buf, 0);
		p->sections[i].save(p->sections[i].opaque, buf);
		zw_str(w, p->sections[i].name);
		zw_u64(w, buf->len);
		zw_put(w, buf->data, buf->len);
	}
	g_byte_array_unref(buf);
	zw_u32(w, (uint32_t)p->n_ram);
	for (size_t i = 0; i < p->n_ram; i++)
		save_ram(w, &p->ram[i]);
	zw_u32(w, END_MARKER);
	zw_run(w, Z_FINISH);
}

int snapshot_save(const char *path, const SnapshotParts *parts, char **err)
{
	char *tmp = g_strdup_printf("%s.XXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		*err = g_strdup_printf("%s: %s", path, g_strerror(errno));
		g_free(tmp);
		return -1;
	}
	ZWriter *w = g_new0(ZWriter, 1);
	w->f = fdopen(fd, "wb");
	uint8_t header[HEADER_SIZE] = SNAPSHOT_MAGIC;
	header[8] = SNAPSHOT_VERSION;
	if (!w->f || fwrite(header, 1, sizeof header, w->f) != sizeof header ||
	    deflateInit(&w->z, 1) != Z_OK)
		w->error = true;
	else {
		save_body(w, parts);
		deflateEnd(&w->z);
	}
	int saved_errno = errno;
	if (w->f && (fflush(w->f) != 0 || fsync(fileno(w->f)) != 0))
		w->error = true, saved_errno = errno;
	if (w->f ? fclose(w->f) != 0 : close(fd) != 0)
		w->error = true;
	if (!w->error && rename(tmp, path) != 0)
		w->error = true, saved_errno = errno;
	int rc = 0;
	if (w->error) {
		unlink(tmp);
		*err =
		    g_strdup_printf("%s: cannot write the snapshot: %s", path,
		                    saved_errno ? g_strerror(saved_errno) : "compression failed");
		rc = -1;
	}
	g_free(w);
	g_free(tmp);
	return rc;
}

/* ---- reading ---- */

typedef struct ZReader {
	z_stream z;
	FILE *f;
	bool error, ended;
	uint8_t in[65536];
} ZReader;

static void zr_get(ZReader *r, void *p, size_t len)
{
	r->z.next_out = p;
	while (!r->error && len) {
		size_t n = MIN(len, (size_t)1 << 30);
		r->z.avail_out = (uInt)n;
		while (!r->error && r->z.avail_out) {
			if (r->z.avail_in == 0) {
				r->z.next_in = r->in;
				r->z.avail_in = (uInt)fread(r->in, 1, sizeof r->in, r->f);
			}
			if (r->ended || (r->z.avail_in == 0 && feof(r->f))) {
				r->error = true;
				break;
			}
			int rc = inflate(&r->z, Z_NO_FLUSH);
			if (rc == Z_STREAM_END)
				r->ended = true;
			else if (rc != Z_OK && rc != Z_BUF_ERROR)
				r->error = true;
		}
		len -= n;
	}
}

/* True when the zlib stream ends exactly here (its checksum verified). */
static bool zr_at_end(ZReader *r)
{
	uint8_t extra;
	if (r->error || r->ended)
		return !r->error;
	zr_get(r, &extra, 1);
	return r->ended && r->z.avail_out == 1;
}

static uint32_t zr_u32(ZReader *r)
{
	uint8_t b[4] = {0};
	zr_get(r, b, 4);
	return r->error ? 0
	                : (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
	                      (uint32_t)b[3] << 24;
}

static uint64_t zr_u64(ZReader *r)
{
	uint64_t lo = zr_u32(r);
	return lo | (uint64_t)zr_u32(r) << 32;
}

/* A length-prefixed string up to `max` bytes (g_free), or NULL. */
static char *zr_str(ZReader *r, uint32_t max)
{
	uint32_t n = zr_u32(r);
	if (r->error || n > max) {
		r->error = true;
		return NULL;
	}
	char *s = g_malloc(n + 1);
	zr_get(r, s, n);
	s[n] = '\0';
	return s;
}

static int check_config(ZReader *r, const SnapshotConfig *want, char **err)
{
	uint64_t ram = zr_u64(r);
	uint32_t smp = zr_u32(r);
	char *devices = zr_str(r, 4096);
	char a[32], b[32];
	if (r->error) {
		g_free(devices);
		return -1;
	}
	if (ram != want->ram_size) {
		sysopt_format_size(ram, a, sizeof a);
		sysopt_format_size(want->ram_size, b, sizeof b);
		*err = g_strdup_printf("snapshot was taken with -m %s, this machine has %s", a, b);
	} else if (smp != want->smp) {
		*err = g_strdup_printf("snapshot was taken with -smp %u, this machine has %u", smp,
		                       want->smp);
	} else if (strcmp(devices, want->devices)) {
		*err =
		    g_strdup_printf("snapshot was taken with devices [%s], this machine has [%s]",
		                    devices, want->devices);
	}
	g_free(devices);
	return *err ? -1 : 0;
}

static const VmStateSection *find_section(const SnapshotParts *p, const char *name, bool *seen)
{
	for (size_t i = 0; i < p->n_sections; i++)
		if (!strcmp(p->sections[i].name, name) && !seen[i]) {
			seen[i] = true;
			return &p->sections[i];
		}
	return NULL;
}

static int load_sections(ZReader *r, const SnapshotParts *p, char **err)
{
	uint32_t n = zr_u32(r);
	bool *seen = g_new0(bool, p->n_sections + 1);
	for (uint32_t i = 0; i < n && !r->error && !*err; i++) {
		char *name = zr_str(r, 256);
		uint64_t len = zr_u64(r);
		if (r->error || len > MAX_SECTION) {
			r->error = true;
			g_free(name);
			break;
		}
		uint8_t *data = g_malloc(len ? len : 1);
		zr_get(r, data, len);
		const VmStateSection *s = r->error ? NULL : find_section(p, name, seen);
		VmReader in = {data, len, false};
		if (!r->error && !s)
			*err = g_strdup_printf(
			    "the snapshot has state for '%s', which this machine lacks", name);
		else if (s && (s->load(s->opaque, &in) != 0 || in.error))
			*err =
			    g_strdup_printf("the snapshot's state for '%s' does not load (saved by "
			                    "another version?)",
			                    name);
		g_free(data);
		g_free(name);
	}
	for (size_t i = 0; i < p->n_sections && !r->error && !*err; i++)
		if (!seen[i])
			*err = g_strdup_printf("the snapshot has no state for '%s'",
			                       p->sections[i].name);
	g_free(seen);
	return r->error || *err ? -1 : 0;
}

static int load_ram_region(ZReader *r, const SnapshotRam *ram)
{
	uint64_t pages = ram->size / PAGE;
	for (uint64_t first = 0; first < pages && !r->error; first += CHUNK_PAGES) {
		unsigned n = (unsigned)MIN((uint64_t)CHUNK_PAGES, pages - first);
		uint8_t bitmap[CHUNK_PAGES / 8];
		zr_get(r, bitmap, sizeof bitmap);
		for (unsigned i = 0; i < n && !r->error; i++) {
			uint8_t *page = ram->host + (first + i) * PAGE;
			if (bitmap[i / 8] & (1u << (i % 8)))
				zr_get(r, page, PAGE);
			else
				memset(page, 0, PAGE);
		}
	}
	return r->error ? -1 : 0;
}

static int load_ram(ZReader *r, const SnapshotParts *p, char **err)
{
	uint32_t n = zr_u32(r);
	if (!r->error && n != p->n_ram) {
		*err = g_strdup_printf("the snapshot has %u RAM regions, this machine %zu", n,
		                       p->n_ram);
		return -1;
	}
	for (uint32_t i = 0; i < n && !r->error; i++) {
		char *name = zr_str(r, 256);
		uint64_t base = zr_u64(r), size = zr_u64(r);
		const SnapshotRam *ram = &p->ram[i];
		if (!r->error &&
		    (strcmp(name, ram->name) || base != ram->base || size != ram->size))
			*err = g_strdup_printf("the snapshot's RAM region '%s' does not match this "
			                       "machine's '%s'",
			                       name, ram->name);
		g_free(name);
		if (*err || load_ram_region(r, ram))
			return -1;
	}
	return r->error ? -1 : 0;
}

static int load_body(ZReader *r, const SnapshotParts *p, char **err)
{
	if (check_config(r, &p->config, err) || load_sections(r, p, err) || load_ram(r, p, err))
		return -1;
	return zr_u32(r) == END_MARKER && zr_at_end(r) ? 0 : -1;
}

int snapshot_load(const char *path, const SnapshotParts *parts, char **err)
{
	FILE *f = fopen(path, "rb");
	*err = NULL;
	if (!f) {
		*err = g_strdup_printf("%s: %s", path, g_strerror(errno));
		return -1;
	}
	uint8_t header[HEADER_SIZE];
	ZReader *r = g_new0(ZReader, 1);
	r->f = f;
	int rc = -1;
	char *why = NULL;
	if (fread(header, 1, sizeof header, f) != sizeof header ||
	    memcmp(header, SNAPSHOT_MAGIC, 8) != 0)
		why = g_strdup("not a ferry snapshot file");
	else if (header[8] != SNAPSHOT_VERSION)
		why = g_strdup_printf("snapshot format version %u; this ferry reads version %u",
		                      header[8], SNAPSHOT_VERSION);
	else if (inflateInit(&r->z) != Z_OK)
		why = g_strdup("cannot start decompression");
	else {
		rc = load_body(r, parts, &why);
		inflateEnd(&r->z);
		if (rc && !why)
			why = g_strdup("corrupt or truncated snapshot file");
	}
	if (why)
		*err = g_strdup_printf("%s: %s", path, why);
	g_free(why);
	g_free(r);
	fclose(f);
	return why ? -1 : 0;
}
