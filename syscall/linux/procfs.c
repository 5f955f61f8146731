/*
 * The guest's view of the /proc files whose host contents would describe the runner
 * instead of the guest program: /proc/self/{maps,auxv,cmdline,environ,stat} (also
 * under /proc/<own pid>/, /proc/thread-self/ and /proc/self/task/<own tid>/) and
 * /proc/cpuinfo in the guest architecture's format (LinuxAbi.proc_cpuinfo).
 * /proc/self/exe is a path alias handled by path.c. Each open generates the whole
 * contents into a sealed memfd (an unlinked temporary file where memfd is missing)
 * whose descriptor the guest gets, so reads, seeks and fstat behave like a file's. An
 * entry is emulated only when the host file exists, so without a mounted /proc (an
 * empty chroot) the guest sees the kernel's ENOENT; every other /proc path goes to the
 * host, which describes this same process.
 */
#include "syscall/linux/procfs.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <glib.h>

typedef int (*ProcGenFn)(LinuxProc *p, FILE *out);

typedef struct ProcEntry {
	const char *name; /* below /proc/self/, or an absolute path */
	ProcGenFn gen;
} ProcEntry;

const char *linux_procfs_self_entry(const char *path)
{
	char *end;
	if (strncmp(path, "/proc/", 6) != 0)
		return NULL;
	const char *s = path + 6;
	if (strncmp(s, "self/", 5) == 0)
		s += 5;
	else if (strncmp(s, "thread-self/", 12) == 0)
		return s + 12;
	else if (s[0] >= '1' && s[0] <= '9' && strtol(s, &end, 10) == getpid() && *end == '/')
		s = end + 1;
	else
		return NULL;
	if (strncmp(s, "task/", 5) == 0) {
		long tid = strtol(s + 5, &end, 10);
		if (end == s + 5 || tid != gettid() || *end != '/')
			return NULL;
		s = end + 1;
	}
	return s;
}

/* Guest bytes [start, end) as they are now. */
static int put_guest_bytes(LinuxProc *p, FILE *out, uint64_t start, uint64_t end)
{
	if (end < start || !gmem_access_ok(p->mem, start, end - start, PROT_READ))
		return -EFAULT;
	fwrite(gmem_g2h(p->mem, start), 1, end - start, out);
	return 0;
}

static int gen_auxv(LinuxProc *p, FILE *out)
{
	return put_guest_bytes(p, out, p->auxv_addr, p->auxv_addr + p->auxv_len);
}

static int gen_cmdline(LinuxProc *p, FILE *out)
{
	return put_guest_bytes(p, out, p->arg_start, p->arg_end);
}

static int gen_environ(LinuxProc *p, FILE *out)
{
	return put_guest_bytes(p, out, p->env_start, p->env_end);
}

/* One line of the host's maps: what gmem does not record (offset, device, inode, and
 * whether the mapping is shared). */
typedef struct HostMap {
	uint64_t start, end, offset, inode;
	unsigned major, minor;
	char shared;
} HostMap;

static GArray *host_maps(void)
{
	GArray *a = g_array_new(FALSE, TRUE, sizeof(HostMap));
	FILE *f = fopen("/proc/self/maps", "re");
	if (!f)
		return a;
	char line[4096];
	while (fgets(line, sizeof line, f)) {
		HostMap m;
		char perms[8];
		if (sscanf(line, "%" SCNx64 "-%" SCNx64 " %7s %" SCNx64 " %x:%x %" SCNu64, &m.start,
		           &m.end, perms, &m.offset, &m.major, &m.minor, &m.inode) == 7) {
			m.shared = perms[3];
			g_array_append_val(a, m);
		}
	}
	fclose(f);
	return a;
}

typedef struct MapsCtx {
	LinuxProc *p;
	FILE *out;
	GArray *host;
	uintptr_t base;
} MapsCtx;

static const HostMap *host_map_at(const MapsCtx *c, uint64_t host_addr)
{
	for (guint i = 0; i < c->host->len; i++) {
		const HostMap *m = &g_array_index(c->host, HostMap, i);
		if (m->start <= host_addr && host_addr < m->end)
			return m;
	}
	return NULL;
}

/* One maps line in the kernel's format: the name starts at column 73 on 64-bit. */
static void maps_line(const MapsCtx *c, uint64_t start, uint64_t end, int prot, const char *name)
{
	const HostMap *h = host_map_at(c, start + c->base);
	uint64_t offset = 0, inode = 0;
	unsigned major = 0, minor = 0;
	char shared = 'p';
	struct stat st;
	if (h && h->inode) {
		offset = h->offset + (start + c->base - h->start);
		inode = h->inode, major = h->major, minor = h->minor, shared = h->shared;
	} else if (h) {
		shared = h->shared; /* anonymous memory shows offset 0 */
	} else if (name && name[0] == '/' && stat(name, &st) == 0) {
		inode = st.st_ino, major = major(st.st_dev), minor = minor(st.st_dev);
	}
	char prefix[128];
	int n =
	    snprintf(prefix, sizeof prefix,
	             "%08" PRIx64 "-%08" PRIx64 " %c%c%c%c %08" PRIx64 " %02x:%02x %" PRIu64 " ",
	             start, end, prot & PROT_READ ? 'r' : '-', prot & PROT_WRITE ? 'w' : '-',
	             prot & PROT_EXEC ? 'x' : '-', shared, offset, major, minor, inode);
	fputs(prefix, c->out);
	if (name)
		fprintf(c->out, "%*s%s", n < 73 ? 73 - n : 0, "", name);
	fputc('\n', c->out);
}

static int maps_visit(void *opaque, uint64_t start, uint64_t end, int prot, const char *name)
{
	MapsCtx *c = opaque;
	LinuxProc *p = c->p;
	if (!name && start < p->stack_top && end > p->stack_limit) {
		maps_line(c, start, end, prot, "[stack]");
		return 0;
	}
	/* the heap: anonymous memory from the initial break up, split from a bss that
	 * adjoins it */
	if (!name && end > p->start_brk && start < p->brk_mapped) {
		if (start < p->start_brk) {
			maps_line(c, start, p->start_brk, prot, NULL);
			start = p->start_brk;
		}
		maps_line(c, start, end, prot, "[heap]");
		return 0;
	}
	maps_line(c, start, end, prot, name);
	return 0;
}

static int gen_maps(LinuxProc *p, FILE *out)
{
	MapsCtx c = {p, out, host_maps(), gmem_base(p->mem)};
	gmem_visit(p->mem, maps_visit, &c);
	g_array_free(c.host, TRUE);
	return 0;
}

/* The host's stat line with the guest's name and image layout. Fields are numbered
 * from 1 as in proc(5); those after the parenthesised name are split on spaces. */
static int gen_stat(LinuxProc *p, FILE *out)
{
	char *text = NULL;
	if (!g_file_get_contents("/proc/self/stat", &text, NULL, NULL))
		return -ENOENT;
	char *close = strrchr(text, ')');
	if (!close) {
		g_free(text);
		return -EIO;
	}
	g_strchomp(close + 1);
	char **f = g_strsplit(g_strchug(close + 1), " ", -1);
	const struct {
		unsigned field;
		uint64_t value;
	} guest[] = {
	    {26, p->start_code}, {27, p->end_code},  {28, p->start_stack}, {45, p->start_data},
	    {46, p->end_data},   {47, p->start_brk}, {48, p->arg_start},   {49, p->arg_end},
	    {50, p->env_start},  {51, p->env_end},
	};
	guint n = g_strv_length(f);
	for (size_t i = 0; i < sizeof guest / sizeof guest[0]; i++)
		if (guest[i].field - 3 < n) {
			g_free(f[guest[i].field - 3]);
			f[guest[i].field - 3] = g_strdup_printf("%" PRIu64, guest[i].value);
		}
	char *rest = g_strjoinv(" ", f);
	fprintf(out, "%d (%s) %s\n", (int)getpid(), linux_self()->comm, rest);
	g_free(rest);
	g_strfreev(f);
	g_free(text);
	return 0;
}

static int gen_cpuinfo(LinuxProc *p, FILE *out)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	p->abi->proc_cpuinfo(out, n > 0 ? (unsigned)n : 1);
	return 0;
}

static const ProcEntry self_entries[] = {
    {"maps", gen_maps},       {"auxv", gen_auxv}, {"cmdline", gen_cmdline},
    {"environ", gen_environ}, {"stat", gen_stat},
};

/* A descriptor holding `gen`'s output, positioned at its start. */
static int64_t generate(LinuxProc *p, const char *name, ProcGenFn gen, int flags)
{
	int cloexec = flags & O_CLOEXEC;
	int fd = memfd_create(name, MFD_ALLOW_SEALING | (cloexec ? MFD_CLOEXEC : 0));
	if (fd < 0)
		fd = open(g_get_tmp_dir(), O_TMPFILE | O_RDWR | cloexec, 0400);
	if (fd < 0)
		return -errno;
	int dupfd = dup(fd);
	FILE *out = dupfd >= 0 ? fdopen(dupfd, "w") : NULL;
	if (!out) {
		if (dupfd >= 0)
			close(dupfd);
		close(fd);
		return -ENOMEM;
	}
	int r = gen(p, out);
	if (fclose(out) != 0 && r == 0)
		r = -EIO;
	if (r < 0) {
		close(fd);
		return r;
	}
	fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE | F_SEAL_GROW | F_SEAL_SHRINK | F_SEAL_SEAL);
	lseek(fd, 0, SEEK_SET);
	return fd;
}

bool linux_procfs_open(LinuxProc *p, const char *path, int flags, int64_t *ret)
{
	ProcGenFn gen = NULL;
	const char *name = NULL;
	const char *entry = linux_procfs_self_entry(path);
	for (size_t i = 0; entry && i < sizeof self_entries / sizeof self_entries[0]; i++)
		if (strcmp(entry, self_entries[i].name) == 0)
			gen = self_entries[i].gen, name = self_entries[i].name;
	if (!gen && strcmp(path, "/proc/cpuinfo") == 0 && p->abi->proc_cpuinfo)
		gen = gen_cpuinfo, name = "cpuinfo";
	if (!gen || access(path, F_OK) != 0)
		return false;
	if ((flags & O_ACCMODE) != O_RDONLY || (flags & O_CREAT))
		*ret = -EACCES;
	else
		*ret = generate(p, name, gen, flags);
	return true;
}
