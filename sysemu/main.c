/*
 * ferry-sysemu-riscv64: the full-system mode's entry point (command line, machine
 * construction, run). The machine is assembled in sysemu/virt.c.
 */
#include <stdio.h>

int main(int argc, char **argv)
{
	fprintf(stderr, "ferry-sysemu-riscv64: no machine yet\n");
	return 1;
}
