/* Sv48 MMU test: see mmu.inc. */
#define LEVELS 4
#include "mmu.inc"
