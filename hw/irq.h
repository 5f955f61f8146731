/*
 * Interrupt wires between device models, interrupt controllers and harts. A line is a
 * callback with the receiver's state and an input number; a device drives its level
 * (1 asserted, 0 deasserted) and never knows who listens. The PLIC's outputs and the
 * CLINT's are lines into a hart's mip bits (the machine wires them).
 */
#ifndef FERRY_IRQ_H
#define FERRY_IRQ_H

typedef struct IrqLine {
	void (*set)(void *opaque, unsigned n, int level);
	void *opaque;
	unsigned n;
} IrqLine;

static inline void irq_set(const IrqLine *line, int level)
{
	if (line && line->set)
		line->set(line->opaque, line->n, level);
}

#endif
