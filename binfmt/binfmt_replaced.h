/*
 * The record of entries `ferry binfmt install --replace` disabled (binfmt_replaced.c).
 */
#ifndef FERRY_BINFMT_REPLACED_H
#define FERRY_BINFMT_REPLACED_H

/* Remembers that installing ferry_entry disabled other: 0 or -errno. */
int binfmt_replaced_add(const char *ferry_entry, const char *other);
/* Calls fn for each entry installing ferry_entry disabled and forgets them: 0 or -errno. */
int binfmt_replaced_take(const char *ferry_entry, void (*fn)(const char *other, void *opaque),
                         void *opaque);

#endif
