/*
 * The IR opcode table. One X-macro line per op drives the enum, the names, the arity and
 * signature checked by the verifier, the printer and the optimizer's knowledge of side
 * effects.  X(NAME, n_src, has_dst, sig, flags)
 *
 * Signatures (what the verifier checks; T is the insn's type):
 *   SIG_NONE   no temps
 *   SIG_SAME   dst and every source have type T
 *   SIG_CMP    sources have type T; dst has type T (0 or 1); aux = IrCond
 *   SIG_FCMP   sources have float type T; dst has type i64 (0 or 1); aux = IrFCond,
 *              optionally | IR_FCMP_SIGNALING
 *   SIG_SEL    src0 any integer type (nonzero = true); src1, src2, dst have type T
 *   SIG_EXT    dst has type T; src0 any integer type; aux = number of low source bits kept
 *   SIG_CONV   dst has type T; src0 any type (int<->float value conversion, bit casts)
 *   SIG_LOAD   dst has type T; src0 = guest address (i32 or i64); imm = offset; aux = memop
 *   SIG_STORE  src0 = guest address, src1 value of type T; imm = offset; aux = memop
 *   SIG_STATE  GET: dst of type T, PUT: src0 of type T; imm = byte offset in the CPU struct
 *   SIG_CALL   up to 4 integer sources; dst (optional, i64); imm = const IrHelper *
 *   SIG_BR     src0 any integer type; imm = label
 *   SIG_JUMP   src0 i64/i32 guest pc
 *
 * Side exits: a branch may jump over INSN_STARTs only to a label followed at once by an
 * exit (a superblock's taken branch, placed after the block's last exit), so code
 * positions still map to guest instructions in order and an exit's code never faults.
 *
 * Return-address prediction: a call is PUSH_RETURN (imm = the guest pc its callee returns
 * to) placed right before the call's GOTO_BLOCK or LOOKUP_JUMP; a return is a
 * LOOKUP_JUMP with aux IR_JUMP_RETURN. Both are hints with no effect on guest state: an
 * executor may predict the return's target from a stack of pushed return addresses (the
 * x86-64 backend does) or ignore them (the interpreter does).
 *
 * Integer division (DIVS/DIVU/REMS/REMU) is total: x/0 = 0 and x%0 = x; the signed
 * overflow case MIN/-1 gives MIN and remainder 0. Frontends whose ISA says otherwise
 * (RISC-V's x/0 = -1) add a select. Shift counts are taken modulo the width.
 *
 * Floating point (FADD FSUB FMUL FDIV FSQRT FCMP) is IEEE 754 binary32/binary64 in
 * round-to-nearest-even, computed by the host's SSE unit in every executor. These ops
 * raise the IEEE exception flags in the host's FP status register (MXCSR) exactly as the
 * SSE instruction does, tininess detected after rounding; the flags accumulate there
 * until a frontend's GuestArch hooks fold them into guest state. Raising flags is a side
 * effect: the optimizer neither folds nor removes these ops. With aux
 * IR_FARITH_DEFAULT_NAN an arithmetic op returns the default NaN (positive, quiet, zero
 * payload) whenever its result is NaN, instead of x86's propagated or negative NaN. FCMP
 * is quiet (invalid only for a signaling NaN operand) unless its aux carries
 * IR_FCMP_SIGNALING (invalid for any NaN operand). The flags of ITOF, FTOI and FCVT are
 * unspecified (the executors may differ); frontends that need exact flags for
 * conversions use helpers.
 */
#ifndef FERRY_IR_OPS_H
#define FERRY_IR_OPS_H

#define IR_OP_TABLE(X)                                                                    \
	X(NOP, 0, 0, SIG_NONE, 0)                                                         \
	X(INSN_START, 0, 0, SIG_NONE, IRF_SIDE) /* imm = guest pc; see side exits */     \
	X(CONST, 0, 1, SIG_SAME, 0)             /* dst = imm */                           \
	X(MOV, 1, 1, SIG_SAME, 0)                                                         \
	X(GET, 0, 1, SIG_STATE, IRF_READS_STATE)                                          \
	X(PUT, 1, 0, SIG_STATE, IRF_SIDE | IRF_WRITES_STATE)                              \
	X(ADD, 2, 1, SIG_SAME, IRF_COMMUTES)                                              \
	X(SUB, 2, 1, SIG_SAME, 0)                                                         \
	X(MUL, 2, 1, SIG_SAME, IRF_COMMUTES)                                              \
	X(MULHS, 2, 1, SIG_SAME, IRF_COMMUTES)  /* high half of signed product */         \
	X(MULHU, 2, 1, SIG_SAME, IRF_COMMUTES)  /* high half of unsigned product */       \
	X(MULHSU, 2, 1, SIG_SAME, 0)            /* high half of signed x unsigned */      \
	X(DIVS, 2, 1, SIG_SAME, 0)                                                        \
	X(DIVU, 2, 1, SIG_SAME, 0)                                                        \
	X(REMS, 2, 1, SIG_SAME, 0)                                                        \
	X(REMU, 2, 1, SIG_SAME, 0)                                                        \
	X(AND, 2, 1, SIG_SAME, IRF_COMMUTES)                                              \
	X(OR, 2, 1, SIG_SAME, IRF_COMMUTES)                                               \
	X(XOR, 2, 1, SIG_SAME, IRF_COMMUTES)                                              \
	X(SHL, 2, 1, SIG_SAME, 0)                                                         \
	X(SHR, 2, 1, SIG_SAME, 0)                                                         \
	X(SAR, 2, 1, SIG_SAME, 0)                                                         \
	X(ROTL, 2, 1, SIG_SAME, 0)                                                        \
	X(ROTR, 2, 1, SIG_SAME, 0)                                                        \
	X(NEG, 1, 1, SIG_SAME, 0)                                                         \
	X(NOT, 1, 1, SIG_SAME, 0)                                                         \
	X(BSWAP, 1, 1, SIG_SAME, 0)                                                       \
	X(CLZ, 1, 1, SIG_SAME, 0)   /* width when the input is 0 */                       \
	X(CTZ, 1, 1, SIG_SAME, 0)   /* width when the input is 0 */                       \
	X(POPCNT, 1, 1, SIG_SAME, 0)                                                      \
	X(CMP, 2, 1, SIG_CMP, 0)                                                          \
	X(SELECT, 3, 1, SIG_SEL, 0)                                                       \
	X(EXTS, 1, 1, SIG_EXT, 0)   /* sign-extend the low aux bits of src0 to T */       \
	X(EXTU, 1, 1, SIG_EXT, 0)   /* zero-extend the low aux bits of src0 to T */       \
	X(FADD, 2, 1, SIG_SAME, IRF_SIDE | IRF_COMMUTES) /* f32/f64: see above */         \
	X(FSUB, 2, 1, SIG_SAME, IRF_SIDE)                                                 \
	X(FMUL, 2, 1, SIG_SAME, IRF_SIDE | IRF_COMMUTES)                                  \
	X(FDIV, 2, 1, SIG_SAME, IRF_SIDE)                                                 \
	X(FSQRT, 1, 1, SIG_SAME, IRF_SIDE)                                                \
	X(FCMP, 2, 1, SIG_FCMP, IRF_SIDE) /* dst i64 */                                   \
	X(ITOF, 1, 1, SIG_CONV, 0)  /* signed integer -> float T (aux 1: unsigned) */     \
	X(FTOI, 1, 1, SIG_CONV, 0)  /* float -> integer T, truncating (aux 1: unsigned) */ \
	X(FCVT, 1, 1, SIG_CONV, 0)  /* f32 <-> f64 */                                     \
	X(BITCAST, 1, 1, SIG_CONV, 0) /* same-width reinterpretation (i64 <-> f64 ...) */ \
	X(LOAD, 1, 1, SIG_LOAD, IRF_SIDE | IRF_MEM)                                       \
	X(STORE, 2, 0, SIG_STORE, IRF_SIDE | IRF_MEM)                                     \
	X(FENCE, 0, 0, SIG_NONE, IRF_SIDE) /* aux = IrFence kinds */        \
	X(CALL, 4, 1, SIG_CALL, IRF_SIDE | IRF_MEM | IRF_READS_STATE | IRF_WRITES_STATE)  \
	X(LABEL, 0, 0, SIG_NONE, IRF_SIDE | IRF_CONTROL)                                  \
	X(BR, 1, 0, SIG_BR, IRF_SIDE | IRF_CONTROL)   /* goto label imm if src0 != 0 */   \
	X(JMP, 0, 0, SIG_NONE, IRF_SIDE | IRF_CONTROL)/* goto label imm */                \
	X(GOTO_BLOCK, 0, 0, SIG_NONE, IRF_SIDE | IRF_EXIT) /* pc = imm; chain slot aux */ \
	X(LOOKUP_JUMP, 1, 0, SIG_JUMP, IRF_SIDE | IRF_EXIT) /* pc = src0; aux: IrJumpHint */ \
	X(PUSH_RETURN, 0, 0, SIG_NONE, IRF_SIDE) /* hint: a call returns to imm (below) */ \
	X(EXIT, 0, 0, SIG_NONE, IRF_SIDE | IRF_EXIT) /* pc = imm; leave with CpuExit aux */

#endif
