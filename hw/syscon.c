/*
 * sifive,test finisher (hw/syscon.h): decodes the command word written at offset 0 and
 * hands it to the machine's shutdown callback; every other access is ignored. The command
 * may come as 16 bits (OpenSBI's finisher driver writes a halfword) or 32 bits (Linux's
 * syscon drivers, with a failure code in the upper half).
 */
#include "hw/syscon.h"

#include <stdlib.h>

#define SYSCON_CMD_FAIL     0x3333
#define SYSCON_CMD_POWEROFF 0x5555
#define SYSCON_CMD_RESET    0x7777

struct Syscon {
	SysconShutdown shutdown;
	void *opaque;
};

static uint64_t syscon_read(void *opaque, uint64_t off, unsigned size)
{
	return 0;
}

static void syscon_write(void *opaque, uint64_t off, uint64_t value, unsigned size)
{
	Syscon *s = opaque;
	if (off != 0 || size < 2 || !s->shutdown)
		return;
	unsigned cmd = value & 0xffff, code = size >= 4 ? (value >> 16) & 0xffff : 0;
	if (cmd == SYSCON_CMD_POWEROFF)
		s->shutdown(s->opaque, SYSCON_POWEROFF, 0);
	else if (cmd == SYSCON_CMD_RESET)
		s->shutdown(s->opaque, SYSCON_RESET, 0);
	else if (cmd == SYSCON_CMD_FAIL)
		s->shutdown(s->opaque, SYSCON_FAIL, (int)code);
}

static const MemRegionOps syscon_ops = {syscon_read, syscon_write};

Syscon *syscon_new(Bus *bus, uint64_t base, SysconShutdown shutdown, void *opaque)
{
	Syscon *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	s->shutdown = shutdown;
	s->opaque = opaque;
	if (bus_add_mmio(bus, base, SYSCON_SIZE, &syscon_ops, s, "test")) {
		free(s);
		return NULL;
	}
	return s;
}

void syscon_free(Syscon *s)
{
	free(s);
}
