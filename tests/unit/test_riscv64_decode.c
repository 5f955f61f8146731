/*
 * Unit tests for the riscv64 decoder, compressed expansion, disassembler and block
 * translator, and short programs run through the engine's interpreter for the semantics
 * that are easy to get wrong (division corner cases, W forms, AMOs, LR/SC, CSRs,
 * compressed control flow). Expected disassembly is what `riscv64-linux-gnu-objdump -d -M no-aliases`
 * (binutils 2.40) prints for the same words, with branch targets written as absolute
 * 0x addresses; expected expansions are the words binutils assembles for the 32-bit
 * equivalents. Translation tests run the translator over an in-memory code buffer and
 * check the IR with ir_verify and the block's shape. Program words were assembled with
 * riscv64-linux-gnu-as; each array's comment gives the source.
 */
#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "frontends/riscv64/decode.h"
#include "frontends/riscv64/rv_cpu.h"
#include "jit/engine.h"
#include "tests/unit/suites.h"

typedef struct DisasCase {
	uint32_t word;
	uint64_t pc;
	const char *text;
} DisasCase;

static const DisasCase disas32_cases[] = {
	{0x00500513, 0, "addi\ta0,zero,5"},
	{0x80058513, 0, "addi\ta0,a1,-2048"},
	{0x7ff50513, 0, "addi\ta0,a0,2047"},
	{0xfff33293, 0, "sltiu\tt0,t1,-1"},
	{0x00351513, 0, "slli\ta0,a0,0x3"},
	{0x43f65593, 0, "srai\ta1,a2,0x3f"},
	{0x41f6559b, 0, "sraiw\ta1,a2,0x1f"},
	{0x01f5d51b, 0, "srliw\ta0,a1,0x1f"},
	{0x12345537, 0, "lui\ta0,0x12345"},
	{0x80000537, 0, "lui\ta0,0x80000"},
	{0xfffff297, 0x18, "auipc\tt0,0xfffff"},
	{0xfe5ff0ef, 0x1c, "jal\tra,0x0"},
	{0x800000ef, 0x8, "jal\tra,0xfffffffffff00008"},
	{0x7ffff0ef, 0xc, "jal\tra,0x10000a"},
	{0x008500e7, 0, "jalr\tra,8(a0)"},
	{0x00008067, 0, "jalr\tzero,0(ra)"},
	{0xfcb50ce3, 0x28, "beq\ta0,a1,0x0"},
	{0xfdbffae3, 0x2c, "bgeu\tt6,s11,0x0"},
	{0x80b50063, 0, "beq\ta0,a1,0xfffffffffffff000"},
	{0x7eb51fe3, 4, "bne\ta0,a1,0x1002"},
	{0xff813503, 0, "ld\ta0,-8(sp)"},
	{0x8005a503, 0, "lw\ta0,-2048(a1)"},
	{0x7eb43fa3, 0, "sd\ta1,2047(s0)"},
	{0xfe530fa3, 0, "sb\tt0,-1(t1)"},
	{0x00359573, 0, "csrrw\ta0,fcsr,a1"},
	{0xc0102573, 0, "csrrs\ta0,time,zero"},
	{0x0022d573, 0, "csrrwi\ta0,frm,5"},
	{0x7c002573, 0, "csrrs\ta0,0x7c0,zero"},
	{0xc005b573, 0, "csrrc\ta0,cycle,a1"},
	{0x001ff073, 0, "csrrci\tzero,fflags,31"},
	{0xc0206573, 0, "csrrsi\ta0,instret,0"},
	{0x0330000f, 0, "fence\trw,rw"},
	{0x0ff0000f, 0, "fence\tiorw,iorw"},
	{0x8330000f, 0, "fence.tso"},
	{0x0000100f, 0, "fence.i"},
	{0x00000073, 0, "ecall"},
	{0x00100073, 0, "ebreak"},
	{0x1005a52f, 0, "lr.w\ta0,(a1)"},
	{0x1605b52f, 0, "lr.d.aqrl\ta0,(a1)"},
	{0x1ac5b52f, 0, "sc.d.rl\ta0,a2,(a1)"},
	{0x18b6252f, 0, "sc.w\ta0,a1,(a2)"},
	{0x04b6252f, 0, "amoadd.w.aq\ta0,a1,(a2)"},
	{0x0ab6252f, 0, "amoswap.w.rl\ta0,a1,(a2)"},
	{0xc4b6352f, 0, "amominu.d.aq\ta0,a1,(a2)"},
	{0xe0b6352f, 0, "amomaxu.d\ta0,a1,(a2)"},
	{0x02c5a533, 0, "mulhsu\ta0,a1,a2"},
	{0x02c5f53b, 0, "remuw\ta0,a1,a2"},
	{0x00000000, 0, ".word\t0x00000000"},
	{0xffffffff, 0, ".word\t0xffffffff"},
};

START_TEST(test_disas32)
{
	const DisasCase *c = &disas32_cases[_i];
	char buf[128];
	rv_disas_insn(c->word, 4, c->pc, buf, sizeof buf);
	ck_assert_msg(!strcmp(buf, c->text), "0x%08x: got \"%s\", want \"%s\"", c->word, buf,
		      c->text);
}
END_TEST

typedef struct FieldCase {
	uint32_t word;
	const char *mnemonic;
	uint8_t rd, rs1, rs2;
	int64_t imm;
} FieldCase;

/* Immediate extraction at the edges of every format's range. */
static const FieldCase field_cases[] = {
	{0x80058513, "addi", 10, 11, 0, -2048},
	{0x7ff50513, "addi", 10, 10, 31, 2047},
	{0xfe530fa3, "sb", 31, 6, 5, -1},
	{0x7eb43fa3, "sd", 31, 8, 11, 2047},
	{0x80b50063, "beq", 0, 10, 11, -4096},
	{0x7eb51fe3, "bne", 31, 10, 11, 4094},
	{0x800000ef, "jal", 1, 0, 0, -1048576},
	{0x7ffff0ef, "jal", 1, 31, 31, 1048574},
	{0x80000537, "lui", 10, 0, 0, -2147483648LL},
	{0xfffff297, "auipc", 5, 31, 31, -4096},
	{0x43f65593, "srai", 11, 12, 31, 63},
	{0x001ff073, "csrrci", 0, 31, 1, 31},
	{0x1605b52f, "lr.d", 10, 11, 0, 3},
};

START_TEST(test_fields)
{
	const FieldCase *c = &field_cases[_i];
	RvInsn in;
	const RvPattern *p = rv_decode32(c->word, &in);
	ck_assert_ptr_nonnull(p);
	ck_assert_str_eq(p->mnemonic, c->mnemonic);
	ck_assert_ptr_eq(in.pat, p);
	ck_assert_uint_eq(in.raw, c->word);
	ck_assert_uint_eq(in.rd, c->rd);
	ck_assert_uint_eq(in.rs1, c->rs1);
	ck_assert_uint_eq(in.rs2, c->rs2);
	ck_assert_int_eq(in.imm, c->imm);
}
END_TEST

/* Words that must not decode: reserved or belonging to absent extensions. */
static const uint32_t undecodable32[] = {
	0x00000000, 0xffffffff,
	0x0200101b, /* slliw with shamt[5] set */
	0x4000101b, /* slliw with funct7 0100000 */
	0x00001033 | 0x40000000, /* sll with funct7 0100000 */
	0x1015a52f, /* lr.w with rs2 != 0 */
	0x0000402f, /* AMO with funct3 100 */
	0x00200073, /* uret-like system encodings */
	0x10600073, /* SYSTEM funct12 0x106: nothing (wfi decodes; user mode rejects it) */
	0x0000000b, /* custom-0 */
	0x0000201f, /* 48-bit prefix in bits 6:0 */
};

START_TEST(test_undecodable32)
{
	RvInsn in;
	ck_assert_msg(rv_decode32(undecodable32[_i], &in) == NULL, "0x%08x decoded",
		      undecodable32[_i]);
}
END_TEST

typedef struct RvcCase {
	uint16_t half;
	uint32_t word;
	const char *text;
} RvcCase;

/* Every compressed form, with binutils' 32-bit equivalent and its disassembly. */
static const RvcCase rvc_cases[] = {
	{0x1fe8, 0x3fc10513, "addi\ta0,sp,1020"},   /* c.addi4spn */
	{0x0044, 0x00410493, "addi\ts1,sp,4"},
	{0x3ffc, 0x0f87b787, NULL},                 /* c.fld fa5,248(a5) */
	{0x5de8, 0x07c5a503, "lw\ta0,124(a1)"},     /* c.lw */
	{0x40c0, 0x0044a403, "lw\ts0,4(s1)"},
	{0x7de8, 0x0f85b503, "ld\ta0,248(a1)"},     /* c.ld */
	{0xa500, 0x00853427, NULL},                 /* c.fsd fs0,8(a0) */
	{0xc33c, 0x04f72023, "sw\ta5,64(a4)"},      /* c.sw */
	{0xe450, 0x08c43423, "sd\ta2,136(s0)"},     /* c.sd */
	{0x0001, 0x00000013, "addi\tzero,zero,0"},  /* c.nop */
	{0x1501, 0xfe050513, "addi\ta0,a0,-32"},    /* c.addi */
	{0x0ffd, 0x01ff8f93, "addi\tt6,t6,31"},
	{0x357d, 0xfff5051b, "addiw\ta0,a0,-1"},    /* c.addiw */
	{0x5781, 0xfe000793, "addi\ta5,zero,-32"},  /* c.li */
	{0x40c5, 0x01100093, "addi\tra,zero,17"},
	{0x7101, 0xe0010113, "addi\tsp,sp,-512"},   /* c.addi16sp */
	{0x617d, 0x1f010113, "addi\tsp,sp,496"},
	{0x6505, 0x00001537, "lui\ta0,0x1"},        /* c.lui */
	{0x7d81, 0xfffe0db7, "lui\ts11,0xfffe0"},
	{0x62fd, 0x0001f2b7, "lui\tt0,0x1f"},
	{0x917d, 0x03f55513, "srli\ta0,a0,0x3f"},   /* c.srli */
	{0x8485, 0x4014d493, "srai\ts1,s1,0x1"},    /* c.srai */
	{0x9afd, 0xfff6f693, "andi\ta3,a3,-1"},     /* c.andi */
	{0x8d0d, 0x40b50533, "sub\ta0,a0,a1"},      /* c.sub */
	{0x8c3d, 0x00f44433, "xor\ts0,s0,a5"},      /* c.xor */
	{0x8f51, 0x00c76733, "or\ta4,a4,a2"},       /* c.or */
	{0x8ce1, 0x0084f4b3, "and\ts1,s1,s0"},      /* c.and */
	{0x9d1d, 0x40f5053b, "subw\ta0,a0,a5"},     /* c.subw */
	{0x9db1, 0x00c585bb, "addw\ta1,a1,a2"},     /* c.addw */
	{0xb001, 0x801ff06f, "jal\tzero,0xfffffffffffff800"}, /* c.j .-2048 */
	{0xaffd, 0x7fe0006f, "jal\tzero,0x7fe"},    /* c.j .+2046 */
	{0xa02d, 0x02a0006f, "jal\tzero,0x2a"},
	{0xd101, 0xf00500e3, "beq\ta0,zero,0xffffffffffffff00"}, /* c.beqz .-256 */
	{0xecfd, 0x0e049f63, "bne\ts1,zero,0xfe"},  /* c.bnez .+254 */
	{0xc39d, 0x02078363, "beq\ta5,zero,0x26"},
	{0x1502, 0x02051513, "slli\ta0,a0,0x20"},   /* c.slli */
	{0x3dfe, 0x1f813d87, NULL},                 /* c.fldsp fs11,504(sp) */
	{0x557e, 0x0fc12503, "lw\ta0,252(sp)"},     /* c.lwsp */
	{0x70fe, 0x1f813083, "ld\tra,504(sp)"},     /* c.ldsp */
	{0x8082, 0x00008067, "jalr\tzero,0(ra)"},   /* c.jr */
	{0x852e, 0x00b00533, "add\ta0,zero,a1"},    /* c.mv */
	{0x9002, 0x00100073, "ebreak"},             /* c.ebreak */
	{0x9282, 0x000280e7, "jalr\tra,0(t0)"},     /* c.jalr */
	{0x952e, 0x00b50533, "add\ta0,a0,a1"},      /* c.add */
	{0xbfa2, 0x1e813c27, NULL},                 /* c.fsdsp fs0,504(sp) */
	{0xdfaa, 0x0ea12e23, "sw\ta0,252(sp)"},     /* c.swsp */
	{0xe406, 0x00113423, "sd\tra,8(sp)"},       /* c.sdsp */
};

START_TEST(test_rvc_expand)
{
	const RvcCase *c = &rvc_cases[_i];
	uint32_t word = 0;
	ck_assert_msg(rv_expand16(c->half, &word), "0x%04x rejected", c->half);
	ck_assert_msg(word == c->word, "0x%04x: got 0x%08x, want 0x%08x", c->half, word,
		      c->word);
	if (c->text) {
		char buf[128];
		rv_disas_insn(c->half, 2, 0, buf, sizeof buf);
		ck_assert_str_eq(buf, c->text);
	}
}
END_TEST

/* Reserved and illegal compressed encodings. */
static const uint16_t rvc_reserved[] = {
	0x0000, /* all zero: c.addi4spn with nzuimm 0 */
	0x0010, /* c.addi4spn a2,sp,0 */
	0x8000, /* quadrant 0 funct3 100 */
	0x2001, /* c.addiw with rd = x0 */
	0x6101, /* c.addi16sp with nzimm 0 */
	0x6501, /* c.lui a0,0 */
	0x6001, /* c.lui x0,0 */
	0x9c41, /* reserved c.subw neighbour */
	0x9c61, /* reserved c.addw neighbour */
	0x4002, /* c.lwsp with rd = x0 */
	0x6002, /* c.ldsp with rd = x0 */
	0x8002, /* c.jr with rs1 = x0 */
};

START_TEST(test_rvc_reserved)
{
	uint32_t word;
	ck_assert_msg(!rv_expand16(rvc_reserved[_i], &word), "0x%04x accepted",
		      rvc_reserved[_i]);
}
END_TEST

/* HINT encodings are legal and execute as no-ops of their base instruction. */
START_TEST(test_rvc_hints)
{
	uint32_t word;
	ck_assert(rv_expand16(0x0005, &word)); /* c.addi x0,1 */
	ck_assert_uint_eq(word, 0x00100013);
	ck_assert(rv_expand16(0x6005, &word)); /* c.lui x0,1 */
	ck_assert_uint_eq(word, 0x00001037);
	ck_assert(rv_expand16(0x4005, &word)); /* c.li x0,1 */
	ck_assert_uint_eq(word, 0x00100013);
}
END_TEST

/* An in-memory code buffer at guest address `base`; reads outside it fail. */
typedef struct CodeBuf {
	uint64_t base;
	const uint8_t *bytes;
	size_t len;
} CodeBuf;

static int code_read(void *opaque, uint64_t pc, void *buf, size_t len)
{
	const CodeBuf *c = opaque;
	if (pc < c->base || pc - c->base > c->len || c->len - (pc - c->base) < len)
		return -EFAULT;
	memcpy(buf, c->bytes + (pc - c->base), len);
	return 0;
}

#define CODE_BASE 0x10000u

/* Translates the block at CODE_BASE + offset of `bytes` and checks it verifies. */
static void translate_bytes(IrBlock *b, const void *bytes, size_t len, uint64_t offset)
{
	CodeBuf code = {CODE_BASE, bytes, len};
	GuestFetch fetch = {code_read, &code};
	char err[256];
	ir_block_init(b, CODE_BASE + offset);
	riscv64_arch.translate(b, &fetch, CODE_BASE + offset);
	ck_assert_msg(ir_verify(b, err, sizeof err), "IR does not verify: %s", err);
}

static unsigned count_op(const IrBlock *b, IrOp op)
{
	unsigned n = 0;
	for (uint32_t i = 0; i < b->n_insns; i++)
		n += b->insns[i].op == op;
	return n;
}

static const IrInsn *last_insn(const IrBlock *b)
{
	ck_assert_uint_gt(b->n_insns, 0);
	return &b->insns[b->n_insns - 1];
}

/* One block per representative word (followed by ecall): each must verify. */
static const uint32_t translate_words[] = {
	0x00500513, 0x80058513, 0xfff33293, 0x00351513, 0x43f65593, 0x41f6559b,
	0x01f5d51b, 0x12345537, 0xfffff297, 0xfe5ff0ef, 0x008500e7, 0x00a50533,
	0xfcb50ce3, 0xfdbffae3, 0xff813503, 0x8005a503, 0x0005c503, 0x0005e503,
	0x7eb43fa3, 0xfe530fa3, 0x00359573, 0xc0102573, 0x0022d573, 0xc0206573,
	0x00159073, 0x0025a573, 0x0015b573, 0x001ff073, 0x0330000f, 0x8330000f,
	0x0000100f, 0x00100073, 0x1005a52f, 0x1605b52f, 0x1ac5b52f, 0x18b6252f,
	0x04b6252f, 0x0ab6252f, 0xc4b6352f, 0xe0b6352f, 0x02c5a533, 0x02c5f53b,
	0x02c5c533, 0x02c5d533, 0x02c5e533, 0x02c5c53b, 0x02c5d53b, 0x02c5e53b,
	0x02c5853b, 0x02c59533, 0x02c5b533, 0x02c58533, 0x40c5553b, 0x00c5953b,
	0x00c5d53b, 0x40c5853b, 0x00c5a533, 0x00c5b533, 0x4005d513, 0x0015059b,
};

START_TEST(test_translate_word)
{
	uint32_t code[2] = {translate_words[_i], 0x00000073};
	IrBlock b;
	translate_bytes(&b, code, sizeof code, 0);
	ck_assert_uint_ge(b.guest_insns, 1);
	const IrInsn *last = last_insn(&b);
	ck_assert_msg(!(last->op == IR_EXIT && last->aux == CPU_EXIT_ILLEGAL),
		      "0x%08x translated as illegal", translate_words[_i]);
	ir_block_free(&b);
}
END_TEST

START_TEST(test_translate_block_shape)
{
	/* addi a0,zero,5; c.addi a0,1; add a1,a0,a0; beq a0,a1,.-10 */
	const uint8_t code[] = {0x13, 0x05, 0x50, 0x00, 0x05, 0x05, 0xb3, 0x05, 0xa5,
				0x00, 0xe3, 0x0b, 0xb5, 0xfe};
	IrBlock b;
	translate_bytes(&b, code, sizeof code, 0);
	ck_assert_uint_eq(b.guest_insns, 4);
	ck_assert_uint_eq(b.guest_size, 14);
	ck_assert_uint_eq(count_op(&b, IR_INSN_START), 4);
	ck_assert_uint_eq(count_op(&b, IR_GOTO_BLOCK), 2);
	ck_assert_uint_eq(count_op(&b, IR_BR), 1);
	const IrInsn *last = last_insn(&b);
	ck_assert_uint_eq(last->op, IR_GOTO_BLOCK);
	ck_assert_uint_eq(last->imm, CODE_BASE + 10 - 10);
	ir_block_free(&b);
}
END_TEST

START_TEST(test_translate_illegal)
{
	/* addi a0,zero,5; csrrw zero,time,a1 (write to a read-only CSR) */
	uint32_t code[] = {0x00500513, 0xc0159073, 0x00000073};
	IrBlock b;
	translate_bytes(&b, code, sizeof code, 0);
	const IrInsn *last = last_insn(&b);
	ck_assert_uint_eq(last->op, IR_EXIT);
	ck_assert_uint_eq(last->aux, CPU_EXIT_ILLEGAL);
	ck_assert_uint_eq(last->imm, CODE_BASE + 4);
	ck_assert_uint_eq(b.guest_insns, 2);
	ck_assert_uint_eq(count_op(&b, IR_PUT), 1); /* only addi's write survives */
	ir_block_free(&b);

	uint16_t zero[2] = {0, 0};
	translate_bytes(&b, zero, sizeof zero, 0);
	ck_assert_uint_eq(last_insn(&b)->aux, CPU_EXIT_ILLEGAL);
	ck_assert_uint_eq(last_insn(&b)->imm, CODE_BASE);
	ir_block_free(&b);
}
END_TEST

START_TEST(test_translate_fetch_faults)
{
	uint32_t code[] = {0x00a50533, 0x00a50533};
	IrBlock b;
	/* nothing readable at pc */
	translate_bytes(&b, code, sizeof code, 8);
	ck_assert_uint_eq(last_insn(&b)->op, IR_EXIT);
	ck_assert_uint_eq(last_insn(&b)->aux, CPU_EXIT_FETCH_FAULT);
	ck_assert_uint_eq(last_insn(&b)->imm, CODE_BASE + 8);
	ck_assert_uint_eq(b.guest_insns, 0);
	ir_block_free(&b);
	/* a 32-bit instruction whose second half is unreadable */
	translate_bytes(&b, code, 6, 4);
	ck_assert_uint_eq(last_insn(&b)->aux, CPU_EXIT_FETCH_FAULT);
	ir_block_free(&b);
	/* a fault after two instructions ends the block with a goto to the faulting pc */
	translate_bytes(&b, code, sizeof code, 0);
	ck_assert_uint_eq(b.guest_insns, 2);
	ck_assert_uint_eq(last_insn(&b)->op, IR_GOTO_BLOCK);
	ck_assert_uint_eq(last_insn(&b)->imm, CODE_BASE + 8);
	ir_block_free(&b);
}
END_TEST

START_TEST(test_translate_max_insns)
{
	uint16_t nops[200];
	for (unsigned i = 0; i < 200; i++)
		nops[i] = 0x0001;
	IrBlock b;
	translate_bytes(&b, nops, sizeof nops, 0);
	ck_assert_uint_eq(b.guest_insns, riscv64_arch.max_block_insns);
	ck_assert_uint_eq(last_insn(&b)->op, IR_GOTO_BLOCK);
	ck_assert_uint_eq(last_insn(&b)->imm, CODE_BASE + 2 * riscv64_arch.max_block_insns);
	ir_block_free(&b);
}
END_TEST

START_TEST(test_translate_exits)
{
	static const struct {
		uint32_t word;
		IrOp op;
		unsigned aux;
		uint64_t imm;
	} cases[] = {
		{0x00000073, IR_EXIT, CPU_EXIT_SYSCALL, CODE_BASE + 4},
		{0x00100073, IR_EXIT, CPU_EXIT_BREAKPOINT, CODE_BASE},
		{0x0000100f, IR_EXIT, CPU_EXIT_SYNC_CODE, CODE_BASE + 4},
		{0x008500e7, IR_LOOKUP_JUMP, 0, 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		IrBlock b;
		translate_bytes(&b, &cases[i].word, 4, 0);
		const IrInsn *last = last_insn(&b);
		ck_assert_uint_eq(last->op, cases[i].op);
		ck_assert_uint_eq(last->aux, cases[i].aux);
		if (cases[i].op != IR_LOOKUP_JUMP)
			ck_assert_uint_eq(last->imm, cases[i].imm);
		ck_assert_uint_eq(b.guest_insns, 1);
		ir_block_free(&b);
	}
}
END_TEST

START_TEST(test_translate_amo_alignment)
{
	uint32_t code[] = {0x04b6252f}; /* amoadd.w.aq a0,a1,(a2) */
	IrBlock b;
	translate_bytes(&b, code, sizeof code, 0);
	bool misaligned_exit = false;
	for (uint32_t i = 0; i < b.n_insns; i++)
		misaligned_exit |= b.insns[i].op == IR_EXIT && b.insns[i].aux == CPU_EXIT_MISALIGNED;
	ck_assert(misaligned_exit);
	ck_assert_uint_eq(count_op(&b, IR_CALL), 1);
	ir_block_free(&b);
}
END_TEST

/* Runs code (at its own host address, guest_base 0) from its start until an exit. */
static CpuExit run_code(RiscvCpu *cpu, const void *code, size_t len)
{
	CodeBuf buf = {(uint64_t)(uintptr_t)code, code, len};
	GuestFetch fetch = {code_read, &buf};
	Engine *e = engine_new(&riscv64_arch, ENGINE_INTERP, &fetch);
	ck_assert_ptr_nonnull(e);
	cpu->common.guest_base = 0;
	cpu->common.pc = buf.base;
	CpuExit why = engine_run(e, &cpu->common);
	engine_free(e);
	return why;
}

static RiscvCpu *new_cpu(void)
{
	RiscvCpu *cpu = calloc(1, sizeof *cpu);
	ck_assert_ptr_nonnull(cpu);
	cpu->res_addr = RV_NO_RESERVATION;
	return cpu;
}

enum { ZERO, RA, SP, GP, TP, T0, T1, T2, S0, S1, A0, A1, A2, A3, A4, A5, A6, A7,
       S2, S3, S4, S5, S6, S7, S8, S9, S10, S11, T3, T4, T5, T6 };

START_TEST(test_exec_muldiv)
{
	/* addi a0,zero,-7; div a2,a0,zero; divu a3,a0,zero; rem a4,a0,zero;
	 * remu a5,a0,zero; lui a6,0x80000; addi a7,zero,-1; divw s2,a6,a7; remw s3,a6,a7;
	 * divuw s4,a0,zero; mulh s5,a0,a0; mulhu s6,a0,a0; mulhsu s7,a0,a0;
	 * mulw s8,a0,a0; addi t0,zero,36; srlw s10,a0,t0; sraw s11,a0,t0; sllw t1,a0,t0;
	 * sltiu t2,a0,-1; slti t3,a0,-6; sub t4,zero,a0; ecall */
	static const uint32_t code[] = {
		0xff900513, 0x02054633, 0x020556b3, 0x02056733, 0x020577b3, 0x80000837,
		0xfff00893, 0x0318493b, 0x031869bb, 0x02055a3b, 0x02a51ab3, 0x02a53b33,
		0x02a52bb3, 0x02a50c3b, 0x02400293, 0x00555d3b, 0x40555dbb, 0x0055133b,
		0xfff53393, 0xffa52e13, 0x40a00eb3, 0x00000073};
	static const struct {
		unsigned reg;
		uint64_t value;
	} want[] = {
		{A2, UINT64_MAX}, {A3, UINT64_MAX}, {A4, (uint64_t)-7}, {A5, (uint64_t)-7},
		{A6, 0xffffffff80000000}, {S2, 0xffffffff80000000}, {S3, 0},
		{S4, UINT64_MAX}, {S5, 0}, {S6, 0xfffffffffffffff2}, {S7, 0xfffffffffffffff9},
		{S8, 49}, {S10, 0x0fffffff}, {S11, UINT64_MAX}, {T1, 0xffffffffffffff90},
		{T2, 1}, {T3, 1}, {T4, 7}, {ZERO, 0},
	};
	RiscvCpu *cpu = new_cpu();
	ck_assert_int_eq(run_code(cpu, code, sizeof code), CPU_EXIT_SYSCALL);
	ck_assert_uint_eq(cpu->common.pc, (uintptr_t)code + sizeof code);
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		ck_assert_msg(cpu->x[want[i].reg] == want[i].value, "x%u = 0x%llx, want 0x%llx",
			      want[i].reg, (unsigned long long)cpu->x[want[i].reg],
			      (unsigned long long)want[i].value);
	free(cpu);
}
END_TEST

START_TEST(test_exec_atomics)
{
	/* addi a1,zero,5; amoadd.w a2,a1,(a0); lw a3,0(a0); amomaxu.w a4,a1,(a0);
	 * amomin.w a5,a1,(a0); lr.w t0,(a0); addi t0,t0,1; sc.w t1,t0,(a0);
	 * sc.w t2,t0,(a0); lr.d t3,(s0); sd a1,0(s0); sc.d t4,t3,(s0); lr.d t5,(s0);
	 * sc.d t6,a0,(s0); amoswap.d s1,a1,(s0); ecall */
	static const uint32_t code[] = {
		0x00500593, 0x00b5262f, 0x00052683, 0xe0b5272f, 0x80b527af, 0x100522af,
		0x00128293, 0x1855232f, 0x185523af, 0x10043e2f, 0x00b43023, 0x19c43eaf,
		0x10043f2f, 0x18a43faf, 0x08b434af, 0x00000073};
	static uint64_t data[2];
	uint32_t *word = (uint32_t *)&data[0];
	*word = 0x7fffffff;
	data[1] = 0x1122334455667788;
	RiscvCpu *cpu = new_cpu();
	cpu->x[A0] = (uintptr_t)word;
	cpu->x[S0] = (uintptr_t)&data[1];
	ck_assert_int_eq(run_code(cpu, code, sizeof code), CPU_EXIT_SYSCALL);
	ck_assert_uint_eq(cpu->x[A2], 0x7fffffff);
	ck_assert_uint_eq(cpu->x[A3], 0xffffffff80000004);
	ck_assert_uint_eq(cpu->x[A4], 0xffffffff80000004);
	ck_assert_uint_eq(cpu->x[A5], 0xffffffff80000004);
	ck_assert_uint_eq(cpu->x[T1], 0); /* sc.w after lr.w succeeds */
	ck_assert_uint_eq(cpu->x[T2], 1); /* a second sc.w has no reservation */
	ck_assert_uint_eq(cpu->x[T3], 0x1122334455667788);
	ck_assert_uint_eq(cpu->x[T4], 1); /* the reserved value was overwritten */
	ck_assert_uint_eq(cpu->x[T5], 5);
	ck_assert_uint_eq(cpu->x[T6], 0);
	ck_assert_uint_eq(cpu->x[S1], (uintptr_t)word);
	ck_assert_uint_eq(*word, 0x80000005);
	ck_assert_uint_eq(data[1], 5);
	ck_assert_uint_eq(cpu->res_addr, RV_NO_RESERVATION);
	free(cpu);
}
END_TEST

START_TEST(test_exec_misaligned_amo)
{
	/* addi a1,zero,1; amoadd.w a2,a1,(a0); ecall */
	static const uint32_t code[] = {0x00100593, 0x00b5262f, 0x00000073};
	static uint64_t data[2];
	RiscvCpu *cpu = new_cpu();
	cpu->x[A0] = (uintptr_t)data + 2;
	cpu->x[A2] = 42;
	ck_assert_int_eq(run_code(cpu, code, sizeof code), CPU_EXIT_MISALIGNED);
	ck_assert_uint_eq(cpu->common.pc, (uintptr_t)&code[1]);
	ck_assert_uint_eq(cpu->common.fault_addr, (uintptr_t)data + 2);
	ck_assert_uint_eq(cpu->x[A1], 1);
	ck_assert_uint_eq(cpu->x[A2], 42);
	ck_assert_uint_eq(data[0], 0);
	free(cpu);
}
END_TEST

static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

START_TEST(test_exec_csrs)
{
	/* csrrwi zero,frm,3; csrrsi zero,fflags,5; csrrs a0,fcsr,zero; csrrw a1,fcsr,a2;
	 * csrrs a3,frm,zero; csrrs a4,fflags,zero; csrrci zero,fflags,1;
	 * csrrs s2,fflags,zero; csrrs a5,time,zero; csrrs a6,time,zero;
	 * csrrs a7,cycle,zero; csrrw zero,cycle,zero (illegal) */
	static const uint32_t code[] = {
		0x0021d073, 0x0012e073, 0x00302573, 0x003615f3, 0x002026f3, 0x00102773,
		0x0010f073, 0x00102973, 0xc01027f3, 0xc0102873, 0xc00028f3, 0xc0001073};
	RiscvCpu *cpu = new_cpu();
	cpu->x[A2] = 0x1ff;
	uint64_t before = now_ns() / 100;
	ck_assert_int_eq(run_code(cpu, code, sizeof code), CPU_EXIT_ILLEGAL);
	uint64_t after = now_ns() / 100;
	ck_assert_uint_eq(cpu->common.pc, (uintptr_t)&code[11]);
	ck_assert_uint_eq(cpu->x[A0], 0x65);
	ck_assert_uint_eq(cpu->x[A1], 0x65);
	ck_assert_uint_eq(cpu->x[A3], 7);
	ck_assert_uint_eq(cpu->x[A4], 0x1f);
	ck_assert_uint_eq(cpu->x[S2], 0x1e);
	ck_assert_uint_eq(cpu->fflags, 0x1e);
	ck_assert_uint_eq(cpu->frm, 7);
	ck_assert_uint_ge(cpu->x[A5], before);
	ck_assert_uint_ge(cpu->x[A6], cpu->x[A5]);
	ck_assert_uint_le(cpu->x[A6], after);
	ck_assert_uint_gt(cpu->x[A7], 0);
	free(cpu);
}
END_TEST

START_TEST(test_exec_control_flow)
{
	/* 0: c.li a0,0; c.li a1,10; 4: c.add a0,a1; c.addi a1,-1; c.bnez a1,4;
	 * a: auipc ra,0; e: jalr ra,12(ra); 12: c.li a2,1; c.li a2,2; 16: c.li a3,3;
	 * c.mv s0,ra; ecall */
	static const uint8_t code[] = {0x01, 0x45, 0xa9, 0x45, 0x2e, 0x95, 0xfd, 0x15,
				       0xf5, 0xfd, 0x97, 0x00, 0x00, 0x00, 0xe7, 0x80,
				       0xc0, 0x00, 0x05, 0x46, 0x09, 0x46, 0x8d, 0x46,
				       0x06, 0x84, 0x73, 0x00, 0x00, 0x00};
	RiscvCpu *cpu = new_cpu();
	ck_assert_int_eq(run_code(cpu, code, sizeof code), CPU_EXIT_SYSCALL);
	ck_assert_uint_eq(cpu->x[A0], 55);
	ck_assert_uint_eq(cpu->x[A1], 0);
	ck_assert_uint_eq(cpu->x[A2], 0);
	ck_assert_uint_eq(cpu->x[A3], 3);
	ck_assert_uint_eq(cpu->x[RA], (uintptr_t)code + 0x12);
	ck_assert_uint_eq(cpu->x[S0], (uintptr_t)code + 0x12);
	ck_assert_uint_eq(cpu->common.pc, (uintptr_t)code + sizeof code);
	free(cpu);
}
END_TEST

Suite *riscv64_decode_suite(void)
{
	Suite *s = suite_create("riscv64_decode");
	TCase *tc = tcase_create("decode");
	tcase_add_loop_test(tc, test_disas32, 0, sizeof disas32_cases / sizeof disas32_cases[0]);
	tcase_add_loop_test(tc, test_fields, 0, sizeof field_cases / sizeof field_cases[0]);
	tcase_add_loop_test(tc, test_undecodable32, 0,
			    sizeof undecodable32 / sizeof undecodable32[0]);
	tcase_add_loop_test(tc, test_rvc_expand, 0, sizeof rvc_cases / sizeof rvc_cases[0]);
	tcase_add_loop_test(tc, test_rvc_reserved, 0,
			    sizeof rvc_reserved / sizeof rvc_reserved[0]);
	tcase_add_test(tc, test_rvc_hints);
	suite_add_tcase(s, tc);
	tc = tcase_create("translate");
	tcase_add_loop_test(tc, test_translate_word, 0,
			    sizeof translate_words / sizeof translate_words[0]);
	tcase_add_test(tc, test_translate_block_shape);
	tcase_add_test(tc, test_translate_illegal);
	tcase_add_test(tc, test_translate_fetch_faults);
	tcase_add_test(tc, test_translate_max_insns);
	tcase_add_test(tc, test_translate_exits);
	tcase_add_test(tc, test_translate_amo_alignment);
	suite_add_tcase(s, tc);
	tc = tcase_create("execute");
	tcase_add_test(tc, test_exec_muldiv);
	tcase_add_test(tc, test_exec_atomics);
	tcase_add_test(tc, test_exec_misaligned_amo);
	tcase_add_test(tc, test_exec_csrs);
	tcase_add_test(tc, test_exec_control_flow);
	suite_add_tcase(s, tc);
	return s;
}
