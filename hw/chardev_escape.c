/*
 * The console escape state machine (hw/chardev_escape.h): a table maps the byte after
 * Ctrl-A to its action; everything outside an escape passes through.
 */
#include "hw/chardev_escape.h"

#include <stddef.h>

static const struct {
	uint8_t key;
	ChardevEscapeAction action;
} escape_keys[] = {
    {'x', CHR_ESC_QUIT}, {'X', CHR_ESC_QUIT}, {'c', CHR_ESC_MONITOR}, {'C', CHR_ESC_MONITOR},
    {'h', CHR_ESC_HELP}, {'H', CHR_ESC_HELP}, {'?', CHR_ESC_HELP},
};

ChardevEscapeAction chardev_escape_feed(ChardevEscape *e, uint8_t in, uint8_t *out)
{
	if (!e->prefix) {
		if (in == CHARDEV_ESCAPE_CHAR) {
			e->prefix = true;
			return CHR_ESC_NONE;
		}
		*out = in;
		return CHR_ESC_BYTE;
	}
	e->prefix = false;
	if (in == CHARDEV_ESCAPE_CHAR) {
		*out = in;
		return CHR_ESC_BYTE;
	}
	for (size_t i = 0; i < sizeof escape_keys / sizeof escape_keys[0]; i++)
		if (escape_keys[i].key == in)
			return escape_keys[i].action;
	return CHR_ESC_NONE;
}
