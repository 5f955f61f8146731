/*
 * Unit tests of rootfs-tools' parsers: apt sources in the one-line and deb822 formats and
 * the choice of the host's Debian mirror among vendors' and security sources, Debian and
 * ferry architecture names, the classification of debootstrap's output lines, and the
 * failure report read from debootstrap's output and log.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rootfs-tools/rootfs.h"
#include "tests/unit/suites.h"

START_TEST(sources_one_line)
{
	RootfsSource s[8];
	const char *text =
	    "# a comment\n"
	    "deb http://deb.debian.org/debian bookworm main\n"
	    "deb-src http://deb.debian.org/debian bookworm main\n"
	    "deb [arch=amd64 signed-by=/k.gpg] https://m.example/debian trixie main\n"
	    "deb [ trusted=yes ] file:/srv/mirror sid main # trailing\n"
	    "  deb\thttp://tab.example/debian\tforky\tmain\n"
	    "deb http://broken.example/\n";
	int n = rootfs_sources_parse_list(text, s, 8);
	ck_assert_int_eq(n, 4);
	ck_assert_str_eq(s[0].uri, "http://deb.debian.org/debian");
	ck_assert_str_eq(s[0].suite, "bookworm");
	ck_assert_str_eq(s[1].uri, "https://m.example/debian");
	ck_assert_str_eq(s[1].suite, "trixie");
	ck_assert_str_eq(s[2].uri, "file:/srv/mirror");
	ck_assert_str_eq(s[2].suite, "sid");
	ck_assert_str_eq(s[3].uri, "http://tab.example/debian");
	ck_assert_int_eq(rootfs_sources_parse_list(text, s, 2), 2);
}
END_TEST

START_TEST(sources_deb822)
{
	RootfsSource s[8];
	const char *text = "Types: deb deb-src\n"
	                   "URIs: http://deb.debian.org/debian\n"
	                   "Suites: bookworm bookworm-updates\n"
	                   "Components: main\n"
	                   "# comment: inside a paragraph\n"
	                   "Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg\n"
	                   "\n"
	                   "Types: deb-src\n"
	                   "URIs: http://src.example/debian\n"
	                   "Suites: sid\n"
	                   "\n"
	                   "types: deb\n"
	                   "uris: http://off.example/debian\n"
	                   "suites: trixie\n"
	                   "Enabled: no\n"
	                   "\n\n"
	                   "Types: deb\n"
	                   "URIs: http://a.example/debian\n"
	                   " http://b.example/debian\n"
	                   "Suites: trixie";
	int n = rootfs_sources_parse_deb822(text, s, 8);
	ck_assert_int_eq(n, 4);
	ck_assert_str_eq(s[0].uri, "http://deb.debian.org/debian");
	ck_assert_str_eq(s[0].suite, "bookworm");
	ck_assert_str_eq(s[1].suite, "bookworm-updates");
	ck_assert_str_eq(s[2].uri, "http://a.example/debian");
	ck_assert_str_eq(s[3].uri, "http://b.example/debian");
	ck_assert_str_eq(s[3].suite, "trixie");
}
END_TEST

START_TEST(sources_debian_archive)
{
	static const struct {
		const char *uri, *suite;
		bool debian;
	} cases[] = {
	    {"http://deb.debian.org/debian", "bookworm", true},
	    {"http://deb.debian.org/debian", "bookworm-updates", true},
	    {"https://mirror.example/debian", "stable-backports", true},
	    {"http://deb.debian.org/debian-security", "bookworm-security", false},
	    {"https://packages.cloud.google.com/apt", "cloud-sdk-bookworm", false},
	    {"https://deb.nodesource.com/node_20.x", "nodistro", false},
	    {"cdrom:[Debian GNU/Linux]/", "bookworm", false},
	    {"http://deb.debian.org/debian", "bookwormish", false},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		RootfsSource s;
		snprintf(s.uri, sizeof s.uri, "%s", cases[i].uri);
		snprintf(s.suite, sizeof s.suite, "%s", cases[i].suite);
		ck_assert_msg(rootfs_source_is_debian(&s) == cases[i].debian, "%s %s", s.uri,
		              s.suite);
	}
}
END_TEST

static void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

/* A vendor's source first, -updates before the release, deb822 after the list files. */
START_TEST(sources_host_mirror)
{
	char dir[] = "/tmp/ferry-rootfs-test.XXXXXX", path[256], mirror[512];
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/sources.list.d", dir);
	ck_assert_int_eq(mkdir(path, 0755), 0);
	ck_assert_int_eq(rootfs_sources_host_mirror(dir, mirror, sizeof mirror), -1);
	snprintf(path, sizeof path, "%s/sources.list", dir);
	write_text(path, "deb https://packages.cloud.google.com/apt cloud-sdk-bookworm main\n"
	                 "deb http://security.example/debian-security bookworm-security main\n");
	snprintf(path, sizeof path, "%s/sources.list.d/a.list", dir);
	write_text(path, "deb http://upd.example/debian bookworm-updates main\n");
	snprintf(path, sizeof path, "%s/sources.list.d/b.sources", dir);
	write_text(path, "Types: deb\nURIs: http://rel.example/debian\nSuites: bookworm\n");
	snprintf(path, sizeof path, "%s/sources.list.d/c.list.disabled", dir);
	write_text(path, "deb http://never.example/debian bookworm main\n");
	ck_assert_int_eq(rootfs_sources_host_mirror(dir, mirror, sizeof mirror), 0);
	ck_assert_str_eq(mirror, "http://rel.example/debian");
	snprintf(path, sizeof path, "%s/sources.list.d/b.sources", dir);
	unlink(path);
	ck_assert_int_eq(rootfs_sources_host_mirror(dir, mirror, sizeof mirror), 0);
	ck_assert_str_eq(mirror, "http://upd.example/debian");
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

START_TEST(arch_names)
{
	static const char *const cases[][3] = {
	    {"riscv64", "riscv64", "riscv64"},
	    {"arm64", "arm64", "aarch64"},
	    {"aarch64", "arm64", "aarch64"},
	    {"armhf", "armhf", "arm"},
	    {"arm", "armhf", "arm"},
	    {"armel", "armel", "arm"},
	    {"amd64", "amd64", "x86_64"},
	    {"x86_64", "amd64", "x86_64"},
	    {"ppc64el", "ppc64el", "ppc64le"},
	    {"ppc64le", "ppc64el", "ppc64le"},
	    {"loong64", "loong64", "loongarch64"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const RootfsArch *a = rootfs_arch_find(cases[i][0]);
		ck_assert_msg(a != NULL, "%s", cases[i][0]);
		ck_assert_str_eq(a->debian, cases[i][1]);
		ck_assert_str_eq(a->isa, cases[i][2]);
		ck_assert_ptr_nonnull(binfmt_isa_find(a->isa));
	}
	ck_assert_ptr_null(rootfs_arch_find("riscv65"));
	ck_assert_ptr_null(rootfs_arch_find(""));
}
END_TEST

START_TEST(log_classify)
{
	static const struct {
		const char *line;
		RootfsLineKind kind;
		const char *verb, *pkg;
	} cases[] = {
	    {"I: Retrieving libc6 2.41-12", ROOTFS_LINE_PACKAGE, "Retrieving", "libc6"},
	    {"I: Validating libc6 2.41-12", ROOTFS_LINE_QUIET, "Validating", "libc6"},
	    {"I: Extracting base-files...", ROOTFS_LINE_PACKAGE, "Extracting", "base-files"},
	    {"I: Unpacking libstdc++6:riscv64...", ROOTFS_LINE_PACKAGE, "Unpacking",
	     "libstdc++6:riscv64"},
	    {"I: Configuring libc6...", ROOTFS_LINE_PACKAGE, "Configuring", "libc6"},
	    {"I: Extracting libdb5.3t64...", ROOTFS_LINE_PACKAGE, "Extracting", "libdb5.3t64"},
	    {"I: Unpacking ...", ROOTFS_LINE_OTHER, NULL, NULL},
	    {"I: Retrieving InRelease ", ROOTFS_LINE_OTHER, NULL, NULL},
	    {"I: Retrieving Packages", ROOTFS_LINE_OTHER, NULL, NULL},
	    {"I: Unpacking required packages...", ROOTFS_LINE_OTHER, NULL, NULL},
	    {"I: Configuring the base system...", ROOTFS_LINE_OTHER, NULL, NULL},
	    {"I: Base system installed successfully.", ROOTFS_LINE_OTHER, NULL, NULL},
	    {"W: Failure trying to run: x", ROOTFS_LINE_OTHER, NULL, NULL},
	    {"I: Configuringlibc6...", ROOTFS_LINE_OTHER, NULL, NULL},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *verb = NULL;
		char pkg[64] = "";
		RootfsLineKind k = rootfs_log_classify(cases[i].line, &verb, pkg, sizeof pkg);
		ck_assert_msg(k == cases[i].kind, "%s", cases[i].line);
		if (cases[i].verb) {
			ck_assert_str_eq(verb, cases[i].verb);
			ck_assert_str_eq(pkg, cases[i].pkg);
		}
	}
}
END_TEST

START_TEST(log_failure_dpkg_package)
{
	RootfsFailure f = {0};
	const char *out =
	    "I: Configuring libc6...\n"
	    "W: Failure trying to run: chroot \"/t\" dpkg-deb -f /x/a_1_riscv64.deb\n"
	    "W: Failure trying to run: chroot \"/t\" dpkg --force-depends --configure "
	    "--pending\n"
	    "W: See /t/debootstrap/debootstrap.log for details (possibly the package "
	    "perl-base is at fault)\n";
	const char *log = "Setting up libc6 (2.41-12) ...\n"
	                  "dpkg: error processing package perl-base (--configure):\n"
	                  " installed perl-base package post-installation script subprocess "
	                  "returned error exit status 1\n"
	                  "dpkg: error processing package libc-bin (--configure):\n"
	                  " dependency problems - leaving unconfigured\n";
	ck_assert(rootfs_log_find_failure(out, &f));
	ck_assert_str_eq(f.command, "chroot \"/t\" dpkg --force-depends --configure --pending");
	ck_assert_str_eq(f.package, "");
	ck_assert(rootfs_log_find_failure(log, &f));
	ck_assert_str_eq(f.package, "perl-base");
	ck_assert_str_eq(f.detail, "installed perl-base package post-installation script "
	                           "subprocess returned error exit status 1");
}
END_TEST

START_TEST(log_failure_archive_and_others)
{
	RootfsFailure f = {0};
	const char *log = "dpkg: error processing archive "
	                  "/var/cache/apt/archives/base-passwd_3.6.7_riscv64.deb (--install):\n"
	                  " dpkg-deb --control subprocess returned error exit status 2\n";
	ck_assert(rootfs_log_find_failure(log, &f));
	ck_assert_str_eq(f.package, "base-passwd");
	ck_assert_str_eq(f.detail, "dpkg-deb --control subprocess returned error exit status 2");

	RootfsFailure g = {0};
	const char *out = "W: Failure trying to run:  dpkg --force-depends --install "
	                  "/var/cache/apt/archives/base-passwd_3.6.7_riscv64.deb\n";
	const char *log2 = "unimplemented: clone flags 0x3d0f00 (threads)\n"
	                   "dpkg-deb (subprocess): decompressing archive 'x.deb' member "
	                   "'control.tar': lzma error: Cannot allocate memory\n"
	                   "tar: This does not look like a tar archive\n";
	ck_assert(rootfs_log_find_failure(out, &g));
	ck_assert(rootfs_log_find_failure(log2, &g));
	ck_assert_str_eq(g.package, "base-passwd");
	ck_assert(strstr(g.detail, "lzma error: Cannot allocate memory"));

	RootfsFailure h = {0};
	ck_assert(rootfs_log_find_failure("I: x\nE: Couldn't find these debs: foo\n", &h));
	ck_assert_str_eq(h.detail, "E: Couldn't find these debs: foo");
	RootfsFailure e = {0};
	ck_assert(!rootfs_log_find_failure("I: all fine\n", &e));
}
END_TEST

Suite *rootfs_suite(void)
{
	Suite *s = suite_create("rootfs");
	TCase *t = tcase_create("parsers");
	tcase_add_test(t, sources_one_line);
	tcase_add_test(t, sources_deb822);
	tcase_add_test(t, sources_debian_archive);
	tcase_add_test(t, sources_host_mirror);
	tcase_add_test(t, arch_names);
	tcase_add_test(t, log_classify);
	tcase_add_test(t, log_failure_dpkg_package);
	tcase_add_test(t, log_failure_archive_and_others);
	suite_add_tcase(s, t);
	return s;
}
