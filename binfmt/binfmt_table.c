/*
 * The ELF architectures binfmt_misc rules are commonly registered for, one line each:
 * the runner suffix, ELF class, byte order, e_machine, the family whose members a host
 * runs natively, and whether ferry has a runner. Adding a guest ISA to ferry is one line
 * here (flip ferry_runner) plus its runner in the build. Magic and mask are derived from
 * the line rather than written out, so every rule follows the same convention: the whole
 * identification must match except EI_OSABI (glibc and FreeBSD-branded binaries differ
 * there), and the low bit of e_type is ignored so ET_EXEC (2) and ET_DYN (3) both match.
 * mips n32 binaries share the o32 header and cannot be told apart by a rule, so they
 * have no line of their own.
 */
#include "binfmt/binfmt.h"

#include <elf.h>
#include <string.h>

#ifndef EM_LOONGARCH
#define EM_LOONGARCH 258
#endif
#define EM_MICROBLAZE_EARLY 0xbaab /* what old microblaze toolchains still emit */
#define EM_486              6      /* i486-only binaries of old toolchains */

#define LE  ELFDATA2LSB
#define BE  ELFDATA2MSB
#define C32 ELFCLASS32
#define C64 ELFCLASS64

const BinfmtIsa binfmt_isas[] = {
    {"aarch64", C64, LE, EM_AARCH64, "arm", true},
    {"aarch64_be", C64, BE, EM_AARCH64, "arm", false},
    {"alpha", C64, LE, EM_ALPHA, "alpha", false},
    {"arm", C32, LE, EM_ARM, "arm", false},
    {"armeb", C32, BE, EM_ARM, "arm", false},
    {"hexagon", C32, LE, EM_QDSP6, "hexagon", false},
    {"hppa", C32, BE, EM_PARISC, "hppa", false},
    {"i386", C32, LE, EM_386, "x86", false},
    {"i486", C32, LE, EM_486, "x86", false},
    {"loongarch64", C64, LE, EM_LOONGARCH, "loongarch", false},
    {"m68k", C32, BE, EM_68K, "m68k", false},
    {"microblaze", C32, BE, EM_MICROBLAZE_EARLY, "microblaze", false},
    {"microblazeel", C32, LE, EM_MICROBLAZE_EARLY, "microblaze", false},
    {"mips", C32, BE, EM_MIPS, "mips", false},
    {"mipsel", C32, LE, EM_MIPS, "mips", false},
    {"mips64", C64, BE, EM_MIPS, "mips", false},
    {"mips64el", C64, LE, EM_MIPS, "mips", false},
    {"or1k", C32, BE, EM_OPENRISC, "or1k", false},
    {"ppc", C32, BE, EM_PPC, "ppc", false},
    {"ppc64", C64, BE, EM_PPC64, "ppc", false},
    {"ppc64le", C64, LE, EM_PPC64, "ppc", false},
    {"riscv32", C32, LE, EM_RISCV, "riscv", false},
    {"riscv64", C64, LE, EM_RISCV, "riscv", true},
    {"s390x", C64, BE, EM_S390, "s390", false},
    {"sh4", C32, LE, EM_SH, "sh4", false},
    {"sh4eb", C32, BE, EM_SH, "sh4", false},
    {"sparc", C32, BE, EM_SPARC, "sparc", false},
    {"sparc32plus", C32, BE, EM_SPARC32PLUS, "sparc", false},
    {"sparc64", C64, BE, EM_SPARCV9, "sparc", false},
    {"x86_64", C64, LE, EM_X86_64, "x86", false},
    {"xtensa", C32, LE, EM_XTENSA, "xtensa", false},
    {"xtensaeb", C32, BE, EM_XTENSA, "xtensa", false},
};
const size_t binfmt_n_isas = sizeof binfmt_isas / sizeof binfmt_isas[0];

/* The family of the machine ferry itself is built for. */
#if defined(__x86_64__) || defined(__i386__)
#define HOST_FAMILY "x86"
#elif defined(__aarch64__) || defined(__arm__)
#define HOST_FAMILY "arm"
#else
#define HOST_FAMILY ""
#endif

const BinfmtIsa *binfmt_isa_find(const char *name)
{
	for (size_t i = 0; i < binfmt_n_isas; i++)
		if (strcmp(binfmt_isas[i].name, name) == 0)
			return &binfmt_isas[i];
	return NULL;
}

bool binfmt_isa_is_native(const BinfmtIsa *isa)
{
	return strcmp(isa->family, HOST_FAMILY) == 0;
}

/* Stores a 16-bit header field in the ISA's byte order. */
static void put16(uint8_t *p, uint8_t data, uint16_t v)
{
	p[data == ELFDATA2MSB ? 0 : 1] = v >> 8;
	p[data == ELFDATA2MSB ? 1 : 0] = v & 0xff;
}

void binfmt_isa_match(const BinfmtIsa *isa, BinfmtMatch *m)
{
	memset(m, 0, sizeof *m);
	m->len = BINFMT_ELF_MAGIC_LEN;
	memcpy(m->magic, ELFMAG, SELFMAG);
	m->magic[EI_CLASS] = isa->elf_class;
	m->magic[EI_DATA] = isa->elf_data;
	m->magic[EI_VERSION] = EV_CURRENT;
	put16(m->magic + 16, isa->elf_data, ET_EXEC);
	put16(m->magic + 18, isa->elf_data, isa->machine);
	memset(m->mask, 0xff, m->len);
	m->mask[EI_OSABI] = 0;
	/* the low-order byte of e_type is the first byte little-endian, the second big */
	m->mask[isa->elf_data == ELFDATA2MSB ? 17 : 16] = 0xfe;
}

bool binfmt_match_header(const BinfmtMatch *m, const uint8_t *header, size_t len)
{
	if (m->offset > len || m->len > len - m->offset)
		return false;
	for (size_t i = 0; i < m->len; i++)
		if ((header[m->offset + i] & m->mask[i]) != (m->magic[i] & m->mask[i]))
			return false;
	return true;
}

const BinfmtIsa *binfmt_isa_for_header(const uint8_t *header, size_t len)
{
	BinfmtMatch m;
	for (size_t i = 0; i < binfmt_n_isas; i++) {
		binfmt_isa_match(&binfmt_isas[i], &m);
		if (binfmt_match_header(&m, header, len))
			return &binfmt_isas[i];
	}
	return NULL;
}

bool binfmt_match_claims_isa(const BinfmtMatch *m, const BinfmtIsa *isa)
{
	static const uint16_t types[] = {ET_EXEC, ET_DYN};
	uint8_t header[BINFMT_MAX_MAGIC] = {0};
	BinfmtMatch own;
	binfmt_isa_match(isa, &own);
	memcpy(header, own.magic, own.len);
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
		put16(header + 16, isa->elf_data, types[i]);
		if (binfmt_match_header(m, header, sizeof header))
			return true;
	}
	return false;
}

void binfmt_isa_list(FILE *out, bool with_runner)
{
	const char *sep = "";
	for (size_t i = 0; i < binfmt_n_isas; i++) {
		if (with_runner && !binfmt_isas[i].ferry_runner)
			continue;
		fprintf(out, "%s%s", sep, binfmt_isas[i].name);
		sep = " ";
	}
}
