# syscall/: the Linux personality (generic) and each ISA's ABI description.
CORE_SRCS += $(wildcard syscall/linux/*.c) syscall/linux/safe_syscall_x86_64.S
ISA_SRCS_riscv64 += syscall/abi/riscv64.c syscall/abi/riscv64_signal.c syscall/abi/asm_generic.c
ISA_SRCS_aarch64 += syscall/abi/aarch64.c syscall/abi/aarch64_signal.c syscall/abi/asm_generic.c
