/*
 * Unit tests of ferry-sysemu-riscv64's command line (sysemu/options.c): every option
 * family, sizes with suffixes, sub-option lists with doubled commas, -device/-drive/
 * -netdev cross-references, and the one-line errors with exit status 1.
 */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "sysemu/options.h"
#include "tests/unit/suites.h"

/* Parses a NULL-terminated list after argv[0]; the parse-and-check status. */
static int parse(SysOptions *o, char *msg, size_t msglen, ...)
{
	char *argv[64] = {"ferry-sysemu-riscv64"};
	int argc = 1;
	va_list ap;
	va_start(ap, msglen);
	for (char *a; (a = va_arg(ap, char *)) != NULL;)
		argv[argc++] = a;
	va_end(ap);
	FILE *err = fmemopen(msg, msglen, "w");
	FILE *out = fopen("/dev/null", "w");
	sysopt_init(o);
	int rc = sysopt_parse(o, argc, argv, out, err);
	if (rc < 0)
		rc = sysopt_check(o, err);
	fclose(err);
	fclose(out);
	return rc;
}

START_TEST(test_sizes)
{
	uint64_t v;
	char buf[32];
	ck_assert_int_eq(sysopt_parse_size("512M", 1 << 20, &v), 0);
	ck_assert_uint_eq(v, 512ull << 20);
	ck_assert_int_eq(sysopt_parse_size("2G", 1 << 20, &v), 0);
	ck_assert_uint_eq(v, 2ull << 30);
	ck_assert_int_eq(sysopt_parse_size("1024", 1 << 20, &v), 0);
	ck_assert_uint_eq(v, 1ull << 30);
	ck_assert_int_eq(sysopt_parse_size("64k", 1 << 20, &v), 0);
	ck_assert_uint_eq(v, 64ull << 10);
	ck_assert_int_eq(sysopt_parse_size("12X", 1, &v), -1);
	ck_assert_int_eq(sysopt_parse_size("-1", 1, &v), -1);
	ck_assert_int_eq(sysopt_parse_size("", 1, &v), -1);
	ck_assert_int_eq(sysopt_parse_size("99999999999E", 1, &v), -1);
	ck_assert_int_eq(sysopt_parse_size("1MM", 1, &v), -1);
	sysopt_format_size(512ull << 20, buf, sizeof buf);
	ck_assert_str_eq(buf, "512M");
	sysopt_format_size(3ull << 30, buf, sizeof buf);
	ck_assert_str_eq(buf, "3G");
	sysopt_format_size(1000, buf, sizeof buf);
	ck_assert_str_eq(buf, "1000");
}
END_TEST

START_TEST(test_defaults_and_basic)
{
	SysOptions o;
	char msg[256] = "";
	ck_assert_int_eq(parse(&o, msg, sizeof msg, "-bios", "none", NULL), -1);
	ck_assert_uint_eq(o.ram_size, 128ull << 20);
	ck_assert_uint_eq(o.smp, 1);
	ck_assert(o.bios_none && !o.bios);
	ck_assert(o.jit && o.monitor && o.serial == SERIAL_MON_STDIO);
	sysopt_free(&o);
	ck_assert_int_eq(parse(&o, msg, sizeof msg, "-M", "virt,dumpdtb=/tmp/x.dtb", "-m", "512M",
	                       "--smp", "4", "-bios", "/fw.bin", "-kernel", "/k", "-initrd", "/i",
	                       "-append", "console=ttyS0 quiet", "-nographic", "-no-reboot", "-cpu",
	                       "max", "-accel", "tcg", "-display", "none", "-monitor", "none",
	                       "-serial", "stdio", "-name", "guest=vm1", "-jit", "off", "-d",
	                       "in_asm", "-loadvm", "/s", "-dtb", "/d.dtb", NULL),
	                 -1);
	ck_assert_str_eq(o.dumpdtb, "/tmp/x.dtb");
	ck_assert_uint_eq(o.ram_size, 512ull << 20);
	ck_assert_uint_eq(o.smp, 4);
	ck_assert_str_eq(o.bios, "/fw.bin");
	ck_assert_str_eq(o.kernel, "/k");
	ck_assert_str_eq(o.initrd, "/i");
	ck_assert_str_eq(o.append, "console=ttyS0 quiet");
	ck_assert_str_eq(o.name, "vm1");
	ck_assert_str_eq(o.loadvm, "/s");
	ck_assert_str_eq(o.dtb, "/d.dtb");
	ck_assert(o.no_reboot && !o.monitor && !o.jit && o.serial == SERIAL_STDIO);
	ck_assert_uint_ne(o.log_mask, 0);
	sysopt_free(&o);
	ck_assert_int_eq(parse(&o, msg, sizeof msg, "-m", "size=2G", "-smp", "cpus=2", "-bios",
	                       "none", "-dumpdtb", "/y", NULL),
	                 -1);
	ck_assert_uint_eq(o.ram_size, 2ull << 30);
	ck_assert_uint_eq(o.smp, 2);
	ck_assert_str_eq(o.dumpdtb, "/y");
	sysopt_free(&o);
}
END_TEST

START_TEST(test_drives_and_devices)
{
	SysOptions o;
	char msg[256] = "";
	ck_assert_int_eq(
	    parse(&o, msg, sizeof msg, "-bios", "none", "-drive", "file=a,,b.img,format=raw,id=d0",
	          "-drive", "file=c.qcow2,if=none,id=d1,readonly=on,media=disk", "-device",
	          "virtio-blk-device,drive=d1", "-netdev", "user,id=n0,hostfwd=tcp::2222-:22",
	          "-device", "virtio-net,netdev=n0,mac=52:54:00:12:34:56", "-device", "virtio-rng",
	          "-nic", "user,model=virtio", "-snapshot", NULL),
	    -1);
	ck_assert_uint_eq(o.n_drives, 2);
	ck_assert_str_eq(o.drives[0].file, "a,b.img");
	ck_assert_str_eq(o.drives[0].format, "raw");
	ck_assert(o.drives[0].if_virtio && o.drives[0].snapshot);
	ck_assert(!o.drives[1].if_virtio && o.drives[1].read_only);
	ck_assert_uint_eq(o.n_devices, 5);
	ck_assert_int_eq(o.devices[0].kind, SYSDEV_BLK);
	ck_assert_int_eq(o.devices[0].drive, 0);
	ck_assert_int_eq(o.devices[1].kind, SYSDEV_BLK);
	ck_assert_int_eq(o.devices[1].drive, 1);
	ck_assert_int_eq(o.devices[2].kind, SYSDEV_NET);
	ck_assert_int_eq(o.devices[2].netdev, 0);
	ck_assert_str_eq(o.devices[2].mac, "52:54:00:12:34:56");
	ck_assert_int_eq(o.devices[3].kind, SYSDEV_RNG);
	ck_assert_int_eq(o.devices[4].kind, SYSDEV_NET);
	ck_assert_int_eq(o.devices[4].netdev, 1);
	ck_assert_str_eq(o.netdevs[0].spec, "user,id=n0,hostfwd=tcp::2222-:22");
	ck_assert_str_eq(o.netdevs[1].spec, "user,id=nic0");
	sysopt_free(&o);
}
END_TEST

static const struct {
	const char *args[6];
	const char *msg; /* a substring of the error line */
} error_cases[] = {
    {{"-foo"}, "-foo: invalid option"},
    {{"-m"}, "-m: requires an argument"},
    {{"-m", "12X"}, "-m 12X: invalid RAM size"},
    {{"-m", "0"}, "invalid RAM size"},
    {{"-m", "16E"}, "-m 16E"},
    {{"-m", "64T"}, "more than"},
    {{"-smp", "9"}, "1 to 8"},
    {{"-smp", "0"}, "1 to 8"},
    {{"-M", "sifive_u"}, "unsupported machine type"},
    {{"-machine", "virt,foo=1"}, "unsupported parameter 'foo'"},
    {{"-cpu", "sifive-u54"}, "unsupported CPU model"},
    {{"-accel", "kvm"}, "only tcg"},
    {{"-display", "gtk"}, "no display"},
    {{"-serial", "pty"}, "unsupported"},
    {{"-drive", "format=raw"}, "no file="},
    {{"-drive", "file=x,format=vmdk"}, "unsupported format"},
    {{"-drive", "file=x,if=ide"}, "unsupported interface"},
    {{"-drive", "file=x,bogus=1"}, "unsupported parameter 'bogus'"},
    {{"-device", "e1000"}, "unsupported device"},
    {{"-device", "virtio-blk-device"}, "needs drive=ID"},
    {{"-device", "virtio-blk-device,drive=nope"}, "no -drive with that id"},
    {{"-device", "virtio-net-device,netdev=nope"}, "no -netdev with that id"},
    {{"-netdev", "tap,id=t0"}, "unsupported network backend"},
    {{"-netdev", "user"}, "no id="},
    {{"-append", "x"}, "-append is only allowed with -kernel"},
    {{"-initrd", "x"}, "-initrd is only allowed with -kernel"},
    {{"-jit", "maybe"}, "expected on or off"},
    {{"-d", "nonsense"}, "unknown log item"},
    {{"disk.img"}, "unexpected argument"},
};

START_TEST(test_errors)
{
	SysOptions o;
	char msg[512];
	const char *const *a = error_cases[_i].args;
	memset(msg, 0, sizeof msg);
	int rc = parse(&o, msg, sizeof msg - 1, "-bios", "none", a[0], a[1], a[2], a[3], NULL);
	ck_assert_msg(rc == 1, "%s: status %d", a[0], rc);
	ck_assert_msg(strstr(msg, error_cases[_i].msg) != NULL, "%s: message '%s'", a[0], msg);
	ck_assert_msg(strncmp(msg, "ferry-sysemu-riscv64: ", 22) == 0, "prefix: '%s'", msg);
	ck_assert_msg(strchr(msg, '\n') == msg + strlen(msg) - 1, "one line: '%s'", msg);
	sysopt_free(&o);
}
END_TEST

START_TEST(test_help_version)
{
	SysOptions o;
	char msg[64] = "";
	ck_assert_int_eq(parse(&o, msg, sizeof msg, "--help", NULL), 0);
	sysopt_free(&o);
	ck_assert_int_eq(parse(&o, msg, sizeof msg, "-version", NULL), 0);
	sysopt_free(&o);
	ck_assert_int_eq(parse(&o, msg, sizeof msg, "-M", "help", NULL), 0);
	sysopt_free(&o);
	ck_assert_int_eq(parse(&o, msg, sizeof msg, "-device", "help", NULL), 0);
	sysopt_free(&o);
	ck_assert_int_eq(parse(&o, msg, sizeof msg, "-d", "help", NULL), 0);
	sysopt_free(&o);
}
END_TEST

Suite *sysemu_options_suite(void)
{
	Suite *s = suite_create("sysemu_options");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_sizes);
	tcase_add_test(tc, test_defaults_and_basic);
	tcase_add_test(tc, test_drives_and_devices);
	tcase_add_loop_test(tc, test_errors, 0, sizeof error_cases / sizeof error_cases[0]);
	tcase_add_test(tc, test_help_version);
	suite_add_tcase(s, tc);
	return s;
}
