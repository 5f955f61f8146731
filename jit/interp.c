/*
 * The IR interpreter: the reference executor every other executor is compared with.
 * Temps are raw 64-bit values (i32/f32 in the low half, upper half zero). Guest memory
 * is reached at guest_base + address; a host fault on such an access is turned into a
 * guest fault by the engine's fault handler, using the PC that INSN_START recorded. In
 * system mode (cpu->mmu set) each access looks the softmmu's TLB up and calls its slow
 * path on a miss (common/softmmu.h), which raises guest faults itself; the PC it needs
 * is the same cpu->insn_pc.
 * Pure ops go through ir_eval, shared with the optimizer's constant folding. A v128
 * temp t keeps its low 64 bits in temps[t] and its high 64 bits in temps[n_temps + t]
 * (tb.h: the caller gives room for twice the temps), so scalar temps stay one word.
 */
#include <stdlib.h>
#include <string.h>

#include "common/softmmu.h"
#include "jit/ir_eval.h"
#include "jit/tb.h"

static uint64_t type_mask(IrType t)
{
	return t == IR_I32 || t == IR_F32 ? 0xffffffffull : ~0ull;
}

static IrVec vec_temp(const IrBlock *b, const uint64_t *t, IrTemp x)
{
	return (IrVec){.d = {t[x], t[b->n_temps + x]}};
}

static void set_vec_temp(const IrBlock *b, uint64_t *t, IrTemp x, IrVec v)
{
	t[x] = v.d[0];
	t[b->n_temps + x] = v.d[1];
}

static uint64_t guest_addr(const IrBlock *b, const IrInsn *in, const uint64_t *temps)
{
	uint64_t a = temps[in->src[0]] + in->imm;
	return ir_temp_type(b, in->src[0]) == IR_I32 ? (uint32_t)a : a;
}

/* The IR value of the raw little-endian bytes of a load: byte order, then sign. */
static uint64_t load_finish(uint64_t v, unsigned mo, IrType t)
{
	switch (mo & MO_SIZE) {
	case MO_16: v = mo & MO_BE ? __builtin_bswap16((uint16_t)v) : v; break;
	case MO_32: v = mo & MO_BE ? __builtin_bswap32((uint32_t)v) : v; break;
	case MO_64: v = mo & MO_BE ? __builtin_bswap64(v) : v; break;
	default: break;
	}
	unsigned bits = 8u << (mo & MO_SIZE);
	if ((mo & MO_SIGN) && bits < 64)
		v = (uint64_t)((int64_t)(v << (64 - bits)) >> (64 - bits));
	return v & type_mask(t);
}

/* The raw little-endian bytes a store of v writes. */
static uint64_t store_raw(uint64_t v, unsigned mo)
{
	switch (mo & MO_SIZE) {
	case MO_16: return mo & MO_BE ? __builtin_bswap16((uint16_t)v) : v;
	case MO_32: return mo & MO_BE ? __builtin_bswap32((uint32_t)v) : v;
	case MO_64: return mo & MO_BE ? __builtin_bswap64(v) : v;
	default: return v;
	}
}

/* Raw bytes (1, 2, 4 or 8) of guest memory: at guest_base + addr in user mode; in
 * system mode from the TLB's host page on a hit, else from the softmmu's slow path,
 * which may leave through softmmu_raise. */
static uint64_t read_raw(CpuCommon *cpu, uint64_t addr, unsigned mo)
{
	unsigned bytes = 1u << (mo & MO_SIZE);
	const void *p = cpu->mmu ? softmmu_lookup(cpu->mmu, addr, bytes, MMU_READ)
	                         : (const void *)(cpu->guest_base + (uintptr_t)addr);
	if (!p)
		return cpu->mmu->ops->load(cpu, addr, mo & (MO_SIZE | MO_ALIGN));
	uint64_t v = 0;
	memcpy(&v, p, bytes);
	return v;
}

static void write_raw(CpuCommon *cpu, uint64_t addr, unsigned mo, uint64_t v)
{
	unsigned bytes = 1u << (mo & MO_SIZE);
	void *p = cpu->mmu ? softmmu_lookup(cpu->mmu, addr, bytes, MMU_WRITE)
	                   : (void *)(cpu->guest_base + (uintptr_t)addr);
	if (!p)
		cpu->mmu->ops->store(cpu, addr, bytes == 8 ? v : v & ((1ull << (8 * bytes)) - 1),
		                     mo & (MO_SIZE | MO_ALIGN));
	else
		memcpy(p, &v, bytes);
}

static void log_store(StoreLog *log, uintptr_t base, uint64_t addr, unsigned mo)
{
	if (log->n == log->cap) {
		log->overflow = true;
		return;
	}
	StoreLogEntry *e = &log->entries[log->n++];
	e->addr = addr;
	e->size = (uint8_t)(1u << (mo & MO_SIZE));
	memcpy(e->old, (const void *)(base + (uintptr_t)addr), e->size);
}

/* In system mode the softmmu's slow path checks MO_ALIGN (a misaligned access never
 * hits the TLB), raising the guest's own fault. */
static bool misaligned(const CpuCommon *cpu, uint64_t addr, unsigned mo)
{
	return !cpu->mmu && (mo & MO_ALIGN) && (addr & (ir_memop_bytes(mo) - 1));
}

/* v128 loads and stores: the low ir_memop_bytes bytes, the rest of a load zero. In
 * system mode a 16-byte access that misses the TLB is two 8-byte ones. A 16-byte store
 * is logged as two 8-byte halves. */
static IrVec vec_read(CpuCommon *cpu, uint64_t a, unsigned mo)
{
	IrVec r = {.d = {0, 0}};
	unsigned bytes = ir_memop_bytes(mo);
	const void *p = NULL;
	if (bytes < 16)
		r.d[0] = read_raw(cpu, a, mo & MO_SIZE);
	else if (!cpu->mmu)
		p = (const void *)(cpu->guest_base + (uintptr_t)a);
	else if (!(p = softmmu_lookup(cpu->mmu, a, 16, MMU_READ)))
		r = (IrVec){.d = {read_raw(cpu, a, MO_64 | (mo & MO_ALIGN)),
		                  read_raw(cpu, a + 8, MO_64 | (mo & MO_ALIGN))}};
	if (p)
		memcpy(&r, p, 16);
	return r;
}

static void vec_write(CpuCommon *cpu, uint64_t a, unsigned mo, IrVec v)
{
	unsigned bytes = ir_memop_bytes(mo);
	void *p = NULL;
	if (bytes < 16) {
		write_raw(cpu, a, mo & MO_SIZE, v.d[0]);
	} else if (!cpu->mmu) {
		p = (void *)(cpu->guest_base + (uintptr_t)a);
	} else if (!(p = softmmu_lookup(cpu->mmu, a, 16, MMU_WRITE))) {
		write_raw(cpu, a, MO_64 | (mo & MO_ALIGN), v.d[0]);
		write_raw(cpu, a + 8, MO_64 | (mo & MO_ALIGN), v.d[1]);
	}
	if (p)
		memcpy(p, &v, 16);
}

static void vec_store(const IrBlock *b, uint64_t *t, const IrInsn *in, CpuCommon *cpu,
                      uint64_t a, StoreLog *log)
{
	uintptr_t base = cpu->guest_base;
	if (log && ir_memop_bytes(in->aux) == 16) {
		log_store(log, base, a, MO_64);
		log_store(log, base, a + 8, MO_64);
	} else if (log) {
		log_store(log, base, a, in->aux);
	}
	vec_write(cpu, a, in->aux, vec_temp(b, t, in->src[1]));
}

static void state_get(const CpuCommon *cpu, const IrInsn *in, uint64_t *dst)
{
	const uint8_t *p = (const uint8_t *)cpu + in->imm;
	if (in->type == IR_I32 || in->type == IR_F32) {
		uint32_t x;
		memcpy(&x, p, 4);
		*dst = x;
	} else {
		memcpy(dst, p, 8);
	}
}

static void state_put(CpuCommon *cpu, const IrInsn *in, uint64_t v)
{
	uint8_t *p = (uint8_t *)cpu + in->imm;
	if (in->type == IR_I32 || in->type == IR_F32) {
		uint32_t x = (uint32_t)v;
		memcpy(p, &x, 4);
	} else {
		memcpy(p, &v, 8);
	}
}

/* The v128 forms of the data-movement ops and the vector ops; false for anything else. */
static bool run_vector(const IrBlock *b, const IrInsn *in, CpuCommon *cpu, uint64_t *t)
{
	if (!ir_eval_is_vector((IrOp)in->op, (IrType)in->type))
		return false;
	uint8_t *state = (uint8_t *)cpu + in->imm;
	IrVec v[2] = {{.d = {0, 0}}, {.d = {0, 0}}}, r;
	uint64_t x[2] = {0, 0};
	unsigned nv = 0, nx = 0;
	switch ((IrOp)in->op) {
	case IR_CONST:
		r = (IrVec){.d = {in->imm, in->aux & IR_VCONST_SPLAT ? in->imm : 0}};
		break;
	case IR_MOV:
		r = vec_temp(b, t, in->src[0]);
		break;
	case IR_GET:
		memcpy(&r, state, 16);
		break;
	case IR_PUT:
		r = vec_temp(b, t, in->src[0]);
		memcpy(state, &r, 16);
		return true;
	case IR_LOAD: case IR_STORE:
		return false;
	default:
		for (unsigned s = 0; s < 2 && in->src[s]; s++) {
			if (ir_temp_type(b, in->src[s]) == IR_V128)
				v[nv++] = vec_temp(b, t, in->src[s]);
			else
				x[nx++] = t[in->src[s]];
		}
		r = ir_eval_vec((IrOp)in->op, in->aux, in->imm, v, x);
		if (in->type != IR_V128) {
			t[in->dst] = r.d[0];
			return true;
		}
		break;
	}
	set_vec_temp(b, t, in->dst, r);
	return true;
}

static TbExit leave(CpuCommon *cpu, uint64_t pc, TbExitKind kind, unsigned slot, CpuExit why)
{
	cpu->pc = pc;
	return (TbExit){kind, slot, why};
}

bool tb_resolve_labels(Tb *tb)
{
	free(tb->label_pos);
	tb->label_pos = calloc(tb->ir.n_labels + 1, sizeof *tb->label_pos);
	if (!tb->label_pos)
		return false;
	for (uint32_t i = 0; i < tb->ir.n_insns; i++)
		if (tb->ir.insns[i].op == IR_LABEL)
			tb->label_pos[tb->ir.insns[i].imm] = i;
	return true;
}

TbExit interp_run(const Tb *tb, CpuCommon *cpu, uint64_t *t, StoreLog *log)
{
	const IrBlock *b = &tb->ir;
	uintptr_t base = cpu->guest_base;
	for (uint32_t i = 0; i < b->n_insns; i++) {
		const IrInsn *in = &b->insns[i];
		if (ir_eval_is_vector((IrOp)in->op, (IrType)in->type) && run_vector(b, in, cpu, t))
			continue;
		switch ((IrOp)in->op) {
		case IR_NOP:
		case IR_LABEL:
		case IR_PUSH_RETURN:
			break;
		case IR_FENCE:
			/* The host is TSO: only store-to-load order needs a barrier, as in
			 * the backend (other threads may run guest code concurrently). */
			if (in->aux & IR_FENCE_ST_LD)
				__atomic_thread_fence(__ATOMIC_SEQ_CST);
			break;
		case IR_INSN_START:
			cpu->insn_pc = in->imm;
			break;
		case IR_CONST:
			t[in->dst] = in->imm;
			break;
		case IR_MOV:
			t[in->dst] = t[in->src[0]];
			break;
		case IR_GET:
			state_get(cpu, in, &t[in->dst]);
			break;
		case IR_PUT:
			state_put(cpu, in, t[in->src[0]]);
			break;
		case IR_ITOF: case IR_FTOI: case IR_FCVT: case IR_BITCAST:
			t[in->dst] = ir_eval_conv((IrOp)in->op, (IrType)in->type,
						  ir_temp_type(b, in->src[0]), in->aux, t[in->src[0]]);
			break;
		case IR_LOAD: {
			uint64_t a = guest_addr(b, in, t);
			if (misaligned(cpu, a, in->aux)) {
				cpu->fault_addr = a;
				return leave(cpu, cpu->insn_pc, TB_EXIT, 0, CPU_EXIT_MISALIGNED);
			}
			if (in->type == IR_V128)
				set_vec_temp(b, t, in->dst, vec_read(cpu, a, in->aux));
			else
				t[in->dst] = load_finish(read_raw(cpu, a, in->aux), in->aux,
				                         (IrType)in->type);
			break;
		}
		case IR_STORE: {
			uint64_t a = guest_addr(b, in, t);
			if (misaligned(cpu, a, in->aux)) {
				cpu->fault_addr = a;
				return leave(cpu, cpu->insn_pc, TB_EXIT, 0, CPU_EXIT_MISALIGNED);
			}
			if (in->type == IR_V128) {
				vec_store(b, t, in, cpu, a, log);
				break;
			}
			if (log)
				log_store(log, base, a, in->aux);
			write_raw(cpu, a, in->aux, store_raw(t[in->src[1]], in->aux));
			break;
		}
		case IR_CALL: {
			const IrHelper *h = (const IrHelper *)(uintptr_t)in->imm;
			t[in->dst] = h->fn(cpu, t[in->src[0]], t[in->src[1]], t[in->src[2]],
					   t[in->src[3]]);
			break;
		}
		case IR_BR:
			if (t[in->src[0]])
				i = tb->label_pos[in->imm];
			break;
		case IR_JMP:
			i = tb->label_pos[in->imm];
			break;
		case IR_GOTO_BLOCK:
			return leave(cpu, in->imm, TB_GOTO, in->aux, CPU_EXIT_NONE);
		case IR_LOOKUP_JUMP:
			return leave(cpu, t[in->src[0]], TB_LOOKUP, 0, CPU_EXIT_NONE);
		case IR_EXIT:
			return leave(cpu, in->imm, TB_EXIT, 0, (CpuExit)in->aux);
		default: {
			uint64_t s[3] = {t[in->src[0]], t[in->src[1]], t[in->src[2]]};
			t[in->dst] = ir_eval((IrOp)in->op, (IrType)in->type, in->aux, s);
			break;
		}
		}
	}
	/* The verifier guarantees every path ends in an exit; reaching here is a bug. */
	return leave(cpu, cpu->insn_pc, TB_EXIT, 0, CPU_EXIT_ILLEGAL);
}
