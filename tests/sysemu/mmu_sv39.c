/* Sv39 MMU test: see mmu.inc. */
#define LEVELS 3
#include "mmu.inc"
