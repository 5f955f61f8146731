/*
 * Unit tests of the ELF loader (loader/). A minimal valid riscv64 ELF64 image is built in
 * memory; a corpus of corrupted variants (one defect each) is written to a temporary
 * directory and each must be refused with its own reason and exit status, leaving guest
 * memory empty. Valid ET_EXEC and ET_DYN images, an interpreter found through a sysroot
 * and (when the cross compiler is installed) real riscv64 programs are loaded and the
 * result is read back from guest memory: segments, bss, brk, and the initial stack with
 * argc, argv, envp and auxv.
 */
#include <check.h>
#include <elf.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "common/guest_mem.h"
#include "loader/loader.h"
#include "tests/unit/suites.h"

#ifndef EM_RISCV
#define EM_RISCV 243
#endif

#define IMG_SIZE 0x1800
#define TEXT_OFF 0x200  /* entry point offset in the text segment */
#define INTERP_OFF 0x300
#define EXEC_BASE 0x10000

typedef struct TestBuf {
	uint8_t data[0x3000];
	size_t len;
} TestBuf;

static Elf64_Ehdr *eh_of(TestBuf *b)
{
	return (Elf64_Ehdr *)b->data;
}

static Elf64_Phdr *ph_of(TestBuf *b)
{
	return (Elf64_Phdr *)(b->data + sizeof(Elf64_Ehdr));
}

static Elf64_Phdr *add_phdr(TestBuf *b, uint32_t type, uint32_t flags, uint64_t off,
			    uint64_t vaddr, uint64_t filesz, uint64_t memsz, uint64_t align)
{
	Elf64_Phdr *ph = &ph_of(b)[eh_of(b)->e_phnum++];
	*ph = (Elf64_Phdr){ type, flags, off, vaddr, vaddr, filesz, memsz, align };
	return ph;
}

/* Text R-X at base (file 0..0x400), data RW- at base+0x1000 with 0x20 file bytes and bss
 * to base+0x4000, PT_GNU_STACK RW-; optional PT_INTERP and PT_PHDR. The file bytes after
 * the data segment's p_filesz are 0xcc so bss clearing is visible. */
static void build_image(TestBuf *b, uint16_t type, const char *interp, bool with_phdr)
{
	uint64_t base = type == ET_EXEC ? EXEC_BASE : 0;
	memset(b, 0, sizeof *b);
	b->len = IMG_SIZE;
	Elf64_Ehdr *eh = eh_of(b);
	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = ELFCLASS64;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_ident[EI_VERSION] = EV_CURRENT;
	eh->e_type = type;
	eh->e_machine = EM_RISCV;
	eh->e_version = EV_CURRENT;
	eh->e_entry = base + TEXT_OFF;
	eh->e_phoff = sizeof(Elf64_Ehdr);
	eh->e_ehsize = sizeof(Elf64_Ehdr);
	eh->e_phentsize = sizeof(Elf64_Phdr);
	if (with_phdr)
		add_phdr(b, PT_PHDR, PF_R, 64, base + 64, 0, 0, 8);
	add_phdr(b, PT_LOAD, PF_R | PF_X, 0, base, 0x400, 0x400, 0x1000);
	add_phdr(b, PT_LOAD, PF_R | PF_W, 0x1000, base + 0x1000, 0x20, 0x3000, 0x1000);
	add_phdr(b, PT_GNU_STACK, PF_R | PF_W, 0, 0, 0, 0, 16);
	if (interp) {
		strcpy((char *)b->data + INTERP_OFF, interp);
		add_phdr(b, PT_INTERP, PF_R, INTERP_OFF, base + INTERP_OFF, strlen(interp) + 1,
			 strlen(interp) + 1, 1);
	}
	if (with_phdr) {
		ph_of(b)[0].p_filesz = ph_of(b)[0].p_memsz = eh->e_phnum * sizeof(Elf64_Phdr);
	}
	memcpy(b->data + TEXT_OFF, "\x13\x00\x00\x00", 4); /* riscv nop */
	memset(b->data + 0x1000, 0xab, 0x20);
	memset(b->data + 0x1020, 0xcc, IMG_SIZE - 0x1020);
}

/* ---- temporary files ---- */

static char *tmpdir;

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	return remove(path);
}

static void setup_dir(void)
{
	tmpdir = g_dir_make_tmp("ferry-loader-XXXXXX", NULL);
	ck_assert_ptr_nonnull(tmpdir);
}

static void teardown_dir(void)
{
	nftw(tmpdir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	g_free(tmpdir);
}

static char *write_file(const char *name, const void *data, size_t len)
{
	char *path = g_build_filename(tmpdir, name, NULL);
	char *dir = g_path_get_dirname(path);
	g_mkdir_with_parents(dir, 0755);
	g_free(dir);
	ck_assert(g_file_set_contents(path, data, (gssize)len, NULL));
	chmod(path, 0755);
	return path;
}

/* The build_image image written to <tmpdir>/name; returns its path. */
static char *write_image(const char *name, uint16_t type, const char *interp, bool with_phdr)
{
	TestBuf b;
	build_image(&b, type, interp, with_phdr);
	return write_file(name, b.data, b.len);
}

/* ---- loading ---- */

static const char *refuse_flag_0x10(uint32_t flags)
{
	return (flags & 0x10) ? "unsupported e_flags (test)" : NULL;
}

static const LoaderArch rv64 = {
	.elf_machine = EM_RISCV,
	.elf_class = ELFCLASS64,
	.elf_data = ELFDATA2LSB,
	.platform = "testplat",
	.hwcap = 0x112d,
	.check_flags = refuse_flag_0x10,
};

static char *test_argv[] = { "prog", "arg one", "", NULL };
static char *test_envp[] = { "A=1", "HOME=/nowhere", NULL };

static LoaderParams params_for(const char *path)
{
	return (LoaderParams){ .path = path, .exec_fd = -1, .argv = test_argv,
			       .envp = test_envp, .execfn = "/bin/prog",
			       .stack_size = 1 << 20, .uid = 1, .euid = 2, .gid = 3,
			       .egid = 4, .at_flags = 0 };
}

static int count_region(void *opaque, uint64_t s, uint64_t e, int prot, const char *n)
{
	(*(int *)opaque)++;
	return 0;
}

static int region_count(GuestMem *m)
{
	int n = 0;
	gmem_visit(m, count_region, &n);
	return n;
}

/* Loads path; on failure checks nothing is left mapped. */
static int load(const char *path, const LoaderParams *p, GuestMem *mem, LoadedImage *img,
		LoaderError *err)
{
	LoaderParams lp = p ? *p : params_for(path);
	lp.path = path;
	int r = loader_load(&rv64, &lp, mem, img, err);
	if (r < 0)
		ck_assert_int_eq(region_count(mem), 0);
	return r;
}

static void expect_refusal(const char *path, const char *msg, int status)
{
	GuestMem *mem = gmem_new(47);
	LoadedImage img;
	LoaderError err;
	ck_assert_int_eq(load(path, NULL, mem, &img, &err), -1);
	ck_assert_msg(strstr(err.msg, msg), "expected \"%s\", got \"%s\"", msg, err.msg);
	ck_assert_int_eq(err.exit_status, status);
	gmem_free(mem);
}

/* load() that must succeed; p may be NULL, as for load(). */
static void load_ok(const char *path, const LoaderParams *p, GuestMem *mem, LoadedImage *img)
{
	LoaderError err;
	ck_assert_msg(load(path, p, mem, img, &err) == 0, "%s", err.msg);
}

/* ---- the malformed corpus ---- */

#define MUTATION(name, ...)                                                               \
	static void mut_##name(TestBuf *b)                                                \
	{                                                                                 \
		Elf64_Ehdr *eh = eh_of(b);                                                \
		Elf64_Phdr *ph = ph_of(b);                                                \
		(void)eh;                                                                 \
		(void)ph;                                                                 \
		__VA_ARGS__;                                                              \
	}

MUTATION(empty, b->len = 0)
MUTATION(bad_magic, eh->e_ident[1] = 'F')
MUTATION(short_ident, b->len = 10)
MUTATION(short_ehdr, b->len = 40)
MUTATION(class32, eh->e_ident[EI_CLASS] = ELFCLASS32)
MUTATION(class_bad, eh->e_ident[EI_CLASS] = 7)
MUTATION(big_endian, eh->e_ident[EI_DATA] = ELFDATA2MSB)
MUTATION(machine, eh->e_machine = EM_X86_64)
MUTATION(type_rel, eh->e_type = ET_REL)
MUTATION(type_core, eh->e_type = ET_CORE)
MUTATION(flags_refused, eh->e_flags = 0x15)
MUTATION(phentsize, eh->e_phentsize = 32)
MUTATION(phnum_zero, eh->e_phnum = 0)
MUTATION(phnum_huge, eh->e_phnum = 2000)
MUTATION(phnum_xnum, eh->e_phnum = PN_XNUM)
MUTATION(phoff_eof, eh->e_phoff = IMG_SIZE - 64)
MUTATION(phoff_wrap, eh->e_phoff = UINT64_MAX - 0x20)
MUTATION(filesz_gt_memsz, ph[1].p_filesz = ph[1].p_memsz + 1)
MUTATION(offset_wrap, ph[1].p_offset = UINT64_MAX - 0xfff; ph[1].p_filesz = 0x2000)
MUTATION(vaddr_wrap, ph[1].p_vaddr = UINT64_MAX - 0xfff; ph[1].p_memsz = 0x2000)
MUTATION(overlap, ph[1].p_vaddr = EXEC_BASE + 0x200; ph[1].p_offset = 0x1200)
MUTATION(unsorted, Elf64_Phdr t = ph[0]; ph[0] = ph[1]; ph[1] = t)
MUTATION(align_not_pow2, ph[0].p_align = 0x1800)
MUTATION(not_congruent, ph[1].p_offset = 0x1008)
MUTATION(no_load, ph[0].p_type = PT_NOTE; ph[1].p_type = PT_NOTE)
MUTATION(empty_loads, ph[0].p_memsz = ph[0].p_filesz = 0; ph[1].p_memsz = ph[1].p_filesz = 0;
	 ph[1].p_vaddr = EXEC_BASE)
MUTATION(beyond_limit, ph[1].p_vaddr = 0x7fffffffe000; ph[1].p_offset = 0x1000)
MUTATION(interp_twice, eh->e_phnum++; ph[4] = ph[3])
MUTATION(interp_unterminated, b->data[INTERP_OFF + ph[3].p_filesz - 1] = 'x')
MUTATION(interp_empty, ph[3].p_filesz = 1)
MUTATION(interp_nul_first, b->data[INTERP_OFF] = '\0')
MUTATION(interp_too_long, ph[3].p_filesz = 5000; ph[3].p_offset = 0)
MUTATION(interp_past_eof, ph[3].p_offset = IMG_SIZE - 4)
MUTATION(interp_offset_wrap, ph[3].p_offset = UINT64_MAX - 2)

typedef struct Corruption {
	const char *name;
	void (*mutate)(TestBuf *b);
	bool with_interp;
	const char *msg;
	int status;
} Corruption;

#define C(n, interp, msg, st) { #n, mut_##n, interp, msg, st }
static const Corruption corpus[] = {
	C(empty, false, "not an ELF file", 1),
	C(bad_magic, false, "not an ELF file", 1),
	C(short_ident, false, "truncated ELF header", 1),
	C(short_ehdr, false, "truncated ELF header", 1),
	C(class32, false, "wrong ELF class (ELF32)", 255),
	C(class_bad, false, "wrong ELF class", 255),
	C(big_endian, false, "wrong byte order", 255),
	C(machine, false, "wrong machine", 255),
	C(type_rel, false, "not an executable (ET_REL)", 255),
	C(type_core, false, "not an executable (ET_CORE)", 255),
	C(flags_refused, false, "unsupported e_flags (test)", 255),
	C(phentsize, false, "bad e_phentsize", 1),
	C(phnum_zero, false, "no program headers", 1),
	C(phnum_huge, false, "too many program headers", 1),
	C(phnum_xnum, false, "too many program headers", 1),
	C(phoff_eof, false, "program headers past end of file", 1),
	C(phoff_wrap, false, "program headers past end of file", 1),
	C(filesz_gt_memsz, false, "file size exceeds memory size", 1),
	C(offset_wrap, false, "file range overflows", 1),
	C(vaddr_wrap, false, "address range wraps", 1),
	C(overlap, false, "segments overlap or are not sorted", 1),
	C(unsorted, false, "segments overlap or are not sorted", 1),
	C(align_not_pow2, false, "bad p_align", 1),
	C(not_congruent, false, "not congruent", 1),
	C(no_load, false, "no loadable segment", 1),
	C(empty_loads, false, "loadable segments are empty", 1),
	C(beyond_limit, false, "outside the guest address space", 1),
	C(interp_twice, true, "more than one PT_INTERP", 1),
	C(interp_unterminated, true, "PT_INTERP not NUL-terminated", 1),
	C(interp_empty, true, "PT_INTERP empty", 1),
	C(interp_nul_first, true, "PT_INTERP empty", 1),
	C(interp_too_long, true, "PT_INTERP too long", 1),
	C(interp_past_eof, true, "PT_INTERP outside the file", 1),
	C(interp_offset_wrap, true, "PT_INTERP outside the file", 1),
};
#undef C
#define CORPUS_LEN ((int)(sizeof corpus / sizeof corpus[0]))

START_TEST(test_corpus)
{
	const Corruption *c = &corpus[_i];
	TestBuf b;
	build_image(&b, ET_EXEC, c->with_interp ? "/lib/ld-test.so" : NULL, false);
	c->mutate(&b);
	char *name = g_strdup_printf("bad-%02d-%s", _i, c->name);
	char *path = write_file(name, b.data, b.len);
	expect_refusal(path, c->msg, c->status);
	g_free(path);
	g_free(name);
}
END_TEST

START_TEST(test_corpus_is_large_enough)
{
	ck_assert_int_ge(CORPUS_LEN, 20);
}
END_TEST

/* ---- file-level failures ---- */

START_TEST(test_missing_file)
{
	char *path = g_build_filename(tmpdir, "does-not-exist", NULL);
	expect_refusal(path, "No such file or directory", 127);
	g_free(path);
	path = g_build_filename(tmpdir, "no-dir", "prog", NULL);
	expect_refusal(path, "No such file or directory", 127);
	g_free(path);
}
END_TEST

START_TEST(test_directory)
{
	expect_refusal(tmpdir, "Is a directory", 1);
}
END_TEST

START_TEST(test_not_regular)
{
	expect_refusal("/dev/null", "not a regular file", 1);
}
END_TEST

START_TEST(test_permission_denied)
{
	if (geteuid() == 0) {
		fprintf(stderr, "test_permission_denied: skipped (running as root)\n");
		return;
	}
	char *path = write_image("noread", ET_EXEC, NULL, false);
	chmod(path, 0);
	expect_refusal(path, "Permission denied", 1);
	g_free(path);
}
END_TEST

START_TEST(test_host_binary_wrong_machine)
{
	expect_refusal("/bin/true", "wrong machine", 255);
}
END_TEST

/* ---- reading the result back ---- */

static uint64_t rd64(GuestMem *m, uint64_t addr)
{
	uint64_t v = 0;
	ck_assert_int_eq(gmem_read(m, addr, &v, 8), 0);
	return v;
}

/* Looks up an auxv entry; returns false when absent. */
static bool auxv_get(GuestMem *m, const LoadedImage *img, uint64_t type, uint64_t *val)
{
	for (uint64_t a = img->auxv_addr; a < img->auxv_addr + img->auxv_len; a += 16) {
		if (rd64(m, a) == type) {
			*val = rd64(m, a + 8);
			return true;
		}
	}
	return false;
}

static uint64_t auxv_must(GuestMem *m, const LoadedImage *img, uint64_t type)
{
	uint64_t v = 0;
	ck_assert_msg(auxv_get(m, img, type, &v), "auxv type %llu missing",
		      (unsigned long long)type);
	return v;
}

/* argc, argv, envp and the auxv framing, checked against test_argv/test_envp. */
static void check_stack(GuestMem *m, const LoadedImage *img)
{
	ck_assert_uint_eq(img->sp % 16, 0);
	ck_assert(img->sp >= img->stack_limit && img->sp < img->stack_top);
	ck_assert_uint_eq(rd64(m, img->sp), 3);
	uint64_t a = img->sp + 8;
	for (int i = 0; test_argv[i]; i++, a += 8)
		ck_assert_str_eq(gmem_str(m, rd64(m, a), 4096), test_argv[i]);
	ck_assert_uint_eq(rd64(m, a), 0);
	a += 8;
	for (int i = 0; test_envp[i]; i++, a += 8)
		ck_assert_str_eq(gmem_str(m, rd64(m, a), 4096), test_envp[i]);
	ck_assert_uint_eq(rd64(m, a), 0);
	ck_assert_uint_eq(img->auxv_addr, a + 8);
	ck_assert_uint_eq(img->auxv_len % 16, 0);
	uint64_t last = img->auxv_addr + img->auxv_len - 16;
	ck_assert_uint_eq(rd64(m, last), AT_NULL);
	ck_assert_uint_eq(rd64(m, img->stack_top - 8), 0);

	ck_assert_uint_eq(auxv_must(m, img, AT_PHDR), img->phdr);
	ck_assert_uint_eq(auxv_must(m, img, AT_PHENT), 56);
	ck_assert_uint_eq(auxv_must(m, img, AT_PHNUM), img->phnum);
	ck_assert_uint_eq(auxv_must(m, img, AT_PAGESZ), gmem_page_size(m));
	ck_assert_uint_eq(auxv_must(m, img, AT_BASE), img->interp_base);
	ck_assert_uint_eq(auxv_must(m, img, AT_FLAGS), 0);
	ck_assert_uint_eq(auxv_must(m, img, AT_ENTRY), img->prog_entry);
	ck_assert_uint_eq(auxv_must(m, img, AT_UID), 1);
	ck_assert_uint_eq(auxv_must(m, img, AT_EUID), 2);
	ck_assert_uint_eq(auxv_must(m, img, AT_GID), 3);
	ck_assert_uint_eq(auxv_must(m, img, AT_EGID), 4);
	ck_assert_uint_eq(auxv_must(m, img, AT_SECURE), 0);
	ck_assert_uint_eq(auxv_must(m, img, AT_HWCAP), 0x112d);
	ck_assert_uint_eq(auxv_must(m, img, AT_CLKTCK), (uint64_t)sysconf(_SC_CLK_TCK));
	uint64_t v;
	ck_assert(!auxv_get(m, img, AT_HWCAP2, &v));
	uint64_t rnd = auxv_must(m, img, AT_RANDOM);
	ck_assert(gmem_access_ok(m, rnd, 16, PROT_READ | PROT_WRITE));
	ck_assert(rnd > img->sp && rnd + 16 <= img->stack_top);
	ck_assert_str_eq(gmem_str(m, auxv_must(m, img, AT_EXECFN), 4096), "/bin/prog");
	ck_assert_str_eq(gmem_str(m, auxv_must(m, img, AT_PLATFORM), 4096), "testplat");
}

/* Segments, bss clearing and brk of the image from build_image, loaded at bias. */
static void check_segments(GuestMem *m, const LoadedImage *img, uint64_t bias)
{
	ck_assert_uint_eq(img->prog_entry, bias + TEXT_OFF);
	ck_assert(gmem_access_ok(m, bias, 0x400, PROT_READ | PROT_EXEC));
	ck_assert(!gmem_access_ok(m, bias, 1, PROT_WRITE));
	uint32_t insn = 0;
	ck_assert_int_eq(gmem_read(m, bias + TEXT_OFF, &insn, 4), 0);
	ck_assert_uint_eq(insn, 0x13);
	ck_assert(gmem_access_ok(m, bias + 0x1000, 0x3000, PROT_READ | PROT_WRITE));
	ck_assert(!gmem_access_ok(m, bias + 0x1000, 1, PROT_EXEC));
	uint8_t *data = gmem_g2h(m, bias + 0x1000);
	ck_assert_uint_eq(data[0], 0xab);
	ck_assert_uint_eq(data[0x1f], 0xab);
	for (int i = 0x20; i < 0x3000; i++)
		ck_assert_msg(data[i] == 0, "bss byte %#x not zero", i);
	ck_assert_uint_eq(img->start_brk, bias + 0x4000);
	ck_assert_uint_eq(img->start_code, bias);
	ck_assert_uint_eq(img->end_code, bias + 0x400);
	ck_assert_uint_eq(img->start_data, bias + 0x1000);
	ck_assert_uint_eq(img->end_data, bias + 0x1020);
	ck_assert_uint_eq(img->phdr, bias + 64);
	ck_assert(!img->exec_stack);
}

START_TEST(test_load_exec)
{
	char *path = write_image("exec", ET_EXEC, NULL, false);
	GuestMem *m = gmem_new(47);
	LoadedImage img;
	load_ok(path, NULL, m, &img);
	ck_assert_uint_eq(img.entry, EXEC_BASE + TEXT_OFF);
	ck_assert_uint_eq(img.load_bias, 0);
	ck_assert_uint_eq(img.interp_base, 0);
	ck_assert_ptr_null(img.interp_path);
	ck_assert_uint_eq(img.phnum, 3);
	check_segments(m, &img, EXEC_BASE);
	check_stack(m, &img);
	char *real = realpath(path, NULL);
	ck_assert_str_eq(img.exe_path, real);
	free(real);
	loader_image_free(&img);
	gmem_free(m);
	g_free(path);
}
END_TEST

START_TEST(test_load_dyn)
{
	char *path = write_image("pie", ET_DYN, NULL, true);
	GuestMem *m = gmem_new(47);
	LoadedImage img;
	load_ok(path, NULL, m, &img);
	ck_assert_uint_eq(img.load_bias % gmem_page_size(m), 0);
	ck_assert_uint_ne(img.load_bias, 0);
	ck_assert_uint_eq(img.entry, img.load_bias + TEXT_OFF);
	ck_assert_uint_eq(img.phnum, 4);
	check_segments(m, &img, img.load_bias);
	check_stack(m, &img);
	loader_image_free(&img);
	gmem_free(m);
	g_free(path);
}
END_TEST

START_TEST(test_load_dyn_base_taken)
{
	char *path = write_image("pie", ET_DYN, NULL, true);
	GuestMem *m = gmem_new(47);
	LoaderArch arch = rv64;
	arch.et_dyn_base = 0x200000000;
	ck_assert_int_eq(gmem_mmap(m, 0x200000000, 0x1000, PROT_READ,
				   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0),
			 0x200000000);
	LoaderParams p = params_for(path);
	LoadedImage img;
	LoaderError err;
	ck_assert_msg(loader_load(&arch, &p, m, &img, &err) == 0, "%s", err.msg);
	ck_assert_uint_ne(img.load_bias, 0x200000000);
	check_segments(m, &img, img.load_bias);
	loader_image_free(&img);
	gmem_munmap(m, 0x200000000, 0x1000);
	/* Free now: the PIE goes exactly at the requested base. */
	ck_assert_int_eq(loader_load(&arch, &p, m, &img, &err), 0);
	ck_assert_uint_eq(img.load_bias, 0x200000000);
	loader_image_free(&img);
	gmem_free(m);
	g_free(path);
}
END_TEST

START_TEST(test_exec_fd)
{
	char *path = write_image("byfd", ET_EXEC, NULL, false);
	int fd = open(path, O_RDONLY);
	ck_assert_int_ge(fd, 0);
	GuestMem *m = gmem_new(47);
	LoaderParams p = params_for("/nonexistent/name/from/argv");
	p.exec_fd = fd;
	LoadedImage img;
	LoaderError err;
	ck_assert_msg(loader_load(&rv64, &p, m, &img, &err) == 0, "%s", err.msg);
	ck_assert_str_eq(img.exe_path, path);
	ck_assert_int_eq(fcntl(fd, F_GETFD), 0); /* still open: the caller owns it */
	close(fd);
	loader_image_free(&img);
	gmem_free(m);
	g_free(path);
}
END_TEST

START_TEST(test_segment_past_eof_zero_filled)
{
	TestBuf b;
	build_image(&b, ET_EXEC, NULL, false);
	ph_of(&b)[1].p_filesz = 0x2800; /* the file ends at 0x1800 */
	char *path = write_file("short", b.data, b.len);
	GuestMem *m = gmem_new(47);
	LoadedImage img;
	load_ok(path, NULL, m, &img);
	uint8_t *data = gmem_g2h(m, EXEC_BASE + 0x1000);
	ck_assert_uint_eq(data[0x7ff], 0xcc);
	for (int i = 0x800; i < 0x3000; i++)
		ck_assert_msg(data[i] == 0, "byte %#x past EOF not zero", i);
	loader_image_free(&img);
	gmem_free(m);
	g_free(path);
}
END_TEST

START_TEST(test_late_failure_unmaps)
{
	char *path = write_image("exec", ET_EXEC, NULL, false);
	GuestMem *m = gmem_new(47);
	LoaderParams p = params_for(path);
	p.stack_size = 0;
	LoadedImage img;
	LoaderError err;
	ck_assert_int_eq(load(path, &p, m, &img, &err), -1);
	ck_assert_int_eq(err.exit_status, 1);
	ck_assert_ptr_nonnull(strstr(err.msg, "stack size"));
	gmem_free(m);
	g_free(path);
}
END_TEST

/* ---- interpreters ---- */

/* Writes prog (with PT_INTERP /lib/ld-test.so) and, when interp_type is nonzero, an
 * interpreter of that type into <tmpdir>/sysroot. Returns the program path. */
static char *make_dynamic(uint16_t interp_type, uint16_t interp_machine)
{
	TestBuf b;
	if (interp_type) {
		build_image(&b, interp_type, NULL, false);
		eh_of(&b)->e_machine = interp_machine;
		g_free(write_file("sysroot/lib/ld-test.so", b.data, b.len));
	}
	return write_image("dynprog", ET_DYN, "/lib/ld-test.so", true);
}

START_TEST(test_interp_via_sysroot)
{
	char *path = make_dynamic(ET_DYN, EM_RISCV);
	char *sysroot = g_build_filename(tmpdir, "sysroot", NULL);
	GuestMem *m = gmem_new(47);
	LoaderParams p = params_for(path);
	p.sysroot = sysroot;
	LoadedImage img;
	load_ok(path, &p, m, &img);
	char *want = g_build_filename(sysroot, "lib/ld-test.so", NULL);
	ck_assert_str_eq(img.interp_path, want);
	ck_assert_uint_ne(img.interp_base, 0);
	ck_assert_uint_eq(img.entry, img.interp_base + TEXT_OFF);
	ck_assert_uint_eq(img.prog_entry, img.load_bias + TEXT_OFF);
	ck_assert(gmem_access_ok(m, img.interp_base, 0x400, PROT_READ | PROT_EXEC));
	check_stack(m, &img);
	loader_image_free(&img);
	gmem_free(m);
	g_free(want);
	g_free(sysroot);
	g_free(path);
}
END_TEST

static void expect_interp_refusal(uint16_t type, uint16_t machine, const char *msg,
				  int status)
{
	char *path = make_dynamic(type, machine);
	char *sysroot = g_build_filename(tmpdir, "sysroot", NULL);
	GuestMem *m = gmem_new(47);
	LoaderParams p = params_for(path);
	p.sysroot = sysroot;
	LoadedImage img;
	LoaderError err;
	ck_assert_int_eq(load(path, &p, m, &img, &err), -1);
	ck_assert_msg(strstr(err.msg, msg), "expected \"%s\", got \"%s\"", msg, err.msg);
	ck_assert_ptr_nonnull(strstr(err.msg, "interpreter /lib/ld-test.so"));
	ck_assert_int_eq(err.exit_status, status);
	gmem_free(m);
	g_free(sysroot);
	g_free(path);
}

START_TEST(test_interp_missing)
{
	expect_interp_refusal(0, 0, "No such file or directory", 127);
}
END_TEST

START_TEST(test_interp_not_shared)
{
	expect_interp_refusal(ET_EXEC, EM_RISCV, "not a shared object", 1);
}
END_TEST

START_TEST(test_interp_wrong_machine)
{
	expect_interp_refusal(ET_DYN, EM_AARCH64, "wrong machine", 1);
}
END_TEST

START_TEST(test_resolve_path)
{
	char *sysroot = g_build_filename(tmpdir, "root", NULL);
	g_free(write_file("root/etc/only-here", "x", 1));
	char *r = loader_resolve_path(sysroot, "/etc/only-here");
	char *want = g_build_filename(sysroot, "etc/only-here", NULL);
	ck_assert_str_eq(r, want);
	g_free(r);
	char *slash = g_strconcat(sysroot, "/", NULL);
	r = loader_resolve_path(slash, "/etc/only-here");
	ck_assert_str_eq(r, want);
	g_free(r);
	r = loader_resolve_path(sysroot, "/etc/not-in-sysroot");
	ck_assert_str_eq(r, "/etc/not-in-sysroot");
	g_free(r);
	r = loader_resolve_path(NULL, "/etc/only-here");
	ck_assert_str_eq(r, "/etc/only-here");
	g_free(r);
	r = loader_resolve_path(sysroot, "relative");
	ck_assert_str_eq(r, "relative");
	g_free(r);
	g_free(slash);
	g_free(want);
	g_free(sysroot);
}
END_TEST

/* ---- 32-bit guests ---- */

/* A riscv32 ET_DYN image: text R-X (file 0..0x400) and data RW- with bss. */
static size_t build_image32(uint8_t *buf)
{
	memset(buf, 0, IMG_SIZE);
	Elf32_Ehdr *eh = (Elf32_Ehdr *)buf;
	Elf32_Phdr *ph = (Elf32_Phdr *)(buf + sizeof *eh);
	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = ELFCLASS32;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_ident[EI_VERSION] = EV_CURRENT;
	eh->e_type = ET_DYN;
	eh->e_machine = EM_RISCV;
	eh->e_version = EV_CURRENT;
	eh->e_entry = TEXT_OFF;
	eh->e_phoff = sizeof *eh;
	eh->e_ehsize = sizeof *eh;
	eh->e_phentsize = sizeof *ph;
	eh->e_phnum = 2;
	ph[0] = (Elf32_Phdr){ PT_LOAD, 0, 0, 0, 0x400, 0x400, PF_R | PF_X, 0x1000 };
	ph[1] = (Elf32_Phdr){ PT_LOAD, 0x1000, 0x1000, 0x1000, 0x20, 0x3000, PF_R | PF_W, 0x1000 };
	memset(buf + 0x1000, 0xab, 0x20);
	memset(buf + 0x1020, 0xcc, IMG_SIZE - 0x1020);
	return IMG_SIZE;
}

static uint32_t rd32(GuestMem *m, uint64_t addr)
{
	uint32_t v = 0;
	ck_assert_int_eq(gmem_read(m, addr, &v, 4), 0);
	return v;
}

START_TEST(test_load_elf32_window)
{
	uint8_t buf[IMG_SIZE];
	char *path = write_file("rv32", buf, build_image32(buf));
	GuestMem *m = gmem_new(32);
	ck_assert_ptr_nonnull(m);
	LoaderArch arch = rv64;
	arch.elf_class = ELFCLASS32;
	arch.platform = NULL;
	LoaderParams p = params_for(path);
	LoadedImage img;
	LoaderError err;
	ck_assert_msg(loader_load(&arch, &p, m, &img, &err) == 0, "%s", err.msg);
	ck_assert_uint_eq(img.load_bias, 0x400000);
	ck_assert_uint_eq(img.entry, 0x400000 + TEXT_OFF);
	ck_assert_uint_eq(img.phent, sizeof(Elf32_Phdr));
	ck_assert_uint_eq(img.phdr, 0x400000 + sizeof(Elf32_Ehdr));
	ck_assert_uint_le(img.stack_top, (uint64_t)1 << 32);
	uint8_t *data = gmem_g2h(m, img.load_bias + 0x1000);
	ck_assert_uint_eq(data[0x1f], 0xab);
	ck_assert_uint_eq(data[0x20], 0);
	/* 4-byte stack words: argc, argv, envp, then 8-byte auxv pairs. */
	ck_assert_uint_eq(img.sp % 16, 0);
	ck_assert_uint_eq(rd32(m, img.sp), 3);
	ck_assert_str_eq(gmem_str(m, rd32(m, img.sp + 4), 64), "prog");
	ck_assert_uint_eq(rd32(m, img.sp + 16), 0);
	ck_assert_str_eq(gmem_str(m, rd32(m, img.sp + 20), 64), "A=1");
	ck_assert_uint_eq(img.auxv_addr, img.sp + 32);
	bool saw_entry = false, saw_platform = false;
	for (uint64_t a = img.auxv_addr; a < img.auxv_addr + img.auxv_len; a += 8) {
		saw_entry |= rd32(m, a) == AT_ENTRY && rd32(m, a + 4) == img.prog_entry;
		saw_platform |= rd32(m, a) == AT_PLATFORM;
	}
	ck_assert(saw_entry);
	ck_assert(!saw_platform);
	ck_assert_uint_eq(rd32(m, img.auxv_addr + img.auxv_len - 8), AT_NULL);
	loader_image_free(&img);
	gmem_free(m);
	g_free(path);
}
END_TEST

/* ---- real riscv64 programs ---- */

static const char *hello_c = "int main(int c, char **v) { return c; }\n";

/* Builds hello with the cross compiler; NULL (and a note) when it is not installed. */
static char *cross_build(const char *flags, const char *out)
{
	if (system("command -v riscv64-linux-gnu-gcc >/dev/null 2>&1") != 0) {
		fprintf(stderr, "riscv64 cross-compiler not installed: real-program test skipped\n");
		return NULL;
	}
	char *src = write_file("hello.c", hello_c, strlen(hello_c));
	char *bin = g_build_filename(tmpdir, out, NULL);
	char *cmd = g_strdup_printf("riscv64-linux-gnu-gcc %s -o '%s' '%s'", flags, bin, src);
	int rc = system(cmd);
	g_free(cmd);
	g_free(src);
	ck_assert_msg(rc == 0, "cross compile failed");
	return bin;
}

static void check_real(const char *bin, const char *sysroot, bool dynamic)
{
	GuestMem *m = gmem_new(47);
	LoaderParams p = params_for(bin);
	p.sysroot = sysroot;
	p.stack_size = 8 << 20;
	LoadedImage img;
	load_ok(bin, &p, m, &img);
	check_stack(m, &img);
	ck_assert(gmem_access_ok(m, img.entry, 4, PROT_EXEC));
	ck_assert(gmem_access_ok(m, img.phdr, img.phnum * 56, PROT_READ));
	/* AT_PHDR must point at a copy of the file's program header table. */
	gchar *file;
	gsize len;
	ck_assert(g_file_get_contents(bin, &file, &len, NULL));
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)file;
	ck_assert_uint_eq(img.phnum, eh->e_phnum);
	ck_assert_uint_eq(img.prog_entry, eh->e_entry + img.load_bias);
	ck_assert_int_eq(memcmp(gmem_g2h(m, img.phdr), file + eh->e_phoff, img.phnum * 56), 0);
	g_free(file);
	ck_assert_uint_eq(img.interp_path != NULL, dynamic);
	ck_assert(img.start_brk > img.end_data);
	loader_image_free(&img);
	gmem_free(m);
}

START_TEST(test_real_static)
{
	char *bin = cross_build("-static -O1", "hello-static");
	if (bin)
		check_real(bin, NULL, false);
	g_free(bin);
}
END_TEST

START_TEST(test_real_dynamic)
{
	const char *sysroot = "/usr/riscv64-linux-gnu";
	char *bin = cross_build("-O1", "hello-dyn");
	if (bin && access("/usr/riscv64-linux-gnu/lib/ld-linux-riscv64-lp64d.so.1", F_OK) == 0)
		check_real(bin, sysroot, true);
	g_free(bin);
}
END_TEST

Suite *elf_loader_suite(void)
{
	Suite *s = suite_create("elf_loader");
	TCase *bad = tcase_create("malformed");
	tcase_add_checked_fixture(bad, setup_dir, teardown_dir);
	tcase_add_loop_test(bad, test_corpus, 0, CORPUS_LEN);
	tcase_add_test(bad, test_corpus_is_large_enough);
	tcase_add_test(bad, test_missing_file);
	tcase_add_test(bad, test_directory);
	tcase_add_test(bad, test_not_regular);
	tcase_add_test(bad, test_permission_denied);
	tcase_add_test(bad, test_host_binary_wrong_machine);
	suite_add_tcase(s, bad);

	TCase *ok = tcase_create("load");
	tcase_add_checked_fixture(ok, setup_dir, teardown_dir);
	tcase_add_test(ok, test_load_exec);
	tcase_add_test(ok, test_load_dyn);
	tcase_add_test(ok, test_load_dyn_base_taken);
	tcase_add_test(ok, test_exec_fd);
	tcase_add_test(ok, test_segment_past_eof_zero_filled);
	tcase_add_test(ok, test_late_failure_unmaps);
	tcase_add_test(ok, test_interp_via_sysroot);
	tcase_add_test(ok, test_interp_missing);
	tcase_add_test(ok, test_interp_not_shared);
	tcase_add_test(ok, test_interp_wrong_machine);
	tcase_add_test(ok, test_resolve_path);
	tcase_add_test(ok, test_load_elf32_window);
	suite_add_tcase(s, ok);

	TCase *real = tcase_create("real");
	tcase_add_checked_fixture(real, setup_dir, teardown_dir);
	tcase_set_timeout(real, 60);
	tcase_add_test(real, test_real_static);
	tcase_add_test(real, test_real_dynamic);
	suite_add_tcase(s, real);
	return s;
}
