# binfmt/: the ISA table with binfmt_misc magic and masks, the kernel interface, the rule
# formats and the `ferry binfmt` subcommands. Linked into `ferry` and the unit tests.
BINFMT_SRCS += $(wildcard binfmt/*.c)
