/*
 * The shorthand the conversion module's files use to write ConvField lists (a guest
 * field of a given type taken from a named host struct field, copied bytes, and guest
 * padding) and to define the typed conv_put_* / conv_get_* wrappers over one layout.
 * Private to conv*.c.
 */
#ifndef FERRY_CONV_INT_H
#define FERRY_CONV_INT_H

#include <stddef.h>

#include "syscall/linux/conv.h"

/* clang-format off */
#define SIGNED_OF(e) ((__typeof__(e))-1 < (__typeof__(e))1)
#define HF(hs, f)    (((hs *)0)->f)
/* A guest field of type t taken from host field f of struct hs. */
#define F(t, hs, f)  { (t), sizeof(HF(hs, f)), SIGNED_OF(HF(hs, f)), 0, offsetof(hs, f) }
/* Guest bytes copied from a host array. */
#define FB(hs, f)    { CT_BYTES, 1, false, sizeof(HF(hs, f)), offsetof(hs, f) }
/* Guest padding, written as zero and ignored on the way in. */
#define PAD(t)       { (t), 0, false, 0, 0 }
#define PADB(n)      { CT_BYTES, 0, false, (n), 0 }
#define END          { CT_END, 0, false, 0, 0 }
/* The low and the high 32 bits of a 64-bit host field as two guest fields of type t:
 * 32-bit ABIs split times that way (shm_atime, shm_atime_high). The host is
 * little-endian, so the high half is the second four bytes. */
#define F_LO32(t, hs, f) { (t), 4, false, 0, offsetof(hs, f) }
#define F_HI32(t, hs, f) { (t), 4, false, 0, offsetof(hs, f) + 4 }
/* Fields with no host struct behind them, for conv_transcode, whose host side is the
 * same list in the host's layout: a guest field of type t, and n bytes. */
#define T(t)         { (t), 1, false, 0, 0 }
#define B(n)         { CT_BYTES, 1, false, (n), 0 }
/* clang-format on */

/* conv_put_NAME and conv_get_NAME for a host type moved with one layout (an expression
 * that may use `abi`). */
#define PUT(name, layout, type)                                                                    \
	int conv_put_##name(const LinuxAbi *abi, GuestMem *m, uint64_t addr, const type *v)        \
	{                                                                                          \
		return conv_put(abi, m, addr, layout, v);                                          \
	}
#define GET(name, layout, type)                                                                    \
	int conv_get_##name(const LinuxAbi *abi, GuestMem *m, uint64_t addr, type *v)              \
	{                                                                                          \
		return conv_get(abi, m, addr, layout, v);                                          \
	}
#define PUT_GET(name, layout, type) PUT(name, layout, type) GET(name, layout, type)

#endif
