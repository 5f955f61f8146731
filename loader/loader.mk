# loader/: ELF loading, initial stack and auxv.
CORE_SRCS += $(wildcard loader/*.c)
