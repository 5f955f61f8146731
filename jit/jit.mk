# jit/: IR, verifier, optimizer, interpreter, block cache and engine.
CORE_SRCS += $(wildcard jit/*.c jit/x86_64/*.c)
