/*
 * The monitor's command table (hw/monitor.h). A line is split into words with shell
 * quoting (g_shell_parse_argv); a table entry's name is one or two words ("info
 * registers") followed by its fixed number of arguments. Handlers only check that the
 * machine supplied the hook, call it and report the result.
 */
#include "hw/monitor.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

struct Monitor {
	MonitorHooks hooks;
};

typedef struct MonitorCommand {
	const char *name; /* one or two words */
	const char *args; /* usage of the arguments, NULL for none */
	int nargs;
	void (*run)(Monitor *m, Chardev *chr, char **args);
	const char *help;
} MonitorCommand;

static void mon_help(Monitor *m, Chardev *chr, char **args);

static void mon_unavailable(Chardev *chr, const char *what)
{
	chardev_monitor_print(chr, "%s: not available in this machine\n", what);
}

static void mon_info_status(Monitor *m, Chardev *chr, char **args)
{
	if (!m->hooks.running)
		return mon_unavailable(chr, "info status");
	chardev_monitor_print(chr, "VM status: %s\n",
	                      m->hooks.running(m->hooks.opaque) ? "running" : "paused");
}

static void mon_info_registers(Monitor *m, Chardev *chr, char **args)
{
	if (!m->hooks.info_registers)
		return mon_unavailable(chr, "info registers");
	m->hooks.info_registers(m->hooks.opaque, chr);
}

static void mon_snapshot(Chardev *chr, const char *what, int (*hook)(void *, const char *),
                         void *opaque, const char *file)
{
	if (!hook)
		return mon_unavailable(chr, what);
	int err = hook(opaque, file);
	if (err)
		chardev_monitor_print(chr, "%s %s: %s\n", what, file, g_strerror(-err));
}

static void mon_savevm(Monitor *m, Chardev *chr, char **args)
{
	mon_snapshot(chr, "savevm", m->hooks.savevm, m->hooks.opaque, args[0]);
}

static void mon_loadvm(Monitor *m, Chardev *chr, char **args)
{
	mon_snapshot(chr, "loadvm", m->hooks.loadvm, m->hooks.opaque, args[0]);
}

/* Commands that are a bare call of one hook. */
static void mon_call(Chardev *chr, const char *what, void (*hook)(void *), void *opaque)
{
	if (!hook)
		return mon_unavailable(chr, what);
	hook(opaque);
}

static void mon_stop(Monitor *m, Chardev *chr, char **args)
{
	mon_call(chr, "stop", m->hooks.stop, m->hooks.opaque);
}

static void mon_cont(Monitor *m, Chardev *chr, char **args)
{
	mon_call(chr, "cont", m->hooks.cont, m->hooks.opaque);
}

static void mon_quit(Monitor *m, Chardev *chr, char **args)
{
	mon_call(chr, "quit", m->hooks.quit, m->hooks.opaque);
}

static void mon_powerdown(Monitor *m, Chardev *chr, char **args)
{
	mon_call(chr, "system_powerdown", m->hooks.system_powerdown, m->hooks.opaque);
}

static void mon_reset(Monitor *m, Chardev *chr, char **args)
{
	mon_call(chr, "system_reset", m->hooks.system_reset, m->hooks.opaque);
}

static const MonitorCommand mon_commands[] = {
    {"help", NULL, 0, mon_help, "list the commands"},
    {"info status", NULL, 0, mon_info_status, "whether the machine runs or is stopped"},
    {"info registers", NULL, 0, mon_info_registers, "the harts' registers"},
    {"savevm", "FILE", 1, mon_savevm, "save the machine's state to FILE"},
    {"loadvm", "FILE", 1, mon_loadvm, "restore the machine's state from FILE"},
    {"stop", NULL, 0, mon_stop, "stop the harts"},
    {"cont", NULL, 0, mon_cont, "let the harts run again"},
    {"quit", NULL, 0, mon_quit, "end ferry at once"},
    {"system_powerdown", NULL, 0, mon_powerdown, "ask the guest to power off"},
    {"system_reset", NULL, 0, mon_reset, "reset the machine"},
};

#define MON_NCOMMANDS (sizeof mon_commands / sizeof mon_commands[0])

static void mon_help(Monitor *m, Chardev *chr, char **args)
{
	for (size_t i = 0; i < MON_NCOMMANDS; i++) {
		const MonitorCommand *c = &mon_commands[i];
		char *usage =
		    g_strdup_printf("%s%s%s", c->name, c->args ? " " : "", c->args ? c->args : "");
		chardev_monitor_print(chr, "%-20s %s\n", usage, c->help);
		g_free(usage);
	}
}

/* How many leading words of argv the command's name takes, 0 when it does not match. */
static int mon_match(const MonitorCommand *c, char **argv)
{
	char **words = g_strsplit(c->name, " ", -1);
	int n = 0;
	while (words[n] && argv[n] && strcmp(words[n], argv[n]) == 0)
		n++;
	int matched = words[n] ? 0 : n;
	g_strfreev(words);
	return matched;
}

/* "info" alone, or a word that only starts commands: list what may follow. */
static bool mon_list_prefix(Chardev *chr, const char *word)
{
	bool any = false;
	size_t len = strlen(word);
	for (size_t i = 0; i < MON_NCOMMANDS; i++) {
		const char *name = mon_commands[i].name;
		if (strncmp(name, word, len) == 0 && name[len] == ' ') {
			chardev_monitor_print(chr, "%-20s %s\n", name, mon_commands[i].help);
			any = true;
		}
	}
	return any;
}

static void mon_dispatch(Monitor *m, Chardev *chr, char **argv)
{
	int argc = (int)g_strv_length(argv);
	for (size_t i = 0; i < MON_NCOMMANDS; i++) {
		const MonitorCommand *c = &mon_commands[i];
		int n = mon_match(c, argv);
		if (!n)
			continue;
		if (argc - n != c->nargs) {
			chardev_monitor_print(chr, "usage: %s%s%s\n", c->name, c->args ? " " : "",
			                      c->args ? c->args : "");
			return;
		}
		c->run(m, chr, argv + n);
		return;
	}
	if (!mon_list_prefix(chr, argv[0]))
		chardev_monitor_print(chr, "unknown command: '%s' (try 'help')\n", argv[0]);
}

void monitor_handle_line(void *opaque, Chardev *chr, const char *line)
{
	Monitor *m = opaque;
	char **argv = NULL;
	GError *err = NULL;
	if (!g_shell_parse_argv(line, NULL, &argv, &err)) {
		if (err->code != G_SHELL_ERROR_EMPTY_STRING)
			chardev_monitor_print(chr, "%s\n", err->message);
		g_error_free(err);
		return;
	}
	mon_dispatch(m, chr, argv);
	g_strfreev(argv);
}

Monitor *monitor_new(const MonitorHooks *hooks)
{
	Monitor *m = calloc(1, sizeof *m);
	if (m && hooks)
		m->hooks = *hooks;
	return m;
}

void monitor_free(Monitor *m)
{
	free(m);
}
