/*
 * The console's escape prefix as a pure state machine, one input byte at a time:
 * Ctrl-A x quits, Ctrl-A c toggles the monitor, Ctrl-A h asks for help, Ctrl-A Ctrl-A
 * is one literal Ctrl-A; any other byte after Ctrl-A is dropped with the prefix.
 */
#ifndef FERRY_CHARDEV_ESCAPE_H
#define FERRY_CHARDEV_ESCAPE_H

#include <stdbool.h>
#include <stdint.h>

#define CHARDEV_ESCAPE_CHAR 0x01 /* Ctrl-A */

typedef enum ChardevEscapeAction {
	CHR_ESC_NONE, /* byte consumed */
	CHR_ESC_BYTE, /* *out is input for the guest or the monitor */
	CHR_ESC_QUIT,
	CHR_ESC_MONITOR, /* switch between console and monitor */
	CHR_ESC_HELP,
} ChardevEscapeAction;

typedef struct ChardevEscape {
	bool prefix; /* Ctrl-A seen, the command byte comes next */
} ChardevEscape;

ChardevEscapeAction chardev_escape_feed(ChardevEscape *e, uint8_t in, uint8_t *out);

#endif
