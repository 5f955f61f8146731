/*
 * ferry-sysemu-riscv64's option table and parser (see options.h). Options take one or
 * two dashes like qemu's. Sub-option lists ("file=d.img,format=raw,id=d0") use qemu's
 * rules: key=value items separated by commas, a doubled comma standing for a comma in a
 * value, and an optional leading bare item (the driver, the machine type, the netdev
 * type). A size is a number with an optional K, M, G, T, P or E suffix (powers of 1024).
 */
#include "sysemu/options.h"

#include <errno.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "common/log.h"
#include "sysemu/bus.h"

#define RAM_BASE 0x80000000ull

/* Sub-option list parsing: one callback per item; a bare item has key NULL. */
typedef int (*KvFn)(SysOptions *o, const char *key, const char *val, FILE *err, void *ctx);

static int kv_parse(SysOptions *o, const char *opt, const char *list, KvFn fn, void *ctx, FILE *err)
{
	GString *item = g_string_new(NULL);
	const char *p = list;
	int rc = 0;
	while (rc == 0) {
		g_string_truncate(item, 0);
		while (*p && !(*p == ',' && p[1] != ',')) {
			g_string_append_c(item, *p);
			p += (*p == ',') ? 2 : 1;
		}
		char *eq = strchr(item->str, '=');
		if (eq) {
			*eq = '\0';
			rc = fn(o, item->str, eq + 1, err, ctx);
		} else if (item->len) {
			rc = fn(o, NULL, item->str, err, ctx);
		}
		if (!*p)
			break;
		p++;
	}
	g_string_free(item, TRUE);
	return rc;
}

static int bad_key(const char *opt, const char *key, FILE *err)
{
	fprintf(err, "%s: %s: unsupported parameter '%s'\n", SYSEMU_NAME, opt, key);
	return 1;
}

static int parse_onoff(const char *opt, const char *key, const char *val, bool *out, FILE *err)
{
	if (!strcmp(val, "on") || !strcmp(val, "yes") || !strcmp(val, "true"))
		*out = true;
	else if (!strcmp(val, "off") || !strcmp(val, "no") || !strcmp(val, "false"))
		*out = false;
	else {
		fprintf(err, "%s: %s: %s=%s: expected on or off\n", SYSEMU_NAME, opt, key, val);
		return 1;
	}
	return 0;
}

int sysopt_parse_size(const char *s, uint64_t unit, uint64_t *out)
{
	static const char suffixes[] = "KMGTPE";
	char *end;
	if (!s || !*s || *s == '-' || *s == '+' || *s == ' ')
		return -1;
	errno = 0;
	unsigned long long n = strtoull(s, &end, 10);
	if (errno || end == s)
		return -1;
	uint64_t mult = unit;
	if (*end) {
		const char *suf = strchr(suffixes, g_ascii_toupper(*end));
		if (*end == 'B' || *end == 'b')
			mult = 1;
		else if (!suf)
			return -1;
		else
			mult = 1ull << (10 * (suf - suffixes + 1));
		if (end[1])
			return -1;
	}
	if (n && mult > UINT64_MAX / n)
		return -1;
	*out = n * mult;
	return 0;
}

void sysopt_format_size(uint64_t size, char *buf, size_t len)
{
	static const char suffixes[] = "KMGTPE";
	int i = -1;
	while (i < 5 && size && (size & 1023) == 0) {
		size >>= 10;
		i++;
	}
	if (i < 0)
		snprintf(buf, len, "%llu", (unsigned long long)size);
	else
		snprintf(buf, len, "%llu%c", (unsigned long long)size, suffixes[i]);
}

static void set_str(char **dst, const char *val)
{
	g_free(*dst);
	*dst = g_strdup(val);
}

/* ---- the handlers, one per option ---- */

static int machine_kv(SysOptions *o, const char *key, const char *val, FILE *err, void *ctx)
{
	if (!key || !strcmp(key, "type")) {
		if (!strcmp(val, "help")) {
			*(int *)ctx = 1;
			return 0;
		}
		if (strcmp(val, "virt")) {
			fprintf(
			    err,
			    "%s: -machine %s: unsupported machine type (this build has: virt)\n",
			    SYSEMU_NAME, val);
			return 1;
		}
		return 0;
	}
	if (!strcmp(key, "dumpdtb")) {
		set_str(&o->dumpdtb, val);
		return 0;
	}
	if (!strcmp(key, "accel"))
		return strcmp(val, "tcg") ? bad_key("-machine", "accel", err) : 0;
	return bad_key("-machine", key, err);
}

static int opt_machine(SysOptions *o, const char *arg, FILE *out, FILE *err)
{
	int help = 0;
	if (kv_parse(o, "-machine", arg, machine_kv, &help, err))
		return 1;
	if (help) {
		fprintf(out, "Supported machines are:\nvirt                 RISC-V VirtIO board\n");
		return 0;
	}
	return -1;
}

static int opt_m(SysOptions *o, const char *arg, FILE *out, FILE *err)
{
	const char *s = g_str_has_prefix(arg, "size=") ? arg + 5 : arg;
	uint64_t size;
	if (sysopt_parse_size(s, 1ull << 20, &size) || size == 0) {
		fprintf(err, "%s: -m %s: invalid RAM size\n", SYSEMU_NAME, arg);
		return 1;
	}
	if (size > UINT64_MAX - RAM_BASE + 1 || size % 4096) {
		fprintf(err, "%s: -m %s: RAM at 0x%llx must fit below 2^64 in whole 4 KiB pages\n",
		        SYSEMU_NAME, arg, RAM_BASE);
		return 1;
	}
	o->ram_size = size;
	return -1;
}

static int smp_kv(SysOptions *o, const char *key, const char *val, FILE *err, void *ctx)
{
	if (key && strcmp(key, "cpus") && strcmp(key, "maxcpus"))
		return bad_key("-smp", key, err);
	char *end;
	unsigned long n = strtoul(val, &end, 10);
	if (*end || !*val || n < 1 || n > SYSEMU_MAX_HARTS) {
		fprintf(err, "%s: -smp %s: the number of harts must be 1 to %d\n", SYSEMU_NAME, val,
		        SYSEMU_MAX_HARTS);
		return 1;
	}
	if (!key || !strcmp(key, "cpus"))
		o->smp = (unsigned)n;
	return 0;
}

static int opt_smp(SysOptions *o, const char *arg, FILE *out, FILE *err)
{
	return kv_parse(o, "-smp", arg, smp_kv, NULL, err) ? 1 : -1;
}

static int opt_bios(SysOptions *o, const char *arg, FILE *out, FILE *err)
{
	o->bios_none = !strcmp(arg, "none");
	o->bios_default = !strcmp(arg, "default");
	set_str(&o->bios, o->bios_none || o->bios_default ? NULL : arg);
	return -1;
}

#define STR_OPT(fn, field)                                                                         \
	static int fn(SysOptions *o, const char *arg, FILE *out, FILE *err)                        \
	{                                                                                          \
		set_str(&o->field, arg);                                                           \
		return -1;                                                                         \
	}
STR_OPT(opt_kernel, kernel)
STR_OPT(opt_initrd, initrd)
STR_OPT(opt_append, append)
STR_OPT(opt_dtb, dtb)
STR_OPT(opt_dumpdtb, dumpdtb)
STR_OPT(opt_loadvm, loadvm)
STR_OPT(opt_log_file, log_file)

static int opt_name(SysOptions *o, const char *arg, FILE *out, FILE *err)
{
	set_str(&o->name, g_str_has_prefix(arg, "guest=") ? arg + 6 : arg);
	return -1;
}

static int drive_kv(SysOptions *o, const char *key, const char *val, FILE *err, void *ctx)
{
	SysDrive *d = ctx;
	if (!key)
		return bad_key("-drive", val, err);
	if (!strcmp(key, "file"))
		set_str(&d->file, val);
	else if (!strcmp(key, "format")) {
		if (strcmp(val, "raw") && strcmp(val, "qcow2")) {
			fprintf(err, "%s: -drive format=%s: unsupported format (raw, qcow2)\n",
			        SYSEMU_NAME, val);
			return 1;
		}
		set_str(&d->format, val);
	} else if (!strcmp(key, "if")) {
		if (strcmp(val, "virtio") && strcmp(val, "none")) {
			fprintf(err, "%s: -drive if=%s: unsupported interface (virtio, none)\n",
			        SYSEMU_NAME, val);
			return 1;
		}
		d->if_virtio = !strcmp(val, "virtio");
	} else if (!strcmp(key, "id"))
		set_str(&d->id, val);
	else if (!strcmp(key, "readonly"))
		return parse_onoff("-drive", key, val, &d->read_only, err);
	else if (!strcmp(key, "snapshot"))
		return parse_onoff("-drive", key, val, &d->snapshot, err);
	else if (!strcmp(key, "media")) {
		if (strcmp(val, "disk")) {
			fprintf(err, "%s: -drive media=%s: only disk is supported\n", SYSEMU_NAME,
			        val);
			return 1;
		}
	} else
		return bad_key("-drive", key, err);
	return 0;
}

static int add_device(SysOptions *o, SysDeviceKind kind, const char *ref, FILE *err)
{
	if (o->n_devices == SYSEMU_VIRTIO_SLOTS) {
		fprintf(err, "%s: too many virtio devices (the virt machine has %d slots)\n",
		        SYSEMU_NAME, SYSEMU_VIRTIO_SLOTS);
		return 1;
	}
	SysDevice *dev = &o->devices[o->n_devices++];
	*dev = (SysDevice){kind, g_strdup(ref), -1, -1, NULL};
	return 0;
}

static int opt_drive(SysOptions *o, const char *arg, FILE *out, FILE *err)
{
	if (o->n_drives == SYSEMU_MAX_DRIVES) {
		fprintf(err, "%s: too many -drive options\n", SYSEMU_NAME);
		return 1;
	}
	SysDrive *d = &o->drives[o->n_drives++];
	*d = (SysDrive){.if_virtio = true};
	if (kv_parse(o, "-drive", arg, drive_kv, d, err))
		return 1;
	if (!d->file) {
		fprintf(err, "%s: -drive %s: no file= given\n", SYSEMU_NAME, arg);
		return 1;
	}
	if (!d->id)
		d->id = g_strdup_printf("drive%u", o->n_drives - 1);
	if (d->if_virtio) {
		d->used = true;
		if (add_device(o, SYSDEV_BLK, d->id, err))
			return 1;
		o->devices[o->n_devices - 1].drive = (int)(o->n_drives - 1);
	}
	return -1;
}

static int netdev_kv(SysOptions *o, const char *key, const char *val, FILE *err, void *ctx)
{
	SysNetdev *n = ctx;
	if (!key) {
		if (strcmp(val, "user")) {
			fprintf(err, "%s: -netdev %s: unsupported network backend (user)\n",
			        SYSEMU_NAME, val);
			return 1;
		}
	} else if (!strcmp(key, "id"))
		set_str(&n->id, val);
	return 0;
}

static int add_netdev(SysOptions *o, const char *spec, FILE *err)
{
	if (o->n_netdevs == SYSEMU_MAX_NETDEVS) {
		fprintf(err, "%s: too many network backends\n", SYSEMU_NAME);
		return 1;
	}
	SysNetdev *n = &o->netdevs[o->n_netdevs++];
	*n = (SysNetdev){g_strdup(spec), NULL, false};
	if (kv_parse(o, "-netdev", spec, netdev_kv, n, err))
		return 1;
	if (!g_str_has_prefix(spec, "user")) {
		fprintf(err, "%s: -netdev %s: the backend type comes first (user,id=...)\n",
		        SYSEMU_NAME, spec);
		return 1;
	}
	if (!n->id) {
		fprintf(err, "%s: -netdev %s: no id= given\n", SYSEMU_NAME, spec);
		return 1;
	}
	for (unsigned i = 0; i + 1 < o->n_netdevs; i++)
		if (!strcmp(o->netdevs[i].id, n->id)) {
			fprintf(err, "%s: -netdev: duplicate id '%s'\n", SYSEMU_NAME, n->id);
			return 1;
		}
	return 0;
}

static int opt_netdev(SysOptions *o, const char *arg, FILE *out, FILE *err)
{
	return add_netdev(o, arg, err) ? 1 : -1;
}

/* -nic user[,model=virtio][,backend options]: a netdev and its virtio-net in one. */
static int nic_kv(SysOptions *o, const char *key, const char *val, FILE *err, void *ctx)
{
	GString *spec = ctx;
	if (!key) {
		if (strcmp(val, "user") && strcmp(val, "none")) {
			fprintf(err, "%s: -nic %s: unsupported network backend (user, none)\n",
			        SYSEMU_NAME, val);
			return 1;
		}
		g_string_append(spec, val);
	} else if (!strcmp(key, "model")) {
		if (strcmp(val, "virtio") && strcmp(val, "virtio-net-device") &&
		    strcmp(val, "virtio-net")) {
			fprintf(err, "%s: -nic model=%s: unsupported NIC model (virtio)\n",
			        SYSEMU_NAME, val);
			return 1;
		}
	} else if (!strcmp(key, "id")) {
		return bad_key("-nic", key, err);
	} else {
		g_string_append_printf(spec, ",%s=%s", key, val);
	}
	return 0;
}

static int opt_nic(SysOptions *o, const char *arg, FILE *out, FILE *err)
{
	GString *spec = g_string_new(NULL);
	int rc = kv_parse(o, "-nic", arg, nic_kv, spec, err);
	if (rc == 0 && g_str_has_prefix(spec->str, "user")) {
		char *id = g_strdup_printf("nic%u", o->nic_count++);
		g_string_insert(spec, 4, ",id=");
		g_string_insert(spec, 8, id);
		rc = add_netdev(o, spec->str, err) || add_device(o, SYSDEV_NET, id, err);
		g_free(id);
	}
	g_string_free(spec, TRUE);
	return rc ? 1 : -1;
}

static const struct {
	const char *names[2];
	SysDeviceKind kind;
	const char *ref_key; /* drive, netdev, or NULL */
} device_types[] = {
    {{"virtio-blk-device", "virtio-blk"}, SYSDEV_BLK, "drive"},
    {{"virtio-net-device", "virtio-net"}, SYSDEV_NET, "netdev"},
    {{"virtio-rng-device", "virtio-rng"}, SYSDEV_RNG, NULL},
};
#define N_DEVICE_TYPES (sizeof device_types / sizeof device_types[0])

typedef struct DeviceParse {
	int type; /* index in device_types, -1 before the driver name */
	char *ref, *mac;
} DeviceParse;

static int device_kv(SysOptions *o, const char *key, const char *val, FILE *err, void *ctx)
{
	DeviceParse *dev = ctx;
	if (!key) {
		for (size_t i = 0; i < N_DEVICE_TYPES; i++)
			if (!strcmp(val, device_types[i].names[0]) ||
			    !strcmp(val, device_types[i].names[1])) {
				dev->type = (int)i;
				return 0;
			}
		fprintf(err, "%s: -device %s: unsupported device (-device help lists them)\n",
		        SYSEMU_NAME, val);
		return 1;
	}
	if (dev->type < 0) {
		fprintf(err, "%s: -device: the driver name comes first\n", SYSEMU_NAME);
		return 1;
	}
	const char *ref_key = device_types[dev->type].ref_key;
	if (ref_key && !strcmp(key, ref_key))
		set_str(&dev->ref, val);
	else if (device_types[dev->type].kind == SYSDEV_NET && !strcmp(key, "mac"))
		set_str(&dev->mac, val);
	else if (strcmp(key, "id"))
		return bad_key("-device", key, err);
	return 0;
}

static int opt_device(SysOptions *o, const char *arg, FILE *out, FILE *err)
{
	if (!strcmp(arg, "help")) {
		fprintf(out, "virtio devices (one virtio-mmio slot each):\n");
		for (size_t i = 0; i < N_DEVICE_TYPES; i++)
			fprintf(out, "  %s (alias %s)%s%s%s\n", device_types[i].names[0],
			        device_types[i].names[1], device_types[i].ref_key ? ", " : "",
			        device_types[i].ref_key ? device_types[i].ref_key : "",
			        device_types[i].ref_key ? "=ID" : "");
		return 0;
	}
	DeviceParse dev = {.type = -1};
	int rc = kv_parse(o, "-device", arg, device_kv, &dev, err);
	if (rc == 0 && dev.type < 0) {
		fprintf(err, "%s: -device %s: no driver name\n", SYSEMU_NAME, arg);
		rc = 1;
	}
	if (rc == 0 && device_types[dev.type].ref_key && !dev.ref) {
		fprintf(err, "%s: -device %s: needs %s=ID\n", SYSEMU_NAME, arg,
		        device_types[dev.type].ref_key);
		rc = 1;
	}
	if (rc == 0)
		rc = add_device(o, device_types[dev.type].kind, dev.ref, err);
	if (rc == 0)
		o->devices[o->n_devices - 1].mac = dev.mac;
	else
		g_free(dev.mac);
	g_free(dev.ref);
	return rc ? 1 : -1;
}

static int opt_snapshot(SysOptions *o, const char *arg, FILE *out, FILE *err)
{
	o->snapshot = true;
	return -1;
}

static int opt_nographic(SysOptions *o, const char *arg, FILE *out, FILE *err)
{
	if (!o->serial_given)
		o->serial = SERIAL_MON_STDIO;
	return -1;
}

static int opt_serial(SysOptions *o, const char *arg, FILE *out, FILE *err)
{
	if (!strcmp(arg, "mon:stdio"))
		o->serial = SERIAL_MON_STDIO;
	else if (!strcmp(arg, "stdio"))
		o->serial = SERIAL_STDIO;
	else if (!strcmp(arg, "none") || !strcmp(arg, "null"))
		o->serial = SERIAL_NONE;
	else {
		fprintf(err, "%s: -serial %s: unsupported (mon:stdio, stdio, none)\n", SYSEMU_NAME,
		        arg);
		return 1;
	}
	o->serial_given = true;
	return -1;
}

static int opt_display(SysOptions *o, const char *arg, FILE *out, FILE *err)
{
	if (strcmp(arg, "none")) {
		fprintf(err, "%s: -display %s: this machine has no display (-display none)\n",
		        SYSEMU_NAME, arg);
		return 1;
	}
	return -1;
}

static int opt_monitor(SysOptions *o, const char *arg, FILE *out, FILE *err)
{
	if (!strcmp(arg, "none"))
		o->monitor = false;
	else if (!strcmp(arg, "stdio"))
		o->monitor = true;
	else {
		fprintf(err, "%s: -monitor %s: unsupported (none, stdio)\n", SYSEMU_NAME, arg);
		return 1;
	}
	return -1;
}

static int opt_no_reboot(SysOptions *o, const char *arg, FILE *out, FILE *err)
{
	o->no_reboot = true;
	return -1;
}

static int opt_cpu(SysOptions *o, const char *arg, FILE *out, FILE *err)
{
	if (!strcmp(arg, "help")) {
		fprintf(out, "Available CPUs:\n  rv64 (aliases: max, any)\n");
		return 0;
	}
	if (strcmp(arg, "rv64") && strcmp(arg, "max") && strcmp(arg, "any")) {
		fprintf(err, "%s: -cpu %s: unsupported CPU model (rv64, max, any)\n", SYSEMU_NAME,
		        arg);
		return 1;
	}
	return -1;
}

static int opt_accel(SysOptions *o, const char *arg, FILE *out, FILE *err)
{
	if (strcmp(arg, "tcg") && !g_str_has_prefix(arg, "tcg,")) {
		fprintf(err, "%s: -accel %s: only tcg (translation) is available\n", SYSEMU_NAME,
		        arg);
		return 1;
	}
	return -1;
}

static int opt_d(SysOptions *o, const char *arg, FILE *out, FILE *err)
{
	const char *bad = NULL;
	uint32_t mask = 0;
	int rc = log_parse_items(arg, &mask, out, &bad);
	if (rc == 1)
		return 0;
	if (rc < 0) {
		fprintf(err, "%s: -d %s: unknown log item '%s' (-d help lists them)\n", SYSEMU_NAME,
		        arg, bad);
		return 1;
	}
	o->log_mask |= mask;
	return -1;
}

static int opt_jit(SysOptions *o, const char *arg, FILE *out, FILE *err)
{
	return parse_onoff("-jit", "jit", arg, &o->jit, err) ? 1 : -1;
}

static int opt_help(SysOptions *o, const char *arg, FILE *out, FILE *err);

static int opt_version(SysOptions *o, const char *arg, FILE *out, FILE *err)
{
	fprintf(out, "%s version %s (qemu-system-riscv64 compatible command line)\n", SYSEMU_NAME,
	        FERRY_VERSION);
	return 0;
}

typedef struct SysOptDef {
	const char *name;
	const char *arg; /* the argument's name in --help, NULL for a flag */
	int (*apply)(SysOptions *o, const char *arg, FILE *out, FILE *err);
	const char *help;
} SysOptDef;

static const SysOptDef option_table[] = {
    {"M", "virt[,dumpdtb=FILE]", opt_machine, "the machine (only virt; `help` lists)"},
    {"machine", "virt[,dumpdtb=FILE]", opt_machine, "same as -M"},
    {"m", "SIZE", opt_m, "RAM size (K/M/G suffixes, default unit M; default 128M)"},
    {"smp", "N", opt_smp, "number of harts, 1 to 8 (default 1)"},
    {"cpu", "MODEL", opt_cpu, "CPU model: rv64 (max and any are aliases)"},
    {"bios", "FILE|default|none", opt_bios,
     "M-mode firmware (default: Debian's OpenSBI fw_dynamic.bin; none: run the kernel "
     "in M-mode)"},
    {"kernel", "FILE", opt_kernel, "the kernel: a RISC-V Image or an ELF file"},
    {"initrd", "FILE", opt_initrd, "initial RAM disk"},
    {"append", "STRING", opt_append, "kernel command line"},
    {"dtb", "FILE", opt_dtb, "use this device tree instead of the generated one"},
    {"dumpdtb", "FILE", opt_dumpdtb, "write the generated device tree to FILE and exit"},
    {"drive",
     "file=F[,format=raw|qcow2][,if=virtio|none][,id=ID][,readonly=on]"
     "[,snapshot=on]",
     opt_drive, "a disk image (if=virtio: with its own virtio-blk device)"},
    {"snapshot", NULL, opt_snapshot, "write disk changes to temporary files, not the images"},
    {"netdev", "user,id=ID[,hostfwd=tcp::HPORT-:GPORT]", opt_netdev, "a user-mode network backend"},
    {"nic", "user[,model=virtio][,hostfwd=...]|none", opt_nic,
     "a user-mode network with its virtio-net device"},
    {"device", "DRIVER[,drive=ID|netdev=ID]", opt_device,
     "virtio-blk-device, virtio-net-device or virtio-rng-device (`help` lists)"},
    {"nographic", NULL, opt_nographic, "no display; serial console and monitor on stdio"},
    {"serial", "mon:stdio|stdio|none", opt_serial, "where the serial console goes"},
    {"display", "none", opt_display, "accepted for compatibility (there is no display)"},
    {"monitor", "none|stdio", opt_monitor, "none: no monitor behind Ctrl-A c"},
    {"no-reboot", NULL, opt_no_reboot, "exit instead of rebooting when the guest reboots"},
    {"accel", "tcg", opt_accel, "accepted for compatibility (always translation)"},
    {"loadvm", "FILE", opt_loadvm, "start from a snapshot file written by savevm"},
    {"name", "NAME", opt_name, "a name for the machine"},
    {"d", "ITEM,...", opt_d, "log items (-d help lists them)"},
    {"D", "FILE", opt_log_file, "write the log to FILE instead of stderr"},
    {"jit", "on|off", opt_jit, "off: run guest code on the IR interpreter"},
    {"help", NULL, opt_help, "this help"},
    {"h", NULL, opt_help, "this help"},
    {"version", NULL, opt_version, "print the version"},
};
#define N_OPTIONS (sizeof option_table / sizeof option_table[0])

static int opt_help(SysOptions *o, const char *arg, FILE *out, FILE *err)
{
	fprintf(out,
	        "usage: %s [options]\n"
	        "Runs a riscv64 `virt` machine (qemu-system-riscv64 -M virt compatible).\n\n",
	        SYSEMU_NAME);
	for (size_t i = 0; i < N_OPTIONS; i++) {
		const SysOptDef *d = &option_table[i];
		char left[160];
		snprintf(left, sizeof left, "-%s%s%s", d->name, d->arg ? " " : "",
		         d->arg ? d->arg : "");
		if (strlen(left) > 26)
			fprintf(out, "  %s\n  %-26s %s\n", left, "", d->help);
		else
			fprintf(out, "  %-26s %s\n", left, d->help);
	}
	fprintf(out, "\nConsole: Ctrl-A x quits, Ctrl-A c switches to the monitor and back.\n");
	return 0;
}

void sysopt_init(SysOptions *o)
{
	*o = (SysOptions){.ram_size = SYSEMU_DEFAULT_RAM,
	                  .smp = 1,
	                  .bios_default = true,
	                  .serial = SERIAL_MON_STDIO,
	                  .monitor = true,
	                  .jit = true};
}

static const SysOptDef *find_option(const char *name)
{
	for (size_t i = 0; i < N_OPTIONS; i++)
		if (!strcmp(option_table[i].name, name))
			return &option_table[i];
	return NULL;
}

int sysopt_parse(SysOptions *o, int argc, char **argv, FILE *out, FILE *err)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (a[0] != '-' || !a[1]) {
			fprintf(err,
			        "%s: %s: unexpected argument (a disk image needs -drive file=%s)\n",
			        SYSEMU_NAME, a, a);
			return 1;
		}
		const char *name = a + 1 + (a[1] == '-');
		const SysOptDef *d = find_option(name);
		if (!d) {
			fprintf(err, "%s: %s: invalid option (--help lists the options)\n",
			        SYSEMU_NAME, a);
			return 1;
		}
		const char *arg = NULL;
		if (d->arg) {
			if (i + 1 >= argc) {
				fprintf(err, "%s: %s: requires an argument (%s)\n", SYSEMU_NAME, a,
				        d->arg);
				return 1;
			}
			arg = argv[++i];
		}
		int rc = d->apply(o, arg, out, err);
		if (rc >= 0)
			return rc;
	}
	return -1;
}

static int check_refs(SysOptions *o, FILE *err)
{
	for (unsigned i = 0; i < o->n_devices; i++) {
		SysDevice *dev = &o->devices[i];
		if (dev->kind == SYSDEV_BLK && dev->drive < 0) {
			for (unsigned k = 0; k < o->n_drives && dev->drive < 0; k++)
				if (!strcmp(o->drives[k].id, dev->ref))
					dev->drive = (int)k;
			if (dev->drive < 0 || o->drives[dev->drive].used) {
				fprintf(err, "%s: -device drive=%s: %s\n", SYSEMU_NAME, dev->ref,
				        dev->drive < 0 ? "no -drive with that id"
				                       : "drive already in use");
				return 1;
			}
			o->drives[dev->drive].used = true;
		}
		if (dev->kind == SYSDEV_NET) {
			for (unsigned k = 0; k < o->n_netdevs && dev->netdev < 0; k++)
				if (!strcmp(o->netdevs[k].id, dev->ref))
					dev->netdev = (int)k;
			if (dev->netdev < 0 || o->netdevs[dev->netdev].used) {
				fprintf(err, "%s: -device netdev=%s: %s\n", SYSEMU_NAME, dev->ref,
				        dev->netdev < 0 ? "no -netdev with that id"
				                        : "netdev already in use");
				return 1;
			}
			o->netdevs[dev->netdev].used = true;
		}
	}
	for (unsigned k = 0; k < o->n_drives; k++)
		if (o->snapshot)
			o->drives[k].snapshot = true;
	return 0;
}

/* RAM must be allocatable: below the address-space and data limits and the host's
 * physical memory (guest RAM is host memory the guest may touch entirely). */
static int check_ram(SysOptions *o, FILE *err)
{
	char want[32], have[32];
	sysopt_format_size(o->ram_size, want, sizeof want);
	long pages = sysconf(_SC_PHYS_PAGES), psize = sysconf(_SC_PAGESIZE);
	uint64_t phys = pages > 0 && psize > 0 ? (uint64_t)pages * (uint64_t)psize : UINT64_MAX;
	struct rlimit rl;
	uint64_t limit = phys;
	const char *what = "the host's memory";
	if (getrlimit(RLIMIT_AS, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < limit) {
		limit = rl.rlim_cur;
		what = "the address-space limit (ulimit -v)";
	}
	if (o->ram_size > limit) {
		sysopt_format_size(limit & ~((1ull << 20) - 1), have, sizeof have);
		fprintf(err, "%s: -m %s: more than %s (%s)\n", SYSEMU_NAME, want, what, have);
		return 1;
	}
	return 0;
}

static int check_bios(SysOptions *o, FILE *err)
{
	if (!o->bios_default || o->bios_none)
		return 0;
	if (access(SYSEMU_DEFAULT_BIOS, R_OK) != 0) {
		fprintf(err,
		        "%s: %s: default firmware not found (install Debian's %s package, or give "
		        "-bios FILE or -bios none)\n",
		        SYSEMU_NAME, SYSEMU_DEFAULT_BIOS, SYSEMU_BIOS_PACKAGE);
		return 1;
	}
	o->bios = g_strdup(SYSEMU_DEFAULT_BIOS);
	o->bios_default = false;
	return 0;
}

int sysopt_check(SysOptions *o, FILE *err)
{
	if (!o->kernel && (o->append || o->initrd)) {
		fprintf(err, "%s: %s is only allowed with -kernel\n", SYSEMU_NAME,
		        o->append ? "-append" : "-initrd");
		return 1;
	}
	if (check_refs(o, err) || check_ram(o, err))
		return 1;
	if (check_bios(o, err))
		return 1;
	return -1;
}

void sysopt_free(SysOptions *o)
{
	g_free(o->bios);
	g_free(o->kernel);
	g_free(o->initrd);
	g_free(o->append);
	g_free(o->dtb);
	g_free(o->dumpdtb);
	g_free(o->loadvm);
	g_free(o->name);
	g_free(o->log_file);
	for (unsigned i = 0; i < o->n_drives; i++) {
		g_free(o->drives[i].file);
		g_free(o->drives[i].format);
		g_free(o->drives[i].id);
	}
	for (unsigned i = 0; i < o->n_netdevs; i++) {
		g_free(o->netdevs[i].spec);
		g_free(o->netdevs[i].id);
	}
	for (unsigned i = 0; i < o->n_devices; i++) {
		g_free(o->devices[i].ref);
		g_free(o->devices[i].mac);
	}
	sysopt_init(o);
}
