/*
 * Machine snapshots (savevm / -loadvm). Every stateful part of a machine (a hart, a
 * device, RAM) registers a named section with a save and a load function; a snapshot is
 * the sections in registration order, each tagged with its name and length, the whole
 * zlib-compressed. A section's bytes are its own business: fixed-width little-endian
 * fields written with the vmstate_put_* helpers and read back with vmstate_get_*, with
 * a version number first so a format change is detected rather than misread.
 */
#ifndef FERRY_VMSTATE_H
#define FERRY_VMSTATE_H

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct VmReader {
	const uint8_t *p;
	size_t left;
	bool error; /* sticky: ran past the end */
} VmReader;

typedef struct VmStateSection {
	const char *name;
	void (*save)(void *opaque, GByteArray *out);
	/* 0, or -1 when the bytes are not a state this code can load. */
	int (*load)(void *opaque, VmReader *in);
	void *opaque;
} VmStateSection;

static inline void vmstate_put_u32(GByteArray *out, uint32_t v)
{
	uint8_t b[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};
	g_byte_array_append(out, b, 4);
}
static inline void vmstate_put_u64(GByteArray *out, uint64_t v)
{
	vmstate_put_u32(out, (uint32_t)v);
	vmstate_put_u32(out, (uint32_t)(v >> 32));
}
static inline void vmstate_put_bytes(GByteArray *out, const void *p, size_t n)
{
	g_byte_array_append(out, p, (guint)n);
}
static inline uint32_t vmstate_get_u32(VmReader *in)
{
	if (in->left < 4) {
		in->error = true;
		in->left = 0;
		return 0;
	}
	uint32_t v = (uint32_t)in->p[0] | (uint32_t)in->p[1] << 8 | (uint32_t)in->p[2] << 16 |
	             (uint32_t)in->p[3] << 24;
	in->p += 4;
	in->left -= 4;
	return v;
}
static inline uint64_t vmstate_get_u64(VmReader *in)
{
	uint64_t lo = vmstate_get_u32(in);
	return lo | (uint64_t)vmstate_get_u32(in) << 32;
}
static inline void vmstate_get_bytes(VmReader *in, void *p, size_t n)
{
	if (in->left < n) {
		in->error = true;
		in->left = 0;
		return;
	}
	memcpy(p, in->p, n);
	in->p += n;
	in->left -= n;
}

#endif
