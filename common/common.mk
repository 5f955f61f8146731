# common/: CPU-state header, logging, guest address space.
CORE_SRCS += $(wildcard common/*.c)
