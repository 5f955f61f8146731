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
 *   SIG_VEC    a v128 op with an integer operand: VDUP (v128 <- int), VGETLANE
 *              (int <- v128), VSETLANE (v128 <- v128, int), VPAIR (v128 <- i64, i64)
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
 *
 * Vectors (type v128): 128-bit values of 8/16/32/64-bit lanes, lane 0 in the low bits
 * (the host's and both guests' little-endian register layout). A lane-wise op names its
 * lane width in the low byte of aux (8, 16, 32 or 64: IR_VAUX below) and any further
 * operand in the high byte. Every v128 op is pure; the verifier checks lane widths
 * against what each op allows (ir_verify.c), which is also what the x86-64 backend
 * can do in one or a few SSE2-SSE4.2 instructions.
 *   CONST v128     imm in the low 64 bits, high 64 bits 0, or imm in both halves when
 *                  aux is IR_VCONST_SPLAT
 *   GET/PUT/MOV    16 bytes
 *   LOAD/STORE     memop MO_128 for 16 bytes; a smaller size loads the low lane with
 *                  the rest 0 (and stores the low bytes); never MO_BE or MO_SIGN
 *   AND OR XOR NOT ANDN     bitwise; ANDN is src0 & ~src1 (v128 only)
 *   ADD SUB        lane-wise, wrapping (8/16/32/64); MUL lane-wise low half (16/32)
 *   CMP            lane-wise compare, a lane all ones when true and 0 when false;
 *                  aux high byte IR_EQ, IR_GTS or IR_GTU (8/16/32/64)
 *   VMIN VMAX      lane-wise unsigned minimum and maximum, signed with IR_VSIGNED in
 *                  the high byte (8/16/32)
 *   VSHLI VSHRI VSARI  lane-wise shift by imm (0..lane width); a count equal to the
 *                  width gives 0 (VSARI: copies of the sign bit); VSARI 8/16/32
 *   VDUP           every lane = the low bits of an integer src0
 *   VGETLANE       integer dst (i32 or i64) = lane (aux high byte) of src0,
 *                  zero-extended
 *   VSETLANE       dst = src0 with lane (aux high byte) replaced by the low bits of
 *                  integer src1
 *   VPAIR          dst = i64 src0 in the low 64 bits, i64 src1 in the high 64 bits
 *   VTBL           byte i of dst = byte src1[i] of src0 when src1[i] < 16, else 0
 *                  (aux 8)
 *   VPERM          two-source permutation of src0 and src1, kind in the high byte:
 *                  IR_VZIP1/2 interleave the low/high halves, IR_VUZP1/2 take the
 *                  even/odd lanes of src0 then of src1, IR_VTRN1/2 the even/odd lanes
 *                  of src0 paired with those of src1 (8/16/32/64)
 *   VEXT           bytes aux.. of the 32-byte concatenation src1:src0 (src0 low);
 *                  aux = byte offset 0-15
 *   VREV           reverses the order of the lanes inside each container of
 *                  2^(high byte) bytes (16, 32 or 64 bits; 8/16/32 lanes)
 *   VWIDEN         each lane of the low half of src0 (the high half with IR_VHIGH in
 *                  the high byte) extended to twice its width, zero-extended or
 *                  sign-extended with IR_VSIGNED; aux = the source lane width (8/16/32)
 *   VNARROW        the low half of each lane of src0, packed into the low 64 bits,
 *                  high 64 bits 0; aux = the source lane width (16/32/64)
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
	X(ANDN, 2, 1, SIG_SAME, 0)  /* v128: src0 & ~src1 */                                \
	X(VMIN, 2, 1, SIG_SAME, IRF_COMMUTES) /* v128 lane-wise; see vectors above */     \
	X(VMAX, 2, 1, SIG_SAME, IRF_COMMUTES)                                             \
	X(VSHLI, 1, 1, SIG_SAME, 0)                                                       \
	X(VSHRI, 1, 1, SIG_SAME, 0)                                                       \
	X(VSARI, 1, 1, SIG_SAME, 0)                                                       \
	X(VDUP, 1, 1, SIG_VEC, 0)                                                         \
	X(VGETLANE, 1, 1, SIG_VEC, 0)                                                     \
	X(VSETLANE, 2, 1, SIG_VEC, 0)                                                     \
	X(VPAIR, 2, 1, SIG_VEC, 0)                                                        \
	X(VTBL, 2, 1, SIG_SAME, 0)                                                        \
	X(VPERM, 2, 1, SIG_SAME, 0)                                                       \
	X(VEXT, 2, 1, SIG_SAME, 0)                                                        \
	X(VREV, 1, 1, SIG_SAME, 0)                                                        \
	X(VWIDEN, 1, 1, SIG_SAME, 0)                                                      \
	X(VNARROW, 1, 1, SIG_SAME, 0)                                                     \
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
