/*
 * Snapshot files (`savevm FILE` from the monitor, `-loadvm FILE` at start). A file is a
 * 16-byte header ("FERRYSNP", format version, reserved) and one zlib stream holding:
 * the machine configuration (RAM size, hart count, device list) that a restoring
 * machine must match; every VmStateSection as (name, length, bytes); every RAM region in
 * 1 MiB chunks, each a bitmap of its non-zero 4 KiB pages followed by those pages; an
 * end marker. zlib's checksum and the end marker catch corrupt and truncated files.
 * Saving writes a temporary file next to the target and renames it, so a failed save
 * never leaves half a snapshot under the name.
 */
#ifndef FERRY_SYSEMU_SNAPSHOT_H
#define FERRY_SYSEMU_SNAPSHOT_H

#include <stddef.h>
#include <stdint.h>

#include "sysemu/vmstate.h"

#define SNAPSHOT_MAGIC   "FERRYSNP"
#define SNAPSHOT_VERSION 1

typedef struct SnapshotConfig {
	uint64_t ram_size;
	uint32_t smp;
	const char *devices; /* e.g. "virtio-blk,virtio-net" in slot order; "" for none */
} SnapshotConfig;

typedef struct SnapshotRam {
	const char *name;
	uint64_t base, size; /* size: a multiple of 4 KiB */
	uint8_t *host;
} SnapshotRam;

typedef struct SnapshotParts {
	SnapshotConfig config;
	const VmStateSection *sections;
	size_t n_sections;
	const SnapshotRam *ram;
	size_t n_ram;
} SnapshotParts;

/* 0, or -1 with a one-line reason in *err (g_free it). The machine must be paused. */
int snapshot_save(const char *path, const SnapshotParts *parts, char **err);
/* Checks the file's configuration against parts->config, then loads every section (all
 * of parts->sections must be in the file, and nothing else) and RAM. */
int snapshot_load(const char *path, const SnapshotParts *parts, char **err);

#endif
