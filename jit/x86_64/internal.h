/*
 * Shared by the files of the x86-64 backend, nothing else: the backend and block
 * structures, the code cache, the trampolines, the register allocator's result and the
 * per-block compiler state the instruction selectors work on.
 *
 * In system mode (JIT_SOFTMMU) guest memory is reached through cpu->mmu instead:
 * every access is an inline TLB lookup with a cold slow path (isel_softmmu.c), r14 is
 * an ordinary register.
 *
 * Register conventions inside generated code:
 *   rbx  the CPU struct (CpuCommon * and the frontend's fields after it)
 *   r14  guest_base when it is not zero; otherwise an ordinary allocatable register
 *   rsp  16-byte aligned frame of JIT_SPILL_SLOTS spill slots, set up by the trampoline
 *   rax, rcx, rdx, xmm0, xmm1  scratch for instruction sequences, never allocated
 *   everything else holds temps (the allocator's choice): general registers the
 *   integer and float temps, xmm2-xmm15 the v128 temps.
 */
#ifndef FERRY_JIT_X86_INTERNAL_H
#define FERRY_JIT_X86_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "jit/x86_64/backend.h"
#include "jit/x86_64/emit.h"

#define JIT_CPU_REG     X86_RBX
#define JIT_BASE_REG    X86_R14
#define JIT_SPILL_SLOTS 256
#define JIT_NO_SITE     0xff
#define JIT_GUEST_PAGE_BITS 12 /* JIT_PAGE_BOUNDED: the guest page size */

/* What generated code returns to the trampoline's caller in rdx: the exit kind, the
 * direct-exit site (for linking), the IR chain slot and the CpuExit reason. */
#define JIT_CODE(kind, site, slot, reason)                                                         \
	((uint32_t)(kind) | (uint32_t)(site) << 8 | (uint32_t)(slot) << 16 |                       \
	 (uint32_t)(reason) << 24)

/* A direct exit that may be linked: the rel32 of its jmp and the exit code it jumps to
 * while unlinked. */
typedef struct JitSite {
	uint8_t *patch;
	uint8_t *stub;
} JitSite;

/* Host code offset where the code of the guest instruction at pc starts. */
typedef struct JitPcEntry {
	uint32_t offset;
	uint64_t pc;
} JitPcEntry;

struct JitBlock {
	Tb *tb;
	uint8_t *code;
	uint32_t size;
	uint32_t n_sites, n_pcs;
	JitSite *sites;
	JitPcEntry *pcs;
};

/* The executable region: trampolines at its start, then blocks by bump allocation.
 * Blocks are kept in address order so a host pc maps back to its block. */
typedef struct CodeCache {
	uint8_t *base;
	size_t size;
	size_t used;     /* bytes in use, trampolines included */
	size_t reserved; /* bytes taken by the trampolines, kept across flushes */
	JitBlock **blocks;
	size_t n_blocks, cap_blocks;
} CodeCache;

bool code_cache_init(CodeCache *cc, size_t size);
void code_cache_destroy(CodeCache *cc);
/* Frees every block and empties the cache down to the trampolines. */
void code_cache_reset(CodeCache *cc);
uint8_t *code_cache_free_start(const CodeCache *cc);
size_t code_cache_free_size(const CodeCache *cc);
/* Records a block whose code ends at code_cache_free_start() + size; false when the
 * block array is full (as good as a full region). */
bool code_cache_commit(CodeCache *cc, JitBlock *blk, size_t size);
JitBlock *code_cache_find(const CodeCache *cc, uintptr_t host_pc);

typedef struct JitRet {
	JitBlock *from;
	uint64_t code; /* JIT_CODE(...) */
} JitRet;
typedef JitRet (*JitEnterFn)(CpuCommon *cpu, const void *code);

typedef struct JitTrampolines {
	JitEnterFn enter;    /* saves registers, sets up rbx/r14/rsp, jumps to code */
	const uint8_t *exit; /* rax = JitBlock *, edx = code: restores and returns */
	const uint8_t *miss; /* rax = guest pc: leaves with TB_LOOKUP */
} JitTrampolines;

/* Generates the trampolines at the start of the code cache and reserves them. */
bool jit_dispatch_init(CodeCache *cc, JitTrampolines *t);

struct JitBackend {
	CodeCache cache;
	JitTrampolines tramp;
	unsigned jump_cache_bits;
	uint64_t generation;
	uintptr_t guest_base;
	bool guest_base_known;
	struct JitScratch *scratch; /* per-compile arrays, kept to be reused */
	size_t vec_consts;          /* offset of the vector selectors' constants */
	FILE *perf_map; /* FERRY_PERF_MAP: symbols for perf, or NULL */
};
/* Adds a compiled block to the perf symbol map, when one is open. */
void jit_perf_map_note(JitBackend *be, const JitBlock *blk);

/* Where the allocator put a temp for its whole lifetime. A v128 temp's register is an
 * xmm number and its spill slot the first of two (16-byte aligned). */
enum { LOC_NONE, LOC_REG, LOC_STACK, LOC_CONST };
typedef struct TempLoc {
	uint8_t kind;
	uint8_t reg;   /* LOC_REG */
	uint16_t slot; /* LOC_STACK: spill slot index; LOC_CONST v128: its CONST aux */
} TempLoc;

typedef struct RegAlloc {
	TempLoc *loc;       /* indexed by temp */
	uint64_t *cval;     /* LOC_CONST: the value */
	uint32_t *last_use; /* index of the last insn reading the temp (def if none) */
	uint32_t *uses;     /* number of reads */
	unsigned n_slots;   /* spill slots used */
	/* The arrays' capacities (kept from block to block) and the allocator's own
	 * scratch: the number of helper calls before each insn. */
	uint32_t cap_temps, cap_insns;
	uint32_t *calls_before;
} RegAlloc;

/* Assigns every temp of b a location; false when out of memory or spill slots. The
 * arrays of ra are reused from one call to the next (jit_regalloc_free releases them).
 * The instruction selector's reuse table says which ops may write their result into the
 * register of a first source that dies there. */
bool jit_regalloc(const IrBlock *b, bool base_reg_free, RegAlloc *ra);
void jit_regalloc_free(RegAlloc *ra);
bool jit_isel_reuses_src0(IrOp op);
/* The first xmm register the allocator hands out (xmm0 and xmm1 are scratch). */
#define JIT_FIRST_VEC_REG 2

typedef struct JitFixup {
	uint32_t at;    /* offset of a rel32 in the block's code */
	uint32_t label; /* IR label, or a cold stub index */
} JitFixup;

/* Cold code: the exit for an exit request at block entry, the exit for a misaligned
 * access, the linkable continuation a return-address push points at, the load of a
 * constant into a register followed by a jump back (a NaN result made canonical), and
 * a softmmu access's slow path (a TLB miss: the call into SoftMmuOps and back). */
typedef enum JitColdKind {
	COLD_INTERRUPT,
	COLD_MISALIGNED,
	COLD_RETURN_SITE,
	COLD_SET_REG,
	COLD_MMU
} JitColdKind;
typedef struct JitCold {
	JitColdKind kind;
	uint32_t at;   /* rel32 of the jcc (or rip displacement of the lea) that goes there */
	uint64_t pc;   /* guest pc the exit reports; COLD_SET_REG: the constant */
	uint32_t back; /* COLD_SET_REG, COLD_MMU: offset of the code to jump back to */
	uint8_t reg;   /* COLD_SET_REG: the register; COLD_MMU: where a load's value goes */
	uint32_t insn;     /* COLD_MMU: index of the LOAD/STORE */
	uint16_t save_gpr; /* COLD_MMU: caller-saved registers live across the access */
	uint16_t save_xmm; /* COLD_MMU: xmm registers live across it */
} JitCold;

/* Arrays the block compiler reuses from one block to the next. */
typedef struct JitScratch {
	RegAlloc ra;
	uint32_t *label_off;
	uint32_t cap_labels;
	struct JitFixup *fixups;
	uint32_t cap_fixups;
	struct JitCold *colds;
	uint32_t cap_colds;
} JitScratch;
void jit_scratch_free(JitScratch *s);

/* Per-block compiler state (isel.c owns the driver; the isel_*.c files the ops). */
typedef struct JitCompiler {
	JitBackend *be;
	const IrBlock *ir;
	Tb *tb;
	JitBlock *blk;  /* allocated before code generation: exits embed its address */
	unsigned flags; /* JIT_STANDALONE, JIT_SOFTMMU, JIT_PAGE_BOUNDED */
	bool base_reg;  /* guest memory is at r14 + address */
	bool softmmu;   /* guest memory is reached through cpu->mmu (isel_softmmu.c) */
	X86Buf buf;
	RegAlloc ra;
	uint64_t cur_pc; /* pc of the guest instruction being compiled */
	uint32_t *label_off;
	JitFixup *fixups;
	uint32_t n_fixups, cap_fixups;
	JitCold *colds;
	uint32_t n_colds, cap_colds;
	uint32_t max_sites, max_pcs;
	bool failed;        /* out of memory, or IR this backend does not compile */
	uint32_t skip_next; /* an insn already emitted with the previous one (fused) */
	/* softmmu: the temp each register was last given (IR_NONE if none), to find the
	 * registers a slow-path call must preserve, and the pending slow path. */
	IrTemp gpr_temp[16], xmm_temp[16];
	uint32_t mmu_cold;
} JitCompiler;

typedef void (*JitIselFn)(JitCompiler *c, const IrInsn *in, uint32_t index);
extern const JitIselFn jit_isel_int[IR_OP_COUNT];
extern const JitIselFn jit_isel_mem[IR_OP_COUNT];
extern const JitIselFn jit_isel_ctrl[IR_OP_COUNT];
extern const JitIselFn jit_isel_fp[IR_OP_COUNT];
extern const JitIselFn jit_isel_vec[IR_OP_COUNT]; /* v128 types and vector-only ops */

/* Writes the constants the vector selectors read rip-relative at the start of the code
 * cache and reserves them (isel_vec.c); *offset is where they start. False when they
 * do not fit. */
bool jit_vec_init(CodeCache *cc, size_t *offset);

/* Operand helpers for the selectors (isel.c). */
static inline unsigned jit_size(IrType t)
{
	return t == IR_I32 || t == IR_F32 ? 4 : 8;
}
bool jit_is_const(const JitCompiler *c, IrTemp t);
uint64_t jit_const(const JitCompiler *c, IrTemp t);
X86Mem jit_slot_mem(const JitCompiler *c, IrTemp t);
/* t as an immediate of an op of `size` bytes, when it is a constant that fits. */
bool jit_imm(const JitCompiler *c, IrTemp t, unsigned size, int32_t *imm);
/* A register holding t: its own, or `scratch` after loading it there. */
X86Reg jit_use(JitCompiler *c, IrTemp t, X86Reg scratch);
/* Copies t (all 64 bits) into register r unless it is already there. */
void jit_load(JitCompiler *c, X86Reg r, IrTemp t);
/* The register to compute d in (its own, or `scratch` when d lives in a spill slot),
 * and the store back after computing. */
X86Reg jit_def(JitCompiler *c, IrTemp d, X86Reg scratch);
void jit_def_done(JitCompiler *c, IrTemp d, X86Reg r);
/* r op= t for the two-operand ALU ops, with t as an immediate, register or slot. */
void jit_alu_temp(JitCompiler *c, X86Alu op, unsigned size, X86Reg r, IrTemp t);
/* cmp a, b for an integer compare of `size`; returns false when the operands had to be
 * swapped (the caller then mirrors its condition). */
bool jit_cmp_temps(JitCompiler *c, unsigned size, IrTemp a, IrTemp b);
/* Sets ZF from t == 0, at the width of t's type. */
void jit_test_temp(JitCompiler *c, IrTemp t);
X86Cond jit_cond(IrCond cond);
X86Cond jit_cond_swapped(IrCond cond);

/* The host operand of the guest access `in` (LOAD or STORE); may leave the guest
 * address in rcx and branch to a misaligned-access exit (isel_mem.c). */
X86Mem jit_guest_mem(JitCompiler *c, const IrInsn *in);
/* rcx = the guest address addr + offset, wrapped to 32 bits for an i32 addr. */
void jit_guest_addr_to_rcx(JitCompiler *c, IrTemp addr, uint64_t offset);
/* r = the IR value (size, sign, byte order of memop mo; tsize-byte type) of the guest
 * bytes at m. */
void jit_load_value(JitCompiler *c, X86Reg r, unsigned mo, unsigned tsize, X86Mem m);

/* System mode (isel_softmmu.c). jit_mmu_access emits the guest address computation
 * and the inline TLB check of the access `in` and returns the host operand ([rcx]);
 * a miss goes to a cold slow path. After emitting the access on that operand, the
 * selector calls jit_mmu_done with the register a load's value is in (a general
 * register, or an xmm number for v128): the slow path leaves the value there and
 * continues at this point. jit_mmu_note_def records which temp each register holds
 * (called for every insn), jit_mmu_emit_slow emits a slow path among the cold code. */
X86Mem jit_mmu_access(JitCompiler *c, const IrInsn *in);
void jit_mmu_done(JitCompiler *c, unsigned reg);
void jit_mmu_note_def(JitCompiler *c, const IrInsn *in);
void jit_mmu_emit_slow(JitCompiler *c, const JitCold *k);

/* Points the rel32 at offset `at` of the block's code to the current position. */
void jit_patch_here(JitCompiler *c, size_t at);

/* Control-flow helpers (isel_ctrl.c). */
void jit_fixup(JitCompiler *c, size_t rel32_at, uint32_t label);
void jit_cold(JitCompiler *c, JitColdKind kind, size_t rel32_at);
/* A cold stub for the jcc whose rel32 is at rel32_at: reg = value, then back here. */
void jit_cold_set_reg(JitCompiler *c, size_t rel32_at, X86Reg reg, uint64_t value);
/* Stores pc into cpu->pc and leaves through the exit trampoline with `code`. */
void jit_emit_exit(JitCompiler *c, uint64_t pc, uint32_t code);
void jit_emit_colds(JitCompiler *c);
/* Stores a 64-bit value into the CPU struct at offset. */
void jit_store_cpu_u64(JitCompiler *c, uint32_t offset, uint64_t value);

/* -d out_asm */
void jit_log_block(const JitBlock *blk);

#endif
