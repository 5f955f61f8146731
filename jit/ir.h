/*
 * The intermediate representation between guest frontends and executors (the IR
 * interpreter and the x86-64 backend). A block is a linear array of IrInsn over typed
 * virtual temps (numbered from 1; 0 means "none"); guest registers live in the CPU
 * struct and are reached with GET/PUT at byte offsets, which lets a backend keep them in
 * host registers within a block. Control flow inside a block uses labels; a block ends
 * in exits (GOTO_BLOCK for a direct branch the engine may chain, LOOKUP_JUMP for an
 * indirect one, EXIT for syscalls and exceptions). Builders never fail midway: an
 * allocation failure sets a sticky error checked once by ir_block_ok().
 */
#ifndef FERRY_IR_H
#define FERRY_IR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "jit/ir_ops.h"

typedef enum IrType { IR_I32, IR_I64, IR_F32, IR_F64, IR_V128, IR_TYPE_COUNT } IrType;

enum IrOpFlags {
	IRF_SIDE = 1 << 0, /* never removed by dead-code elimination */
	IRF_COMMUTES = 1 << 1,
	IRF_MEM = 1 << 2,          /* touches guest memory */
	IRF_READS_STATE = 1 << 3,  /* reads the CPU struct */
	IRF_WRITES_STATE = 1 << 4, /* writes the CPU struct */
	IRF_CONTROL = 1 << 5,      /* label or branch inside the block */
	IRF_EXIT = 1 << 6,         /* leaves the block */
};

typedef enum IrSig {
	SIG_NONE,
	SIG_SAME,
	SIG_CMP,
	SIG_FCMP,
	SIG_SEL,
	SIG_EXT,
	SIG_CONV,
	SIG_LOAD,
	SIG_STORE,
	SIG_STATE,
	SIG_CALL,
	SIG_BR,
	SIG_JUMP,
	SIG_VEC
} IrSig;

typedef enum IrOp {
#define IR_ENUM(name, nsrc, dst, sig, flags) IR_##name,
	IR_OP_TABLE(IR_ENUM)
#undef IR_ENUM
	    IR_OP_COUNT
} IrOp;

typedef struct IrOpInfo {
	const char *name;
	uint8_t n_src;
	uint8_t has_dst;
	uint8_t sig;
	uint8_t flags;
} IrOpInfo;

extern const IrOpInfo ir_op_info[IR_OP_COUNT];
extern const char *const ir_type_name[IR_TYPE_COUNT];

/* Integer comparison conditions (CMP's aux). */
typedef enum IrCond {
	IR_EQ,
	IR_NE,
	IR_LTS,
	IR_GES,
	IR_LES,
	IR_GTS,
	IR_LTU,
	IR_GEU,
	IR_LEU,
	IR_GTU,
	IR_COND_COUNT
} IrCond;

/* Floating-point comparison conditions (FCMP's aux): ordered compares are false when
 * either input is NaN; UNORD is true exactly then. The compare raises the invalid flag
 * for a signaling NaN input, or for any NaN with IR_FCMP_SIGNALING (IEEE 754's quiet
 * and signaling predicates; see ir_ops.h). */
typedef enum IrFCond { IR_FEQ, IR_FLT, IR_FLE, IR_FUNORD, IR_FCOND_COUNT } IrFCond;
enum { IR_FCMP_SIGNALING = 1 << 8, IR_FCMP_COND_MASK = 0xff };

/* FADD FSUB FMUL FDIV FSQRT aux: a NaN result is the default NaN (positive, quiet, zero
 * payload) rather than the host's propagated or negative NaN. */
enum { IR_FARITH_DEFAULT_NAN = 1 };
static inline bool ir_op_is_farith(IrOp op)
{
	return op == IR_FADD || op == IR_FSUB || op == IR_FMUL || op == IR_FDIV || op == IR_FSQRT;
}

/* Memory operation descriptor (LOAD/STORE aux): size, signedness, byte order. */
enum {
	MO_8 = 0,
	MO_16 = 1,
	MO_32 = 2,
	MO_64 = 3,
	MO_SIZE = 3,
	MO_SIGN = 1 << 2,  /* loads: sign-extend to the insn type */
	MO_BE = 1 << 3,    /* big-endian guest data */
	MO_ALIGN = 1 << 4, /* misaligned access raises CPU_EXIT_MISALIGNED */
	MO_128 = 1 << 5,   /* v128 only: all 16 bytes (the size field is then MO_64) */
};
static inline unsigned ir_memop_bytes(unsigned mo)
{
	return mo & MO_128 ? 16 : 1u << (mo & MO_SIZE);
}

/* Vector op aux (ir_ops.h): the lane width in bits in the low byte, an op-specific
 * operand (lane index, IrCond, permutation kind, flags) in the high byte. */
#define IR_VAUX(bits, arg) ((uint16_t)((bits) | (arg) << 8))
static inline unsigned ir_vbits(uint16_t aux) { return aux & 0xff; }
static inline unsigned ir_varg(uint16_t aux) { return aux >> 8; }
enum { IR_VCONST_SPLAT = 1 };             /* CONST v128: imm in both halves */
enum { IR_VSIGNED = 1, IR_VHIGH = 2 };    /* VMIN/VMAX, VWIDEN */
typedef enum IrVPerm { IR_VZIP1, IR_VZIP2, IR_VUZP1, IR_VUZP2, IR_VTRN1, IR_VTRN2, IR_VPERM_COUNT } IrVPerm;

/* LOOKUP_JUMP hints (aux). */
typedef enum IrJumpHint { IR_JUMP_PLAIN = 0, IR_JUMP_RETURN = 1 } IrJumpHint;

/* FENCE kinds (aux): which earlier accesses are ordered before which later ones. */
enum {
	IR_FENCE_LD_LD = 1,
	IR_FENCE_LD_ST = 2,
	IR_FENCE_ST_LD = 4,
	IR_FENCE_ST_ST = 8,
	IR_FENCE_ALL = 15
};

/* A C helper called from translated code: fn(cpu, a0, a1, a2, a3); unused arguments are
 * 0. Flags tell an executor what it must write back before and reload after the call. */
typedef uint64_t (*IrHelperFn)(void *cpu, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3);
enum {
	IRH_READS_STATE = 1 << 0,  /* reads guest registers from the CPU struct */
	IRH_WRITES_STATE = 1 << 1, /* writes guest registers in the CPU struct */
	IRH_MEM = 1 << 2,          /* touches guest memory (may fault) */
	IRH_PURE = 1 << 3,         /* result depends on the arguments only */
	IRH_NONDET = 1 << 4,       /* result differs from call to call (a clock) */
};
typedef struct IrHelper {
	const char *name;
	IrHelperFn fn;
	uint32_t flags;
} IrHelper;

typedef uint32_t IrTemp;
#define IR_NONE 0u

typedef struct IrInsn {
	uint8_t op;   /* IrOp */
	uint8_t type; /* IrType */
	uint16_t aux; /* IrCond, memop, chain slot, CpuExit, extension width, ... */
	IrTemp dst;
	IrTemp src[4];
	uint64_t imm;
} IrInsn;

typedef struct IrBlock {
	IrInsn *insns;
	uint32_t n_insns, cap_insns;
	uint8_t *temp_type; /* indexed by temp; [0] unused */
	uint32_t n_temps, cap_temps;
	uint32_t n_labels;
	uint64_t guest_pc;    /* first guest instruction */
	uint32_t guest_size;  /* bytes of guest code covered */
	uint32_t guest_insns; /* guest instructions covered */
	bool error;           /* sticky: an allocation failed */
	/* Set by the engine before translating (system mode, GuestFetch.page_bounded):
	 * the block must not contain an instruction that starts in another 4 KiB page
	 * than guest_pc. Kept across ir_block_reset. */
	bool page_bounded;
} IrBlock;

void ir_block_init(IrBlock *b, uint64_t guest_pc);
void ir_block_reset(IrBlock *b, uint64_t guest_pc);
void ir_block_free(IrBlock *b);
/* Makes dst a copy of src with arrays of exactly the size used (false when out of
 * memory, dst then empty). */
bool ir_block_copy(IrBlock *dst, const IrBlock *src);
static inline bool ir_block_ok(const IrBlock *b) { return !b->error; }

/* Low-level emitter: appends an insn and returns its index (or UINT32_MAX on error). */
uint32_t ir_emit(IrBlock *b, IrOp op, IrType type, uint16_t aux, IrTemp dst, IrTemp s0, IrTemp s1,
                 IrTemp s2, uint64_t imm);
IrTemp ir_new_temp(IrBlock *b, IrType type);
uint32_t ir_new_label(IrBlock *b);
static inline IrType ir_temp_type(const IrBlock *b, IrTemp t)
{
	return (IrType)b->temp_type[t];
}

/* Builder helpers: each returns the destination temp. */
IrTemp ir_const(IrBlock *b, IrType t, uint64_t v);
IrTemp ir_get(IrBlock *b, IrType t, uint32_t offset);
void ir_put(IrBlock *b, IrType t, uint32_t offset, IrTemp v);
IrTemp ir_op1(IrBlock *b, IrOp op, IrType t, IrTemp a);
IrTemp ir_op2(IrBlock *b, IrOp op, IrType t, IrTemp a, IrTemp c);
IrTemp ir_op2i(IrBlock *b, IrOp op, IrType t, IrTemp a, uint64_t imm); /* a OP const */
IrTemp ir_cmp(IrBlock *b, IrType t, IrCond c, IrTemp x, IrTemp y);
IrTemp ir_fcmp(IrBlock *b, IrType t, IrFCond c, IrTemp x, IrTemp y);
/* FCMP with IR_FCMP_SIGNALING when `signaling`. */
IrTemp ir_fcmp_sig(IrBlock *b, IrType t, IrFCond c, bool signaling, IrTemp x, IrTemp y);
/* FADD FSUB FMUL FDIV (two sources) or FSQRT (c = IR_NONE) with aux flags. */
IrTemp ir_fop(IrBlock *b, IrOp op, IrType t, uint16_t aux, IrTemp a, IrTemp c);
IrTemp ir_select(IrBlock *b, IrType t, IrTemp cond, IrTemp if_true, IrTemp if_false);
IrTemp ir_exts(IrBlock *b, IrType t, IrTemp a, unsigned bits);
IrTemp ir_extu(IrBlock *b, IrType t, IrTemp a, unsigned bits);
IrTemp ir_conv(IrBlock *b, IrOp op, IrType t, IrTemp a, uint16_t aux);
IrTemp ir_load(IrBlock *b, IrType t, unsigned memop, IrTemp addr, int64_t offset);
void ir_store(IrBlock *b, IrType t, unsigned memop, IrTemp addr, int64_t offset, IrTemp v);
void ir_fence(IrBlock *b, unsigned kinds);
/* Vector builders (ir_ops.h): a v128 constant (splat: imm in both halves) and the
 * lane-wise ops with aux = IR_VAUX(bits, arg). */
IrTemp ir_vconst(IrBlock *b, uint64_t imm, bool splat);
IrTemp ir_vop1(IrBlock *b, IrOp op, uint16_t aux, IrTemp a);
IrTemp ir_vop2(IrBlock *b, IrOp op, uint16_t aux, IrTemp a, IrTemp c);
IrTemp ir_vshift(IrBlock *b, IrOp op, unsigned bits, IrTemp a, unsigned count);
IrTemp ir_vdup(IrBlock *b, unsigned bits, IrTemp x);
IrTemp ir_vgetlane(IrBlock *b, IrType t, unsigned bits, unsigned lane, IrTemp v);
IrTemp ir_vsetlane(IrBlock *b, unsigned bits, unsigned lane, IrTemp v, IrTemp x);
IrTemp ir_vpair(IrBlock *b, IrTemp lo, IrTemp hi);
/* Calls h with up to four arguments (IR_NONE for unused ones); returns an i64 temp. */
IrTemp ir_call(IrBlock *b, const IrHelper *h, IrTemp a0, IrTemp a1, IrTemp a2, IrTemp a3);
void ir_label(IrBlock *b, uint32_t label);
void ir_br(IrBlock *b, IrTemp cond, uint32_t label);
void ir_jmp(IrBlock *b, uint32_t label);
void ir_insn_start(IrBlock *b, uint64_t guest_pc);
void ir_goto_block(IrBlock *b, uint64_t guest_pc, unsigned slot);
void ir_lookup_jump(IrBlock *b, IrTemp pc);
/* A LOOKUP_JUMP that returns from a call (IR_JUMP_RETURN). */
void ir_lookup_return(IrBlock *b, IrTemp pc);
/* Hint that the exit right after this is a call that returns to return_pc. */
void ir_push_return(IrBlock *b, uint64_t return_pc);
void ir_exit(IrBlock *b, unsigned cpu_exit, uint64_t pc);

/* Checks types, arity, temp definitions, labels and that the block ends in an exit.
 * Returns true when valid; otherwise writes one line describing the first error. */
bool ir_verify(const IrBlock *b, char *err, size_t errsz);
void ir_print(const IrBlock *b, FILE *out);
void ir_print_insn(const IrBlock *b, const IrInsn *in, FILE *out);

/* Constant folding, copy propagation and dead-code elimination, in place. */
void ir_optimize(IrBlock *b);

#endif
