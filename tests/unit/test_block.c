/*
 * Block backends (hw/block*.c) against Debian's qemu-img and qemu-io: images made by
 * qemu-img from a raw source must read back byte for byte (plain, compressed, with
 * backing files, v2 and v3, several cluster and refcount sizes); writes through the
 * backend must convert back to the expected raw bytes and leave `qemu-img check`
 * clean; snapshot=on and read-only never change the file; corrupt images are refused
 * with their message or fail the access with -EIO. The qcow2 tests print SKIP and pass
 * when qemu-img is not installed.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <stdarg.h>
#include <string.h>
#include <unistd.h>

#include "hw/block.h"
#include "tests/unit/suites.h"

#define MIB (1024u * 1024u)

static char *tdir;

static void block_setup(void)
{
	tdir = g_dir_make_tmp("ferry-block-XXXXXX", NULL);
	ck_assert_ptr_nonnull(tdir);
}

static void block_teardown(void)
{
	char *argv[] = {"rm", "-rf", tdir, NULL};
	g_spawn_sync(NULL, argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
	g_free(tdir);
}

static char *tpath(const char *name)
{
	return g_build_filename(tdir, name, NULL);
}

/* Runs a shell command in the test directory; its exit status. */
static int sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int sh(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	g_autofree char *cmd = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	char *argv[] = {"/bin/sh", "-c", cmd, NULL};
	g_autofree char *out = NULL, *err = NULL;
	int status = -1;
	if (!g_spawn_sync(tdir, argv, NULL, 0, NULL, NULL, &out, &err, &status, NULL))
		return -1;
	if (!g_spawn_check_wait_status(status, NULL))
		fprintf(stderr, "command failed: %s\n%s%s", cmd, out, err);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static bool have_qemu_img(void)
{
	g_autofree char *p = g_find_program_in_path("qemu-img");
	if (!p)
		fprintf(stderr, "SKIP: qemu-img is not installed (Debian's qemu-utils)\n");
	return p != NULL;
}

/* Compressible but position-dependent bytes, with an all-zero stretch and a stretch
 * that does not compress. */
static uint8_t *pattern(size_t len, unsigned seed)
{
	uint8_t *b = g_malloc(len);
	uint32_t x = seed * 2654435761u + 1;
	for (size_t i = 0; i < len; i++) {
		size_t region = (i / (192 * 1024)) % 4;
		if (region == 1)
			b[i] = 0;
		else if (region == 3) {
			x = x * 1103515245u + 12345u;
			b[i] = (uint8_t)(x >> 16);
		} else
			b[i] = (uint8_t)(i / 512 + i % 13 + seed);
	}
	return b;
}

static void write_file(const char *name, const void *data, size_t len)
{
	g_autofree char *p = tpath(name);
	ck_assert(g_file_set_contents(p, data, (gssize)len, NULL));
}

static uint8_t *read_file(const char *name, size_t *len)
{
	g_autofree char *p = tpath(name);
	gchar *data = NULL;
	gsize n = 0;
	ck_assert(g_file_get_contents(p, &data, &n, NULL));
	*len = n;
	return (uint8_t *)data;
}

static BlockBackend *open_image(const char *name, const char *format, bool ro, bool snap)
{
	g_autofree char *p = tpath(name);
	BlockOpenOptions opt = {.format = format, .read_only = ro, .snapshot = snap};
	char *err = NULL;
	BlockBackend *bb = block_open(p, &opt, &err);
	if (!bb)
		fprintf(stderr, "block_open: %s\n", err);
	ck_assert_ptr_nonnull(bb);
	return bb;
}

/* The open must fail with a message containing want. */
static void expect_refused(const char *name, const char *format, bool ro, const char *want)
{
	g_autofree char *p = tpath(name);
	BlockOpenOptions opt = {.format = format, .read_only = ro};
	char *err = NULL;
	BlockBackend *bb = block_open(p, &opt, &err);
	ck_assert_ptr_null(bb);
	ck_assert_ptr_nonnull(err);
	ck_assert_msg(strstr(err, want) && strstr(err, name), "message '%s' lacks '%s'", err, want);
	g_free(err);
}

static void assert_reads(BlockBackend *bb, const uint8_t *want, size_t len)
{
	ck_assert_uint_eq(block_size(bb), len);
	g_autofree uint8_t *got = g_malloc(len);
	/* Odd-sized requests cross cluster boundaries at every possible phase. */
	for (size_t off = 0; off < len;) {
		size_t n = MIN((size_t)(off / 512 % 7 + 1) * 4608, len - off);
		ck_assert_int_eq(block_read(bb, off, got + off, n), 0);
		off += n;
	}
	for (size_t i = 0; i < len; i++)
		if (got[i] != want[i])
			ck_abort_msg("byte %zu: got 0x%02x want 0x%02x", i, got[i], want[i]);
}

/* The image converted back to raw must equal want, and qemu-img check be clean. */
static void assert_image(const char *name, const uint8_t *want, size_t len)
{
	ck_assert_int_eq(sh("qemu-img check -q %s", name), 0);
	ck_assert_int_eq(sh("qemu-img convert -O raw %s back.raw", name), 0);
	size_t n;
	g_autofree uint8_t *got = read_file("back.raw", &n);
	ck_assert_uint_eq(n, len);
	ck_assert_msg(memcmp(got, want, len) == 0, "%s differs from what was written", name);
}

START_TEST(test_raw_read_write)
{
	g_autofree uint8_t *data = pattern(MIB, 1);
	write_file("disk.raw", data, MIB);
	BlockBackend *bb = open_image("disk.raw", NULL, false, false);
	assert_reads(bb, data, MIB);
	ck_assert(!block_read_only(bb));
	uint8_t sector[1024];
	memset(sector, 0x5a, sizeof sector);
	ck_assert_int_eq(block_write(bb, 4096, sector, sizeof sector), 0);
	memcpy(data + 4096, sector, sizeof sector);
	ck_assert_int_eq(block_read(bb, 3, sector, 512), -EINVAL);
	ck_assert_int_eq(block_read(bb, MIB - 512, sector, 1024), -EINVAL);
	ck_assert_int_eq(block_flush(bb), 0);
	block_close(bb);
	size_t n;
	g_autofree uint8_t *got = read_file("disk.raw", &n);
	ck_assert(n == MIB && memcmp(got, data, MIB) == 0);
}
END_TEST

START_TEST(test_raw_read_only_and_snapshot)
{
	g_autofree uint8_t *data = pattern(MIB, 2);
	write_file("disk.raw", data, MIB);
	uint8_t buf[4096];
	memset(buf, 0xc3, sizeof buf);
	BlockBackend *bb = open_image("disk.raw", "raw", true, false);
	ck_assert(block_read_only(bb));
	ck_assert_int_eq(block_write(bb, 0, buf, 512), -EROFS);
	block_close(bb);

	bb = open_image("disk.raw", "raw", false, true);
	ck_assert(!block_read_only(bb));
	ck_assert_int_eq(block_write(bb, 70000 & ~511u, buf, sizeof buf), 0);
	g_autofree uint8_t *want = g_memdup2(data, MIB);
	memcpy(want + (70000 & ~511u), buf, sizeof buf);
	assert_reads(bb, want, MIB);
	block_close(bb);
	size_t n;
	g_autofree uint8_t *got = read_file("disk.raw", &n);
	ck_assert(n == MIB && memcmp(got, data, MIB) == 0);
}
END_TEST

START_TEST(test_format_errors)
{
	write_file("disk.raw", "hello, world, this is not an image", 34);
	expect_refused("disk.raw", "vmdk", false, "unknown image format 'vmdk'");
	expect_refused("disk.raw", "qcow2", false, "magic");
	expect_refused("missing.img", NULL, false, "No such file");
}
END_TEST

/* Reads of images qemu-img converted from a raw source, for several creation options. */
START_TEST(test_qcow2_read_converted)
{
	if (!have_qemu_img())
		return;
	static const char *const variants[] = {
	    "",
	    "-o compat=0.10",
	    "-o cluster_size=512",
	    "-o cluster_size=2M",
	    "-o refcount_bits=1,cluster_size=4096",
	    "-o refcount_bits=64",
	    "-c",
	    "-c -o cluster_size=4096",
	    "-c -o compat=0.10,cluster_size=1024",
	};
	size_t len = 3 * MIB + 512 * 3;
	g_autofree uint8_t *data = pattern(len, 3);
	write_file("src.raw", data, len);
	for (size_t i = 0; i < G_N_ELEMENTS(variants); i++) {
		ck_assert_int_eq(sh("rm -f d.qcow2 && qemu-img convert -f raw -O qcow2 %s src.raw "
		                    "d.qcow2",
		                    variants[i]),
		                 0);
		BlockBackend *bb = open_image("d.qcow2", NULL, true, false);
		assert_reads(bb, data, len);
		block_close(bb);
	}
}
END_TEST

START_TEST(test_qcow2_zero_clusters)
{
	if (!have_qemu_img())
		return;
	g_autofree uint8_t *data = pattern(2 * MIB, 4);
	write_file("src.raw", data, 2 * MIB);
	ck_assert_int_eq(sh("qemu-img convert -O qcow2 src.raw z.qcow2 && "
	                    "qemu-io -c 'write -z 64k 128k' -c 'write -z -u 1M 64k' z.qcow2"),
	                 0);
	memset(data + 64 * 1024, 0, 128 * 1024);
	memset(data + MIB, 0, 64 * 1024);
	BlockBackend *bb = open_image("z.qcow2", NULL, false, false);
	assert_reads(bb, data, 2 * MIB);
	uint8_t buf[512];
	memset(buf, 0x77, sizeof buf);
	ck_assert_int_eq(block_write(bb, 64 * 1024 + 1024, buf, sizeof buf), 0);
	ck_assert_int_eq(block_write(bb, MIB + 512, buf, sizeof buf), 0);
	memcpy(data + 64 * 1024 + 1024, buf, sizeof buf);
	memcpy(data + MIB + 512, buf, sizeof buf);
	block_close(bb);
	assert_image("z.qcow2", data, 2 * MIB);
}
END_TEST

/* Writes scattered over a fresh image, then the whole disk, for several layouts: the
 * small clusters force new refcount blocks and a larger refcount table. */
START_TEST(test_qcow2_write)
{
	if (!have_qemu_img())
		return;
	static const char *const variants[] = {
	    "-o cluster_size=512",
	    "",
	    "-o compat=0.10,cluster_size=1024",
	    "-o refcount_bits=1,cluster_size=512",
	    "-o refcount_bits=64,cluster_size=4096",
	};
	size_t len = 12 * MIB;
	g_autofree uint8_t *src = pattern(len, 5);
	for (size_t v = 0; v < G_N_ELEMENTS(variants); v++) {
		ck_assert_int_eq(sh("rm -f w.qcow2 && qemu-img create -q -f qcow2 %s w.qcow2 %zu",
		                    variants[v], len),
		                 0);
		g_autofree uint8_t *want = g_malloc0(len);
		BlockBackend *bb = open_image("w.qcow2", "qcow2", false, false);
		for (size_t i = 0; i < 64; i++) {
			size_t off = (i * 2654435761u % (len / 512)) * 512, n = 512 * (i % 9 + 1);
			n = MIN(n, len - off);
			ck_assert_int_eq(block_write(bb, off, src + i * 512, n), 0);
			memcpy(want + off, src + i * 512, n);
		}
		assert_reads(bb, want, len);
		ck_assert_int_eq(block_write(bb, 0, src, len), 0);
		ck_assert_int_eq(block_flush(bb), 0);
		block_close(bb);
		assert_image("w.qcow2", src, len);
	}
}
END_TEST

START_TEST(test_qcow2_write_compressed)
{
	if (!have_qemu_img())
		return;
	size_t len = 2 * MIB;
	g_autofree uint8_t *data = pattern(len, 6);
	write_file("src.raw", data, len);
	ck_assert_int_eq(sh("qemu-img convert -c -O qcow2 -o cluster_size=4096 src.raw c.qcow2"),
	                 0);
	BlockBackend *bb = open_image("c.qcow2", NULL, false, false);
	uint8_t buf[1536];
	memset(buf, 0xe1, sizeof buf);
	static const size_t offs[] = {512, 4096 * 7, 4096 * 9 + 2560, 300 * 1024};
	for (size_t i = 0; i < G_N_ELEMENTS(offs); i++) {
		ck_assert_int_eq(block_write(bb, offs[i], buf, sizeof buf), 0);
		memcpy(data + offs[i], buf, sizeof buf);
	}
	assert_reads(bb, data, len);
	block_close(bb);
	assert_image("c.qcow2", data, len);
}
END_TEST

START_TEST(test_qcow2_backing)
{
	if (!have_qemu_img())
		return;
	size_t len = 2 * MIB;
	g_autofree uint8_t *data = pattern(len, 7);
	write_file("base.raw", data, len);
	ck_assert_int_eq(sh("qemu-img create -q -f qcow2 -b base.raw -F raw mid.qcow2 && "
	                    "qemu-io -c 'write -P 0xab 64k 8k' mid.qcow2 >/dev/null && "
	                    "qemu-img create -q -f qcow2 -b mid.qcow2 -F qcow2 "
	                    "-o cluster_size=4096 top.qcow2 && "
	                    "qemu-io -c 'write -P 0xcd 1M 512' top.qcow2 >/dev/null"),
	                 0);
	memset(data + 64 * 1024, 0xab, 8192);
	memset(data + MIB, 0xcd, 512);
	BlockBackend *bb = open_image("top.qcow2", NULL, false, false);
	assert_reads(bb, data, len);
	/* Partial writes into clusters that live in the backing chain copy the rest up. */
	uint8_t buf[1024];
	memset(buf, 0x3c, sizeof buf);
	ck_assert_int_eq(block_write(bb, 64 * 1024 + 1024, buf, sizeof buf), 0);
	ck_assert_int_eq(block_write(bb, 1500 * 1024, buf, sizeof buf), 0);
	memcpy(data + 64 * 1024 + 1024, buf, sizeof buf);
	memcpy(data + 1500 * 1024, buf, sizeof buf);
	assert_reads(bb, data, len);
	block_close(bb);
	assert_image("top.qcow2", data, len);

	ck_assert_int_eq(sh("mv base.raw gone.raw"), 0);
	expect_refused("top.qcow2", NULL, true, "backing file");
}
END_TEST

START_TEST(test_qcow2_snapshot_and_read_only)
{
	if (!have_qemu_img())
		return;
	size_t len = MIB;
	g_autofree uint8_t *data = pattern(len, 8);
	write_file("src.raw", data, len);
	ck_assert_int_eq(sh("qemu-img convert -O qcow2 src.raw s.qcow2"), 0);
	size_t n0;
	g_autofree uint8_t *before = read_file("s.qcow2", &n0);
	uint8_t buf[8192];
	memset(buf, 0x99, sizeof buf);

	BlockBackend *bb = open_image("s.qcow2", NULL, true, false);
	ck_assert_int_eq(block_write(bb, 0, buf, 512), -EROFS);
	block_close(bb);

	/* An explicit format wins over the magic: the qcow2 file seen as a raw disk. */
	bb = open_image("s.qcow2", "raw", true, false);
	ck_assert_uint_eq(block_size(bb), n0);
	ck_assert_int_eq(block_read(bb, 0, buf, 512), 0);
	ck_assert(memcmp(buf, "QFI\xfb", 4) == 0);
	block_close(bb);
	memset(buf, 0x99, sizeof buf);

	bb = open_image("s.qcow2", NULL, false, true);
	ck_assert_int_eq(block_write(bb, 4096, buf, sizeof buf), 0);
	ck_assert_int_eq(block_write(bb, 200 * 1024 + 512, buf, 512), 0);
	g_autofree uint8_t *want = g_memdup2(data, len);
	memcpy(want + 4096, buf, sizeof buf);
	memcpy(want + 200 * 1024 + 512, buf, 512);
	assert_reads(bb, want, len);
	block_close(bb);

	size_t n1;
	g_autofree uint8_t *after = read_file("s.qcow2", &n1);
	ck_assert(n0 == n1 && memcmp(before, after, n0) == 0);
}
END_TEST

/* Overwrites bytes of a file at offset. */
static void patch(const char *name, uint64_t offset, const void *bytes, size_t n)
{
	g_autofree char *p = tpath(name);
	int fd = open(p, O_WRONLY);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(pwrite(fd, bytes, n, (off_t)offset), (ssize_t)n);
	close(fd);
}

static void patch_be64(const char *name, uint64_t offset, uint64_t v)
{
	uint64_t be = GUINT64_TO_BE(v);
	patch(name, offset, &be, 8);
}

static void patch_be32(const char *name, uint64_t offset, uint32_t v)
{
	uint32_t be = GUINT32_TO_BE(v);
	patch(name, offset, &be, 4);
}

static uint64_t file_be64(const char *name, uint64_t offset)
{
	size_t n;
	g_autofree uint8_t *b = read_file(name, &n);
	uint64_t be;
	memcpy(&be, b + offset, 8);
	return GUINT64_FROM_BE(be);
}

START_TEST(test_qcow2_corrupt_headers)
{
	if (!have_qemu_img())
		return;
	static const struct {
		uint64_t offset;
		int width;
		uint64_t value;
		bool ro;
		const char *want;
	} cases[] = {
	    {40, 8, 1ull << 40, false, "qcow2 L1 table lies outside the file"},
	    {40, 8, 0x10200, false, "L1 table offset is not cluster aligned"},
	    {36, 4, 0, false, "L1 table is too small"},
	    {20, 4, 30, false, "cluster size 2^30 is out of range"},
	    {4, 4, 4, false, "version 4 is not supported"},
	    {32, 4, 1, false, "encrypted images are not supported"},
	    {72, 8, 1ull << 9, true, "unknown incompatible feature bits 0x200"},
	    {72, 8, 1ull << 2, true, "external data files are not supported"},
	    {72, 8, 1ull << 1, false, "marked corrupt"},
	    {96, 4, 7, false, "refcount order 7 is invalid"},
	    {48, 8, 1ull << 40, false, "refcount table lies outside the file"},
	    {100, 4, 13, false, "header length 13 is invalid"},
	    {0, 4, 0x51464900, false, "magic"},
	};
	ck_assert_int_eq(sh("qemu-img create -q -f qcow2 good.qcow2 16M"), 0);
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		ck_assert_int_eq(sh("cp good.qcow2 bad.qcow2"), 0);
		if (cases[i].width == 8)
			patch_be64("bad.qcow2", cases[i].offset, cases[i].value);
		else
			patch_be32("bad.qcow2", cases[i].offset, (uint32_t)cases[i].value);
		expect_refused("bad.qcow2", "qcow2", cases[i].ro, cases[i].want);
	}
	ck_assert_int_eq(sh("head -c 60 good.qcow2 > short.qcow2"), 0);
	expect_refused("short.qcow2", NULL, true, "qcow2 header is truncated");
	/* Marked corrupt: still readable read-only. */
	ck_assert_int_eq(sh("cp good.qcow2 bad.qcow2"), 0);
	patch_be64("bad.qcow2", 72, 1ull << 1);
	block_close(open_image("bad.qcow2", NULL, true, false));
}
END_TEST

START_TEST(test_qcow2_corrupt_tables)
{
	if (!have_qemu_img())
		return;
	ck_assert_int_eq(sh("qemu-img create -q -f qcow2 t.qcow2 4M && "
	                    "qemu-io -c 'write -P 0x11 0 128k' t.qcow2 >/dev/null"),
	                 0);
	uint64_t l1 = file_be64("t.qcow2", 40);
	uint64_t l2 = file_be64("t.qcow2", l1) & 0x00fffffffffffe00ull;
	ck_assert_uint_ne(l2, 0);
	uint8_t buf[512];

	ck_assert_int_eq(sh("cp t.qcow2 a.qcow2"), 0);
	patch_be64("a.qcow2", l2 + 8, (1ull << 63) | (1ull << 40));
	BlockBackend *bb = open_image("a.qcow2", NULL, false, false);
	ck_assert_int_eq(block_read(bb, 0, buf, 512), 0);
	ck_assert_int_eq(block_read(bb, 65536, buf, 512), -EIO);
	ck_assert_int_eq(block_write(bb, 65536, buf, 512), -EIO);
	block_close(bb);

	ck_assert_int_eq(sh("cp t.qcow2 b.qcow2"), 0);
	patch_be64("b.qcow2", l1, (1ull << 63) | (1ull << 41));
	bb = open_image("b.qcow2", NULL, true, false);
	ck_assert_int_eq(block_read(bb, 0, buf, 512), -EIO);
	block_close(bb);

	ck_assert_int_eq(sh("cp t.qcow2 c.qcow2"), 0);
	patch_be64("c.qcow2", l2, (1ull << 62) | (1ull << 50));
	bb = open_image("c.qcow2", NULL, true, false);
	ck_assert_int_eq(block_read(bb, 0, buf, 512), -EIO);
	block_close(bb);
}
END_TEST

Suite *block_suite(void)
{
	Suite *s = suite_create("block");
	TCase *tc = tcase_create("block");
	tcase_add_checked_fixture(tc, block_setup, block_teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_raw_read_write);
	tcase_add_test(tc, test_raw_read_only_and_snapshot);
	tcase_add_test(tc, test_format_errors);
	tcase_add_test(tc, test_qcow2_read_converted);
	tcase_add_test(tc, test_qcow2_zero_clusters);
	tcase_add_test(tc, test_qcow2_write);
	tcase_add_test(tc, test_qcow2_write_compressed);
	tcase_add_test(tc, test_qcow2_backing);
	tcase_add_test(tc, test_qcow2_snapshot_and_read_only);
	tcase_add_test(tc, test_qcow2_corrupt_headers);
	tcase_add_test(tc, test_qcow2_corrupt_tables);
	suite_add_tcase(s, tc);
	return s;
}
