/*
 * -strace formatting. Each argument is shown by the format character of its syscall
 * table line (see LinuxSyscallDesc): numbers, pointers, quoted guest strings (at most 32
 * characters) and symbolic flag words. Flag words are first converted to host values so
 * the names below are the host's, whatever values the guest ABI uses.
 */
#include "syscall/linux/strace.h"

#include <ctype.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "common/log.h"
#include "syscall/linux/conv.h"
#include "syscall/linux/safe_syscall.h"

enum { STRACE_STR_MAX = 32, LINUX_AT_FDCWD = -100 };

typedef struct FlagName {
	int mask, bits;
	const char *name;
} FlagName;

/* clang-format off */
#define FN(v) { (v), (v), #v }
/* clang-format on */
static const FlagName open_names[] = {
    {O_ACCMODE, O_RDONLY, "O_RDONLY"},
    {O_ACCMODE, O_WRONLY, "O_WRONLY"},
    {O_ACCMODE, O_RDWR, "O_RDWR"},
    FN(O_CREAT),
    FN(O_EXCL),
    FN(O_NOCTTY),
    FN(O_TRUNC),
    FN(O_APPEND),
    FN(O_NONBLOCK),
    {O_SYNC, O_SYNC, "O_SYNC"},
    {O_SYNC, O_DSYNC, "O_DSYNC"},
    FN(O_ASYNC),
    FN(O_DIRECT),
    {0100000, 0100000, "O_LARGEFILE"},
    {O_TMPFILE, O_DIRECTORY, "O_DIRECTORY"},
    FN(O_NOFOLLOW),
    FN(O_NOATIME),
    FN(O_CLOEXEC),
    FN(O_PATH),
    FN(O_TMPFILE),
    {0, 0, NULL},
};

static const FlagName prot_names[] = {
    FN(PROT_READ),      FN(PROT_WRITE),   FN(PROT_EXEC), {0x8, 0x8, "PROT_SEM"},
    FN(PROT_GROWSDOWN), FN(PROT_GROWSUP), {0, 0, NULL},
};

static const FlagName mmap_names[] = {
    {MAP_TYPE, MAP_SHARED, "MAP_SHARED"},
    {MAP_TYPE, MAP_PRIVATE, "MAP_PRIVATE"},
    {MAP_TYPE, MAP_SHARED_VALIDATE, "MAP_SHARED_VALIDATE"},
    FN(MAP_FIXED),
    FN(MAP_ANONYMOUS),
    FN(MAP_GROWSDOWN),
    FN(MAP_DENYWRITE),
    FN(MAP_EXECUTABLE),
    FN(MAP_LOCKED),
    FN(MAP_NORESERVE),
    FN(MAP_POPULATE),
    FN(MAP_NONBLOCK),
    FN(MAP_STACK),
    FN(MAP_HUGETLB),
    FN(MAP_SYNC),
    FN(MAP_FIXED_NOREPLACE),
    {0, 0, NULL},
};

/* Calls whose result is an address, shown in hex. */
static const char *const address_results[] = {"brk", "mmap", "mremap", "shmat", NULL};

typedef struct Out {
	char *buf;
	size_t size, len;
} Out;

static void out(Out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void out(Out *o, const char *fmt, ...)
{
	if (o->len >= o->size)
		return;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(o->buf + o->len, o->size - o->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		o->len = o->len + (size_t)n < o->size ? o->len + (size_t)n : o->size - 1;
}

static void out_flags(Out *o, const FlagName *names, int v, const char *zero)
{
	bool any = false;
	int known = 0;
	for (const FlagName *f = names; f->name; f++) {
		known |= f->mask;
		if ((v & f->mask) == f->bits) {
			out(o, "%s%s", any ? "|" : "", f->name);
			any = true;
		}
	}
	if (v & ~known)
		out(o, "%s0x%x", any ? "|" : "", v & ~known), any = true;
	if (!any)
		out(o, "%s", zero);
}

static void out_string(Out *o, LinuxProc *p, uint64_t addr)
{
	const char *s = gmem_str(p->mem, addr, 4096);
	if (!s) {
		out(o, "0x%" PRIx64, addr);
		return;
	}
	out(o, "\"");
	size_t i;
	for (i = 0; s[i] && i < STRACE_STR_MAX; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			out(o, "\\%c", c);
		else if (c == '\n')
			out(o, "\\n");
		else if (c == '\t')
			out(o, "\\t");
		else if (isprint(c))
			out(o, "%c", c);
		else
			out(o, "\\%03o", c);
	}
	out(o, "\"%s", s[i] ? "..." : "");
}

static void out_arg(Out *o, LinuxProc *p, char fmt, uint64_t v)
{
	switch (fmt) {
	case 'd': out(o, "%d", (int)v); break;
	case 'u': out(o, "%" PRIu64, v); break;
	case 'o': v ? out(o, "0%" PRIo64, v) : out(o, "0"); break;
	case 's': out_string(o, p, v); break;
	case 'p': v ? out(o, "0x%" PRIx64, v) : out(o, "NULL"); break;
	case 'a': (int)v == LINUX_AT_FDCWD ? out(o, "AT_FDCWD") : out(o, "%d", (int)v); break;
	case 'f':
		out_flags(o, open_names, conv_open_flags_to_host(p->abi, (uint32_t)v), "0");
		break;
	case 'm':
		out_flags(o, prot_names, conv_prot_to_host(p->abi, (uint32_t)v), "PROT_NONE");
		break;
	case 'M':
		out_flags(o, mmap_names, conv_mmap_flags_to_host(p->abi, (uint32_t)v), "0");
		break;
	default: out(o, "0x%" PRIx64, v); break;
	}
}

void strace_begin(LinuxProc *p, uint64_t nr, const LinuxSyscallDesc *d, const uint64_t a[6])
{
	LinuxThread *t = linux_self();
	Out o = {t->strace_line, sizeof t->strace_line, 0};
	t->strace_line[0] = 0;
	t->strace_name = d ? d->name : NULL;
	if (!d) {
		out(&o, "%d syscall_%" PRIu64 "(0x%" PRIx64 ",0x%" PRIx64 ",0x%" PRIx64 ")",
		    (int)gettid(), nr, a[0], a[1], a[2]);
	} else {
		out(&o, "%d %s(", (int)gettid(), d->name);
		for (unsigned i = 0; d->args[i] && i < 6; i++) {
			if (i)
				out(&o, ",");
			out_arg(&o, p, d->args[i], a[i]);
		}
		out(&o, ")");
	}
	t->strace_pending = true;
}

static bool returns_address(const char *name)
{
	for (const char *const *n = address_results; *n; n++)
		if (strcmp(*n, name) == 0)
			return true;
	return false;
}

void strace_format_result(char *buf, size_t size, const char *name, int64_t ret)
{
	if (ret == -LINUX_NOT_STARTED) {
		snprintf(buf, size, "? (a signal came first: issued again after it)");
	} else if (ret < 0 && ret >= -4095) {
		const char *ename = strerrorname_np((int)-ret);
		snprintf(buf, size, "-1 %s (%s)", ename ? ename : "E?", strerror((int)-ret));
	} else if (name && returns_address(name)) {
		snprintf(buf, size, "0x%" PRIx64, (uint64_t)ret);
	} else {
		snprintf(buf, size, "%" PRId64, ret);
	}
}

void strace_end(LinuxProc *p, int64_t ret)
{
	LinuxThread *t = linux_self();
	char res[128];
	strace_format_result(res, sizeof res, t->strace_name, ret);
	log_printf("%s = %s\n", t->strace_line, res);
	t->strace_pending = false;
}

void strace_flush_pending(LinuxProc *p)
{
	LinuxThread *t = linux_self();
	if (!t->strace_pending)
		return;
	log_printf("%s = ?\n", t->strace_line);
	t->strace_pending = false;
}
