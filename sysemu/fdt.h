/*
 * The device tree of the riscv64 `virt` machine, built with libfdt: what qemu 7.2's
 * virt describes for the parts ferry models (harts with their interrupt controllers,
 * memory, CLINT, PLIC, ns16550a UART, goldfish RTC, the sifive,test syscon with its
 * poweroff and reboot nodes, eight virtio-mmio slots, /chosen). The blob is built once,
 * then /chosen is filled in place after the boot code has placed the initrd.
 */
#ifndef FERRY_SYSEMU_FDT_H
#define FERRY_SYSEMU_FDT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The virt memory map and interrupt numbers (PLIC sources). */
#define VIRT_TEST_BASE   0x100000ull
#define VIRT_TEST_SIZE   0x1000ull
#define VIRT_RTC_BASE    0x101000ull
#define VIRT_RTC_SIZE    0x1000ull
#define VIRT_CLINT_BASE  0x2000000ull
#define VIRT_CLINT_SIZE  0x10000ull
#define VIRT_PLIC_BASE   0xc000000ull
#define VIRT_PLIC_SIZE   0x600000ull
#define VIRT_PLIC_NDEV   0x60
#define VIRT_UART_BASE   0x10000000ull
#define VIRT_UART_SIZE   0x100ull
#define VIRT_UART_CLOCK  3686400
#define VIRT_VIRTIO_BASE 0x10001000ull
#define VIRT_VIRTIO_SIZE 0x1000ull
#define VIRT_UART_IRQ    10
#define VIRT_RTC_IRQ     11
#define VIRT_VIRTIO_IRQ  1 /* slot n has source 1 + n */
#define VIRT_TIMEBASE_HZ 10000000

#define SYSEMU_FDT_MAX_HARTS 8
#define VIRT_DEFAULT_ISA     "rv64imafdc_zicsr_zifencei_sstc"
#define VIRT_DEFAULT_MMU     "riscv,sv48"

typedef struct VirtFdtConfig {
	uint64_t ram_base, ram_size;
	unsigned nharts;
	const char *isa;       /* riscv,isa of each hart */
	const char *mmu;       /* mmu-type */
	unsigned virtio_slots; /* virtio_mmio nodes */
} VirtFdtConfig;

/* The generated tree, with room to grow /chosen; NULL with *err on failure. g_free. */
void *virt_fdt_build(const VirtFdtConfig *c, char **err);
/* A tree read from a -dtb file, with room to grow /chosen; NULL with "PATH: reason". */
void *virt_fdt_load_file(const char *path, char **err);

/* Sets /chosen (creating it): bootargs when non-NULL, linux,initrd-start/end when
 * has_initrd, rng-seed (32 random bytes) when rng_seed. Calling it again with the same
 * arguments but other initrd addresses keeps the blob's size. 0, or -1 with *err. */
int virt_fdt_set_chosen(void *fdt, const char *bootargs, bool has_initrd, uint64_t initrd_start,
                        uint64_t initrd_end, bool rng_seed, char **err);
/* Packs the tree; its final size. */
size_t virt_fdt_finish(void *fdt);

#endif
