/*
 * Unit tests of snapshot files (sysemu/snapshot.c): a round trip with fake sections and
 * RAM (zero and non-zero pages), configuration mismatches with their messages, missing
 * and unknown sections, a section that refuses its bytes, and corrupt or truncated files.
 */
#include <check.h>
#include <glib.h>
#include <string.h>
#include <unistd.h>

#include "sysemu/snapshot.h"
#include "tests/unit/suites.h"

#define RAMSIZE (3u << 20) /* three chunks' worth, the last partly zero */

typedef struct Fake {
	uint64_t a, b;
	int fail;
} Fake;

static void fake_save(void *opaque, GByteArray *out)
{
	Fake *f = opaque;
	vmstate_put_u32(out, 7);
	vmstate_put_u64(out, f->a);
	vmstate_put_u64(out, f->b);
}

static int fake_load(void *opaque, VmReader *in)
{
	Fake *f = opaque;
	if (vmstate_get_u32(in) != 7 || f->fail)
		return -1;
	f->a = vmstate_get_u64(in);
	f->b = vmstate_get_u64(in);
	return 0;
}

typedef struct World {
	Fake f1, f2;
	VmStateSection secs[2];
	uint8_t *ram;
	SnapshotRam region;
	SnapshotParts parts;
} World;

static void world_init(World *w, uint64_t ram_size, uint32_t smp, const char *devices)
{
	memset(w, 0, sizeof *w);
	w->ram = g_malloc0(RAMSIZE);
	w->secs[0] = (VmStateSection){"hart0", fake_save, fake_load, &w->f1};
	w->secs[1] = (VmStateSection){"uart", fake_save, fake_load, &w->f2};
	w->region = (SnapshotRam){"ram", 0x80000000, RAMSIZE, w->ram};
	w->parts = (SnapshotParts){{ram_size, smp, devices}, w->secs, 2, &w->region, 1};
}

static char path[64];

static void setup(void)
{
	strcpy(path, "/tmp/ferry-snap-XXXXXX");
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	close(fd);
}

static void teardown(void)
{
	unlink(path);
}

static void saved_world(World *w)
{
	char *err = NULL;
	world_init(w, 512u << 20, 2, "virtio-blk,virtio-rng");
	w->f1 = (Fake){0x1111222233334444ull, 5, 0};
	w->f2 = (Fake){6, 0xfeedfacecafebeefull, 0};
	for (unsigned i = 0; i < 4096; i++)
		w->ram[i] = (uint8_t)(i * 7);
	w->ram[RAMSIZE - 1] = 0x99;
	memset(w->ram + (1u << 20), 0x5a, 12288);
	ck_assert_msg(snapshot_save(path, &w->parts, &err) == 0, "%s", err ? err : "");
}

START_TEST(test_round_trip)
{
	World w, r;
	char *err = NULL;
	saved_world(&w);
	world_init(&r, 512u << 20, 2, "virtio-blk,virtio-rng");
	memset(r.ram, 0xee, RAMSIZE); /* zero pages must be cleared on load */
	ck_assert_msg(snapshot_load(path, &r.parts, &err) == 0, "%s", err ? err : "");
	ck_assert_uint_eq(r.f1.a, w.f1.a);
	ck_assert_uint_eq(r.f1.b, w.f1.b);
	ck_assert_uint_eq(r.f2.b, w.f2.b);
	ck_assert_int_eq(memcmp(r.ram, w.ram, RAMSIZE), 0);
	/* zero pages are compact: 3 MiB with 5 non-zero pages is a small file */
	gchar *data;
	gsize len;
	ck_assert(g_file_get_contents(path, &data, &len, NULL));
	ck_assert_uint_lt(len, 16384);
	ck_assert_int_eq(memcmp(data, "FERRYSNP", 8), 0);
	g_free(data);
	g_free(w.ram);
	g_free(r.ram);
}
END_TEST

static void expect_load_error(World *r, const char *msg)
{
	char *err = NULL;
	ck_assert_int_eq(snapshot_load(path, &r->parts, &err), -1);
	ck_assert_msg(err && strstr(err, msg), "want '%s', got '%s'", msg, err ? err : "");
	g_free(err);
	g_free(r->ram);
}

START_TEST(test_config_mismatch)
{
	World w, r;
	saved_world(&w);
	world_init(&r, 256u << 20, 2, "virtio-blk,virtio-rng");
	expect_load_error(&r, "snapshot was taken with -m 512M, this machine has 256M");
	world_init(&r, 512u << 20, 1, "virtio-blk,virtio-rng");
	expect_load_error(&r, "snapshot was taken with -smp 2, this machine has 1");
	world_init(&r, 512u << 20, 2, "virtio-blk");
	expect_load_error(&r, "devices [virtio-blk,virtio-rng], this machine has [virtio-blk]");
	world_init(&r, 512u << 20, 2, "virtio-blk,virtio-rng");
	r.secs[1].name = "plic";
	expect_load_error(&r, "state for 'uart', which this machine lacks");
	world_init(&r, 512u << 20, 2, "virtio-blk,virtio-rng");
	r.parts.n_sections = 1;
	expect_load_error(&r, "'uart', which this machine lacks");
	world_init(&r, 512u << 20, 2, "virtio-blk,virtio-rng");
	r.f2.fail = 1;
	expect_load_error(&r, "state for 'uart' does not load");
	g_free(w.ram);
}
END_TEST

START_TEST(test_corrupt_and_truncated)
{
	World w, r;
	char *err = NULL;
	saved_world(&w);
	gchar *data;
	gsize len;
	ck_assert(g_file_get_contents(path, &data, &len, NULL));
	ck_assert(g_file_set_contents(path, data, (gssize)(len - 7), NULL));
	world_init(&r, 512u << 20, 2, "virtio-blk,virtio-rng");
	expect_load_error(&r, "corrupt or truncated");
	data[len / 2] ^= 0x55;
	ck_assert(g_file_set_contents(path, data, (gssize)len, NULL));
	world_init(&r, 512u << 20, 2, "virtio-blk,virtio-rng");
	ck_assert_int_eq(snapshot_load(path, &r.parts, &err), -1);
	ck_assert_ptr_nonnull(err);
	g_free(err);
	g_free(r.ram);
	data[len / 2] ^= 0x55;
	data[8] = 9;
	ck_assert(g_file_set_contents(path, data, (gssize)len, NULL));
	world_init(&r, 512u << 20, 2, "virtio-blk,virtio-rng");
	expect_load_error(&r, "format version 9");
	ck_assert(g_file_set_contents(path, "garbage", 7, NULL));
	world_init(&r, 512u << 20, 2, "virtio-blk,virtio-rng");
	expect_load_error(&r, "not a ferry snapshot file");
	world_init(&r, 512u << 20, 2, "virtio-blk,virtio-rng");
	ck_assert_int_eq(snapshot_save("/nonexistent-dir/snap", &r.parts, &err), -1);
	ck_assert_ptr_nonnull(strstr(err, "/nonexistent-dir/snap: "));
	g_free(err);
	g_free(r.ram);
	g_free(data);
	g_free(w.ram);
}
END_TEST

Suite *sysemu_snapshot_suite(void)
{
	Suite *s = suite_create("sysemu_snapshot");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_config_mismatch);
	tcase_add_test(tc, test_corrupt_and_truncated);
	suite_add_tcase(s, tc);
	return s;
}
