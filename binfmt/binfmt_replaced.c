/*
 * What `ferry binfmt install --replace` disabled, so that `uninstall` can enable it again.
 * Kept in /run/ferry/binfmt-replaced, one line "FERRY-ENTRY OTHER-ENTRY" each: /run is a
 * tmpfs cleared at boot, exactly when binfmt_misc registrations vanish too, so the file
 * never outlives the state it describes. The kernel entry itself has no field to carry a
 * note, and guessing (re-enabling every disabled entry for the ISA) would also turn on
 * entries an administrator had switched off on purpose.
 */
#include "binfmt/binfmt_replaced.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define STATE_DIR  "/run/ferry"
#define STATE_FILE STATE_DIR "/binfmt-replaced"
#define MAX_LINES  256

typedef struct Pair {
	char ferry[128], other[256];
} Pair;

static int load(Pair *pairs, int max)
{
	FILE *f = fopen(STATE_FILE, "re");
	if (!f)
		return errno == ENOENT ? 0 : -errno;
	int n = 0;
	while (n < max && fscanf(f, "%127s %255s", pairs[n].ferry, pairs[n].other) == 2)
		n++;
	fclose(f);
	return n;
}

static int save(const Pair *pairs, int n)
{
	if (n == 0)
		return remove(STATE_FILE) == 0 || errno == ENOENT ? 0 : -errno;
	if (mkdir(STATE_DIR, 0755) < 0 && errno != EEXIST)
		return -errno;
	FILE *f = fopen(STATE_FILE ".new", "we");
	if (!f)
		return -errno;
	for (int i = 0; i < n; i++)
		fprintf(f, "%s %s\n", pairs[i].ferry, pairs[i].other);
	if (fclose(f) != 0)
		return -errno;
	return rename(STATE_FILE ".new", STATE_FILE) == 0 ? 0 : -errno;
}

int binfmt_replaced_add(const char *ferry_entry, const char *other)
{
	static Pair pairs[MAX_LINES];
	int n = load(pairs, MAX_LINES);
	if (n < 0)
		return n;
	for (int i = 0; i < n; i++)
		if (strcmp(pairs[i].ferry, ferry_entry) == 0 && strcmp(pairs[i].other, other) == 0)
			return 0;
	if (n == MAX_LINES)
		return -ENOSPC;
	snprintf(pairs[n].ferry, sizeof pairs[n].ferry, "%s", ferry_entry);
	snprintf(pairs[n].other, sizeof pairs[n].other, "%s", other);
	return save(pairs, n + 1);
}

int binfmt_replaced_take(const char *ferry_entry, void (*fn)(const char *other, void *opaque),
                         void *opaque)
{
	static Pair pairs[MAX_LINES];
	int n = load(pairs, MAX_LINES), kept = 0;
	if (n < 0)
		return n;
	for (int i = 0; i < n; i++) {
		if (strcmp(pairs[i].ferry, ferry_entry) == 0)
			fn(pairs[i].other, opaque);
		else
			pairs[kept++] = pairs[i];
	}
	return kept == n ? 0 : save(pairs, kept);
}
