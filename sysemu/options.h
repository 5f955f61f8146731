/*
 * The command line of ferry-sysemu-riscv64, compatible with qemu-system-riscv64's for
 * the options a riscv64 `virt` machine needs. One table (options.c) names every option,
 * its argument and its help line; parsing fills a SysOptions, then sysopt_check resolves
 * cross-references (a -device's drive= and netdev=, -append without -kernel) so the
 * machine gets a consistent description. Errors are one line on stderr; the caller exits
 * with status 1 as qemu does.
 */
#ifndef FERRY_SYSEMU_OPTIONS_H
#define FERRY_SYSEMU_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define SYSEMU_NAME         "ferry-sysemu-riscv64"
#define SYSEMU_MAX_HARTS    8
#define SYSEMU_VIRTIO_SLOTS 8
#define SYSEMU_MAX_DRIVES   16
#define SYSEMU_MAX_NETDEVS  8
#define SYSEMU_DEFAULT_RAM  (128ull << 20) /* qemu's default for virt */
#define SYSEMU_DEFAULT_BIOS "/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin"
#define SYSEMU_BIOS_PACKAGE "opensbi"

typedef struct SysDrive {
	char *file;
	char *format; /* "raw", "qcow2" or NULL (detect) */
	char *id;
	bool if_virtio; /* if=virtio (the default): gets a virtio-blk device of its own */
	bool read_only;
	bool snapshot;
	bool used; /* claimed by a device */
} SysDrive;

typedef struct SysNetdev {
	char *spec; /* what net_backend_new parses: "user,id=n0,hostfwd=..." */
	char *id;
	bool used;
} SysNetdev;

typedef enum SysDeviceKind { SYSDEV_BLK, SYSDEV_NET, SYSDEV_RNG } SysDeviceKind;

typedef struct SysDevice {
	SysDeviceKind kind;
	char *ref;  /* drive or netdev id as given; NULL for rng */
	int drive;  /* index in drives, once resolved; -1 otherwise */
	int netdev; /* index in netdevs, once resolved; -1 otherwise */
	char *mac;  /* virtio-net mac=, or NULL */
} SysDevice;

typedef enum SysSerial { SERIAL_MON_STDIO, SERIAL_STDIO, SERIAL_NONE } SysSerial;

typedef struct SysOptions {
	uint64_t ram_size; /* -m, bytes */
	unsigned smp;      /* -smp */
	char *bios;        /* -bios path after resolving "default"; NULL with -bios none */
	bool bios_none;
	char *kernel, *initrd, *append, *dtb;
	char *dumpdtb; /* -dumpdtb or -machine dumpdtb= */
	char *loadvm;
	char *name;
	SysDrive drives[SYSEMU_MAX_DRIVES];
	unsigned n_drives;
	SysNetdev netdevs[SYSEMU_MAX_NETDEVS];
	unsigned n_netdevs;
	SysDevice devices[SYSEMU_VIRTIO_SLOTS];
	unsigned n_devices;
	bool snapshot; /* -snapshot: every drive gets snapshot=on */
	SysSerial serial;
	bool serial_given;
	bool monitor; /* false with -monitor none */
	bool no_reboot;
	bool jit;          /* -jit on|off */
	uint32_t log_mask; /* -d */
	char *log_file;    /* -D */
	/* internal: "-bios default" is resolved by sysopt_check */
	bool bios_default;
	unsigned nic_count;
} SysOptions;

/* Fills defaults. */
void sysopt_init(SysOptions *o);
/* Parses argv (argv[0] is the program). Returns -1 to go on, or an exit status: 0 after
 * --help, --version or a `help` listing, 1 after an error reported on `err`. */
int sysopt_parse(SysOptions *o, int argc, char **argv, FILE *out, FILE *err);
/* Resolves references and defaults; -1 to go on, or 1 after an error on `err`. */
int sysopt_check(SysOptions *o, FILE *err);
void sysopt_free(SysOptions *o);

/* "512M", "2G", "1024" (no suffix: `unit` bytes); 0 or -1. Shared with the tests. */
int sysopt_parse_size(const char *s, uint64_t unit, uint64_t *out);
/* The size as qemu prints it in messages: "512M", "2G", "1536K", "12345". */
void sysopt_format_size(uint64_t size, char *buf, size_t len);

#endif
