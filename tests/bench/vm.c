/*
 * Stresses unpredictable indirect branches (switch dispatch) and small memory accesses:
 * a bytecode interpreter for a little stack machine running a loop program (a 64-bit
 * LCG, data-dependent branches, loads and stores into a 256-entry table).
 * usage: vm [SCALE]; prints the program's final values.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

enum op {
	PUSH,   /* imm: push it */
	LOAD,   /* slot: push local */
	STORE,  /* slot: pop into local */
	ADD,    /* pop b, pop a, push a + b (likewise SUB .. LT) */
	SUB,
	MUL,
	XOR,
	AND,
	SHR,
	LT,
	DUP,
	TLOAD,  /* pop index, push table[index & 255] */
	TSTORE, /* pop value, pop index: table[index & 255] = value */
	JZ,     /* target: pop, jump when zero */
	JMP,    /* target */
	HALT,
};

enum { I, N, ACC, T }; /* local slots */

static uint64_t code[256];
static unsigned len;

static void emit(uint64_t word)
{
	code[len++] = word;
}

static void emit2(enum op op, uint64_t arg)
{
	emit(op);
	emit(arg);
}

/* A forward jump: returns where to patch its target. */
static unsigned emit_jump(enum op op)
{
	emit2(op, 0);
	return len - 1;
}

static void assemble(void)
{
	emit2(PUSH, 0), emit2(STORE, I);
	emit2(PUSH, 1), emit2(STORE, ACC);
	unsigned loop = len;
	emit2(LOAD, I), emit2(LOAD, N), emit(LT);
	unsigned to_end = emit_jump(JZ);
	/* acc = acc * 6364136223846793005 + i */
	emit2(LOAD, ACC), emit2(PUSH, 6364136223846793005u), emit(MUL), emit2(LOAD, I),
		emit(ADD), emit2(STORE, ACC);
	/* t = (acc >> 29) ^ i */
	emit2(LOAD, ACC), emit2(PUSH, 29), emit(SHR), emit2(LOAD, I), emit(XOR), emit2(STORE, T);
	/* v = t & 1 ? t + table[t] : acc - t; t = v */
	emit2(LOAD, T), emit2(PUSH, 1), emit(AND);
	unsigned to_else = emit_jump(JZ);
	emit2(LOAD, T), emit2(LOAD, T), emit(TLOAD), emit(ADD);
	unsigned to_join = emit_jump(JMP);
	code[to_else] = len;
	emit2(LOAD, ACC), emit2(LOAD, T), emit(SUB);
	code[to_join] = len;
	emit(DUP), emit2(STORE, T);
	/* table[i] ^= t; acc ^= t; i = i + 1 */
	emit2(LOAD, I), emit2(LOAD, T), emit2(LOAD, I), emit(TLOAD), emit(XOR), emit(TSTORE);
	emit2(LOAD, ACC), emit(XOR), emit2(STORE, ACC);
	emit2(LOAD, I), emit2(PUSH, 1), emit(ADD), emit2(STORE, I);
	emit2(JMP, loop);
	code[to_end] = len;
	emit(HALT);
}

static uint64_t run(uint64_t n, uint64_t table[256])
{
	uint64_t stack[16], local[4] = {0, n, 0, 0};
	unsigned sp = 0, pc = 0;
	for (;;) {
		uint64_t op = code[pc++], b;
		switch (op) {
		case PUSH:
			stack[sp++] = code[pc++];
			break;
		case LOAD:
			stack[sp++] = local[code[pc++]];
			break;
		case STORE:
			local[code[pc++]] = stack[--sp];
			break;
		case ADD:
			b = stack[--sp];
			stack[sp - 1] += b;
			break;
		case SUB:
			b = stack[--sp];
			stack[sp - 1] -= b;
			break;
		case MUL:
			b = stack[--sp];
			stack[sp - 1] *= b;
			break;
		case XOR:
			b = stack[--sp];
			stack[sp - 1] ^= b;
			break;
		case AND:
			b = stack[--sp];
			stack[sp - 1] &= b;
			break;
		case SHR:
			b = stack[--sp];
			stack[sp - 1] >>= b & 63;
			break;
		case LT:
			b = stack[--sp];
			stack[sp - 1] = stack[sp - 1] < b;
			break;
		case DUP:
			stack[sp] = stack[sp - 1];
			sp++;
			break;
		case TLOAD:
			stack[sp - 1] = table[stack[sp - 1] & 255];
			break;
		case TSTORE:
			b = stack[--sp];
			table[stack[--sp] & 255] = b;
			break;
		case JZ:
			if (stack[--sp] == 0)
				pc = (unsigned)code[pc];
			else
				pc++;
			break;
		case JMP:
			pc = (unsigned)code[pc];
			break;
		case HALT:
			return local[ACC];
		default:
			fprintf(stderr, "vm: bad opcode %llu\n", (unsigned long long)op);
			exit(1);
		}
	}
}

int main(int argc, char **argv)
{
	long scale = argc > 1 ? atol(argv[1]) : 1;
	assemble();
	uint64_t table[256];
	for (unsigned i = 0; i < 256; i++)
		table[i] = i * 0x0101010101010101u;
	uint64_t acc = run(7000000u * (uint64_t)scale, table), sum = 0;
	for (unsigned i = 0; i < 256; i++)
		sum = sum * 31 + table[i];
	printf("vm scale=%ld acc=%016llx table=%016llx\n", scale, (unsigned long long)acc,
	       (unsigned long long)sum);
	return 0;
}
