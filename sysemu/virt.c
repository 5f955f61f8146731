/*
 * The `virt` machine's assembly and main loop (see virt.h). The main thread builds the
 * machine, starts one thread per hart and then only waits: for a shutdown request from
 * the syscon, the console (Ctrl-A x), the monitor, or SIGINT/SIGTERM (taken by a
 * sigwait thread, so no handler runs inside translated code). A reboot stops the harts,
 * reloads the boot images, resets harts and devices and starts them again.
 */
#include "sysemu/virt.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "sysemu/bus.h"
#include "sysemu/clock.h"
#include "sysemu/fdt.h"
#include "sysemu/snapshot.h"

#define MAX_SECTIONS 64

static const char *const device_kind_names[] = {
    [SYSDEV_BLK] = "virtio-blk", [SYSDEV_NET] = "virtio-net", [SYSDEV_RNG] = "virtio-rng"};

/* Bus, RAM and MROM; 0 or -1 with *err. */
static int virt_memory(VirtMachine *m, char **err)
{
	char size[32];
	m->bus = bus_new();
	m->ram = bus_add_ram(m->bus, VIRT_DRAM_BASE, m->opt->ram_size, "ram");
	m->mrom = bus_add_rom(m->bus, VIRT_MROM_BASE, VIRT_MROM_SIZE, "mrom");
	if (!m->ram || !m->mrom) {
		sysopt_format_size(m->opt->ram_size, size, sizeof size);
		*err = g_strdup_printf("cannot allocate %s of guest RAM: %s", size,
		                       g_strerror(ENOMEM));
		return -1;
	}
	size_t n = 0;
	m->devices_desc[0] = '\0';
	for (unsigned i = 0; i < m->opt->n_devices; i++)
		n += (size_t)snprintf(m->devices_desc + n, sizeof m->devices_desc - n, "%s%s",
		                      i ? "," : "", device_kind_names[m->opt->devices[i].kind]);
	return 0;
}

static VirtMachine *virt_alloc(const SysOptions *opt)
{
	VirtMachine *m = g_new0(VirtMachine, 1);
	m->opt = opt;
	pthread_mutex_init(&m->lock, NULL);
	pthread_cond_init(&m->cond, NULL);
	return m;
}

static void *virt_tree(VirtMachine *m, char **err)
{
	const SysOptions *o = m->opt;
	if (o->dtb)
		return virt_fdt_load_file(o->dtb, err);
	VirtFdtConfig c = {VIRT_DRAM_BASE,   o->ram_size,      o->smp,
	                   VIRT_DEFAULT_ISA, VIRT_DEFAULT_MMU, SYSEMU_VIRTIO_SLOTS};
	return virt_fdt_build(&c, err);
}

void *virt_build_boot(VirtMachine *m, size_t *size, char **err)
{
	const SysOptions *o = m->opt;
	BootLayout *l = &m->layout;
	boot_layout_init(l, VIRT_DRAM_BASE, o->ram_size);
	if (o->bios && boot_load_firmware(m->bus, l, o->bios, err))
		return NULL;
	if (o->kernel && boot_load_kernel(m->bus, l, o->kernel, err))
		return NULL;
	void *fdt = virt_tree(m, err);
	bool initrd = o->initrd != NULL, seed = !o->dtb;
	if (!fdt || virt_fdt_set_chosen(fdt, o->append, initrd, 0, 0, seed, err))
		goto fail;
	*size = virt_fdt_finish(fdt);
	if (boot_place_fdt(l, *size, err) ||
	    (initrd && boot_load_initrd(m->bus, l, o->initrd, err)))
		goto fail;
	if (virt_fdt_set_chosen(fdt, o->append, initrd, l->initrd_start, l->initrd_end, seed, err))
		goto fail;
	void *dst = bus_ram_ptr(m->bus, l->fdt_addr, *size, 1);
	memcpy(dst, fdt, *size);
	boot_write_mrom(m->mrom, VIRT_MROM_SIZE, l);
	return fdt;
fail:
	g_free(fdt);
	return NULL;
}

int virt_dump_dtb(const SysOptions *opt, const char *path, char **err)
{
	VirtMachine *m = virt_alloc(opt);
	size_t size = 0;
	void *fdt = virt_memory(m, err) ? NULL : virt_build_boot(m, &size, err);
	int rc = fdt ? 0 : -1;
	if (fdt && !g_file_set_contents(path, fdt, (gssize)size, NULL)) {
		*err = g_strdup_printf("%s: %s", path, g_strerror(errno));
		rc = -1;
	}
	g_free(fdt);
	virt_machine_free(m);
	return rc;
}

VirtMachine *virt_machine_new(const SysOptions *opt, char **err)
{
	VirtMachine *m = virt_alloc(opt);
	size_t size;
	void *fdt = NULL;
	if (virt_memory(m, err) || !(fdt = virt_build_boot(m, &size, err)) ||
	    !(m->dev = virt_devices_new(m, err))) {
		g_free(fdt);
		virt_machine_free(m);
		return NULL;
	}
	g_free(fdt);
	virt_devices_ram_replaced(m->dev);
	virt_devices_reset(m->dev, VIRT_MROM_BASE);
	return m;
}

void virt_machine_free(VirtMachine *m)
{
	if (!m)
		return;
	if (m->dev)
		virt_devices_free(m->dev);
	if (m->bus)
		bus_free(m->bus);
	pthread_mutex_destroy(&m->lock);
	pthread_cond_destroy(&m->cond);
	g_free(m);
}

void virt_request_shutdown(VirtMachine *m, VirtShutdownKind kind, int code)
{
	pthread_mutex_lock(&m->lock);
	if (!m->shutdown_pending) {
		m->shutdown_pending = true;
		m->shutdown_kind = kind;
		m->shutdown_code = code;
	}
	pthread_cond_broadcast(&m->cond);
	pthread_mutex_unlock(&m->lock);
}

void virt_syscon_shutdown(void *opaque, int kind, int code)
{
	static const VirtShutdownKind kinds[] = {VIRT_SHUTDOWN_POWEROFF, VIRT_SHUTDOWN_REBOOT,
	                                         VIRT_SHUTDOWN_FAIL};
	virt_request_shutdown(opaque, kinds[kind >= 0 && kind <= 2 ? kind : 0], code);
}

/* ---- snapshots ---- */

static void clock_save(void *opaque, GByteArray *out)
{
	vmstate_put_u32(out, 1);
	vmstate_put_u64(out, clock_ticks());
}

static int clock_load(void *opaque, VmReader *in)
{
	uint32_t version = vmstate_get_u32(in);
	uint64_t ticks = vmstate_get_u64(in);
	if (in->error || version != 1)
		return -1;
	clock_set_ticks(ticks);
	return 0;
}

/* The sections and RAM of the machine, into storage the caller owns. */
static void snapshot_parts(VirtMachine *m, SnapshotParts *p, VmStateSection *secs, SnapshotRam *ram)
{
	size_t n = virt_devices_vmstate(m->dev, secs, MAX_SECTIONS - 1);
	secs[n++] = (VmStateSection){"clock", clock_save, clock_load, m};
	ram[0] = (SnapshotRam){"ram", VIRT_DRAM_BASE, m->opt->ram_size, m->ram};
	*p = (SnapshotParts){{m->opt->ram_size, m->opt->smp, m->devices_desc}, secs, n, ram, 1};
}

/* Pauses the harts and holds the device lock around fn; after a load (which may have
 * replaced guest RAM, partly or wholly) no translation is kept. */
static int virt_with_machine_stopped(VirtMachine *m, const char *path,
                                     int (*fn)(const char *, const SnapshotParts *, char **),
                                     char **err)
{
	VmStateSection secs[MAX_SECTIONS];
	SnapshotRam ram[1];
	SnapshotParts parts;
	snapshot_parts(m, &parts, secs, ram);
	if (!m->paused)
		virt_devices_pause(m->dev);
	bus_lock(m->bus);
	int rc = fn(path, &parts, err);
	if (fn == snapshot_load)
		virt_devices_ram_replaced(m->dev);
	bus_unlock(m->bus);
	if (!m->paused)
		virt_devices_resume(m->dev);
	return rc;
}

bool virt_monitor_running(VirtMachine *m)
{
	return !m->paused;
}

void virt_monitor_stop(VirtMachine *m)
{
	if (!m->paused)
		virt_devices_pause(m->dev);
	m->paused = true;
}

void virt_monitor_cont(VirtMachine *m)
{
	if (m->paused)
		virt_devices_resume(m->dev);
	m->paused = false;
}

int virt_monitor_savevm(VirtMachine *m, const char *path, GString *out)
{
	char *err = NULL;
	int rc = virt_with_machine_stopped(m, path, snapshot_save, &err);
	if (rc)
		g_string_append_printf(out, "savevm: %s\n", err);
	g_free(err);
	return rc;
}

int virt_monitor_loadvm(VirtMachine *m, const char *path, GString *out)
{
	char *err = NULL;
	int rc = virt_with_machine_stopped(m, path, snapshot_load, &err);
	if (rc)
		g_string_append_printf(out,
		                       "loadvm: %s (the machine state may be partly "
		                       "replaced)\n",
		                       err);
	g_free(err);
	return rc;
}

void virt_monitor_quit(VirtMachine *m)
{
	virt_request_shutdown(m, VIRT_SHUTDOWN_POWEROFF, 0);
}

/* ---- running ---- */

typedef struct HartThread {
	VirtMachine *m;
	unsigned index;
	pthread_t thread;
} HartThread;

static void *hart_thread(void *arg)
{
	HartThread *t = arg;
	virt_devices_run_hart(t->m->dev, t->index);
	return NULL;
}

static void *signal_thread(void *arg)
{
	VirtMachine *m = arg;
	sigset_t set;
	int sig;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	if (sigwait(&set, &sig) == 0) {
		fprintf(stderr, "%s: terminating on signal %d\n", SYSEMU_NAME, sig);
		virt_request_shutdown(m, VIRT_SHUTDOWN_SIGNAL, 0);
	}
	return NULL;
}

static void block_signals(void)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
}

/* Runs the harts until a shutdown request; the request's kind. */
static VirtShutdownKind run_harts(VirtMachine *m)
{
	unsigned n = virt_devices_nharts(m->dev);
	HartThread *t = g_new0(HartThread, n);
	for (unsigned i = 0; i < n; i++) {
		t[i] = (HartThread){m, i, 0};
		pthread_create(&t[i].thread, NULL, hart_thread, &t[i]);
	}
	pthread_mutex_lock(&m->lock);
	while (!m->shutdown_pending)
		pthread_cond_wait(&m->cond, &m->lock);
	VirtShutdownKind kind = m->shutdown_kind;
	pthread_mutex_unlock(&m->lock);
	virt_devices_stop(m->dev);
	for (unsigned i = 0; i < n; i++)
		pthread_join(t[i].thread, NULL);
	g_free(t);
	return kind;
}

static int reboot(VirtMachine *m)
{
	char *err = NULL;
	size_t size;
	void *fdt = virt_build_boot(m, &size, &err);
	if (!fdt) {
		fprintf(stderr, "%s: reboot: %s\n", SYSEMU_NAME, err);
		g_free(err);
		return -1;
	}
	g_free(fdt);
	virt_devices_ram_replaced(m->dev);
	virt_devices_reset(m->dev, VIRT_MROM_BASE);
	pthread_mutex_lock(&m->lock);
	m->shutdown_pending = false;
	pthread_mutex_unlock(&m->lock);
	return 0;
}

static int load_snapshot(VirtMachine *m)
{
	char *err = NULL;
	int rc = virt_with_machine_stopped(m, m->opt->loadvm, snapshot_load, &err);
	if (rc) {
		fprintf(stderr, "%s: %s\n", SYSEMU_NAME, err);
		g_free(err);
	}
	return rc;
}

int virt_machine_run(VirtMachine *m)
{
	char *err = NULL;
	pthread_t sig;
	block_signals();
	pthread_create(&sig, NULL, signal_thread, m);
	pthread_detach(sig);
	timers_init(m->bus);
	m->paused = true;
	if (m->opt->loadvm && load_snapshot(m)) {
		timers_shutdown();
		return 1;
	}
	m->paused = false;
	if (virt_devices_start(m->dev, &err)) {
		fprintf(stderr, "%s: %s\n", SYSEMU_NAME, err);
		g_free(err);
		timers_shutdown();
		return 1;
	}
	int status;
	for (;;) {
		VirtShutdownKind kind = run_harts(m);
		if (kind == VIRT_SHUTDOWN_REBOOT && !m->opt->no_reboot && reboot(m) == 0)
			continue;
		status = kind == VIRT_SHUTDOWN_FAIL ? m->shutdown_code : 0;
		if (kind == VIRT_SHUTDOWN_REBOOT && !m->opt->no_reboot)
			status = 1;
		break;
	}
	timers_shutdown();
	return status;
}
