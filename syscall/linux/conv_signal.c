/*
 * siginfo between guest, neutral (ConvSigInfo) and host form; part of the conversion
 * module (conv.h). A siginfo is a union whose live member the kernel picks from the
 * signal and si_code (its "siginfo layouts"); the same choice drives each direction
 * here, so only the fields that layout defines are carried. The union starts after the
 * three ints, at the guest's word alignment. asm-generic signal numbers are the x86-64
 * host's, so host SIG* constants name guest signals too.
 */
#include <signal.h>
#include <string.h>

#include "syscall/linux/conv.h"

typedef enum SigLayout {
	SIL_KILL,  /* pid, uid */
	SIL_TIMER, /* timer id, overrun, sigval */
	SIL_POLL,  /* band, fd */
	SIL_FAULT, /* address */
	SIL_CHLD,  /* pid, uid, status, utime, stime */
	SIL_RT,    /* pid, uid, sigval */
} SigLayout;

enum { CODE_SI_KERNEL = 0x80, CODE_SI_TIMER = -2, CODE_SI_SIGIO = -5, CODE_NSIGPOLL = 6 };

/* Signals with kernel-defined positive si_codes: the highest such code and its layout
 * (NSIGILL, NSIGFPE, ... of the uapi siginfo header). */
static const struct {
	int8_t limit;
	uint8_t layout;
} sig_codes[] = {
    [SIGILL] = {11, SIL_FAULT}, [SIGFPE] = {15, SIL_FAULT}, [SIGSEGV] = {10, SIL_FAULT},
    [SIGBUS] = {5, SIL_FAULT},  [SIGTRAP] = {6, SIL_FAULT}, [SIGCHLD] = {6, SIL_CHLD},
    [SIGPOLL] = {6, SIL_POLL},  [SIGSYS] = {2, SIL_FAULT},
};

static SigLayout layout_of(int sig, int code)
{
	if (code > 0 && code < CODE_SI_KERNEL) {
		if (sig > 0 && (unsigned)sig < sizeof sig_codes / sizeof sig_codes[0] &&
		    sig_codes[sig].limit && code <= sig_codes[sig].limit)
			return (SigLayout)sig_codes[sig].layout;
		return code <= CODE_NSIGPOLL ? SIL_POLL : SIL_KILL;
	}
	if (code == CODE_SI_TIMER)
		return SIL_TIMER;
	if (code == CODE_SI_SIGIO)
		return SIL_POLL;
	return code < 0 ? SIL_RT : SIL_KILL;
}

static size_t align_to(size_t v, size_t a)
{
	return (v + a - 1) & ~(a - 1);
}

void conv_encode_siginfo(const LinuxAbi *abi, const ConvSigInfo *si, uint8_t *g)
{
	unsigned w = conv_word_bytes(abi);
	size_t u = align_to(12, w), t;
	memset(g, 0, CONV_SIGINFO_SIZE);
	conv_store(abi, g, 4, (uint32_t)si->signo);
	conv_store(abi, g + 4, 4, (uint32_t)si->err);
	conv_store(abi, g + 8, 4, (uint32_t)si->code);
	switch (layout_of(si->signo, si->code)) {
	case SIL_FAULT: conv_store(abi, g + u, w, si->value); break;
	case SIL_POLL:
		conv_store(abi, g + u, w, si->value);
		conv_store(abi, g + u + w, 4, (uint32_t)si->fd);
		break;
	case SIL_TIMER:
		conv_store(abi, g + u, 4, (uint32_t)si->timer_id);
		conv_store(abi, g + u + 4, 4, si->overrun);
		conv_store(abi, g + u + 8, w, si->value);
		break;
	case SIL_CHLD:
		t = align_to(u + 12, w);
		conv_store(abi, g + u + 8, 4, (uint32_t)si->status);
		conv_store(abi, g + t, w, (uint64_t)si->utime);
		conv_store(abi, g + t + w, w, (uint64_t)si->stime);
		/* fall through */
	case SIL_KILL:
	case SIL_RT:
		conv_store(abi, g + u, 4, (uint32_t)si->pid);
		conv_store(abi, g + u + 4, 4, si->uid);
		if (layout_of(si->signo, si->code) == SIL_RT)
			conv_store(abi, g + u + 8, w, si->value);
		break;
	}
}

static int64_t load_slong(const LinuxAbi *abi, const uint8_t *p, unsigned w)
{
	uint64_t v = conv_load(abi, p, w);
	return w == 4 ? (int64_t)(int32_t)v : (int64_t)v;
}

void conv_decode_siginfo(const LinuxAbi *abi, const uint8_t *g, ConvSigInfo *si)
{
	unsigned w = conv_word_bytes(abi);
	size_t u = align_to(12, w), t = align_to(u + 12, w);
	memset(si, 0, sizeof *si);
	si->signo = (int32_t)conv_load(abi, g, 4);
	si->err = (int32_t)conv_load(abi, g + 4, 4);
	si->code = (int32_t)conv_load(abi, g + 8, 4);
	switch (layout_of(si->signo, si->code)) {
	case SIL_FAULT: si->value = conv_load(abi, g + u, w); break;
	case SIL_POLL:
		si->value = conv_load(abi, g + u, w);
		si->fd = (int32_t)conv_load(abi, g + u + w, 4);
		break;
	case SIL_TIMER:
		si->timer_id = (int32_t)conv_load(abi, g + u, 4);
		si->overrun = (uint32_t)conv_load(abi, g + u + 4, 4);
		si->value = conv_load(abi, g + u + 8, w);
		break;
	case SIL_CHLD:
		si->status = (int32_t)conv_load(abi, g + u + 8, 4);
		si->utime = load_slong(abi, g + t, w);
		si->stime = load_slong(abi, g + t + w, w);
		/* fall through */
	case SIL_KILL:
	case SIL_RT:
		si->pid = (int32_t)conv_load(abi, g + u, 4);
		si->uid = (uint32_t)conv_load(abi, g + u + 4, 4);
		if (layout_of(si->signo, si->code) == SIL_RT)
			si->value = conv_load(abi, g + u + 8, w);
		break;
	}
}

void conv_siginfo_from_host(const siginfo_t *h, uintptr_t guest_base, ConvSigInfo *si)
{
	memset(si, 0, sizeof *si);
	si->signo = h->si_signo;
	si->err = h->si_errno;
	si->code = h->si_code;
	switch (layout_of(h->si_signo, h->si_code)) {
	case SIL_FAULT: si->value = (uint64_t)((uintptr_t)h->si_addr - guest_base); break;
	case SIL_POLL:
		si->value = (uint64_t)h->si_band;
		si->fd = h->si_fd;
		break;
	case SIL_TIMER:
		si->timer_id = h->si_timerid;
		si->overrun = (uint32_t)h->si_overrun;
		si->value = (uint64_t)(uintptr_t)h->si_value.sival_ptr;
		break;
	case SIL_CHLD:
		si->status = h->si_status;
		si->utime = h->si_utime;
		si->stime = h->si_stime;
		/* fall through */
	case SIL_KILL:
	case SIL_RT:
		si->pid = h->si_pid;
		si->uid = h->si_uid;
		if (layout_of(h->si_signo, h->si_code) == SIL_RT)
			si->value = (uint64_t)(uintptr_t)h->si_value.sival_ptr;
		break;
	}
}

void conv_siginfo_to_host(const ConvSigInfo *si, siginfo_t *h)
{
	memset(h, 0, sizeof *h);
	h->si_signo = si->signo;
	h->si_errno = si->err;
	h->si_code = si->code;
	switch (layout_of(si->signo, si->code)) {
	case SIL_FAULT: h->si_addr = (void *)(uintptr_t)si->value; break;
	case SIL_POLL:
		h->si_band = (long)si->value;
		h->si_fd = si->fd;
		break;
	case SIL_TIMER:
		h->si_timerid = si->timer_id;
		h->si_overrun = (int)si->overrun;
		h->si_value.sival_ptr = (void *)(uintptr_t)si->value;
		break;
	case SIL_CHLD:
		h->si_status = si->status;
		h->si_utime = si->utime;
		h->si_stime = si->stime;
		/* fall through */
	case SIL_KILL:
	case SIL_RT:
		h->si_pid = si->pid;
		h->si_uid = si->uid;
		if (layout_of(si->signo, si->code) == SIL_RT)
			h->si_value.sival_ptr = (void *)(uintptr_t)si->value;
		break;
	}
}

int conv_put_siginfo(const LinuxAbi *abi, GuestMem *m, uint64_t addr, const ConvSigInfo *si)
{
	uint8_t b[CONV_SIGINFO_SIZE];
	conv_encode_siginfo(abi, si, b);
	return gmem_write(m, addr, b, sizeof b);
}

int conv_get_siginfo(const LinuxAbi *abi, GuestMem *m, uint64_t addr, ConvSigInfo *si)
{
	uint8_t b[CONV_SIGINFO_SIZE];
	int r = gmem_read(m, addr, b, sizeof b);
	if (r == 0)
		conv_decode_siginfo(abi, b, si);
	return r;
}
