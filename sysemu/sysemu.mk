# sysemu/ and hw/: the full-system mode. The machine binary `ferry-sysemu-riscv64`
# (run by `ferry sysemu`) is a plain dynamically linked executable: binfmt never runs
# it, and libslirp ships only as a shared library.
SYSEMU_SRCS += $(wildcard sysemu/*.c sysemu/riscv64/*.c hw/*.c)
SYSEMU_MAIN := sysemu/main.c
SYSEMU_LIB_SRCS := $(filter-out $(SYSEMU_MAIN),$(SYSEMU_SRCS))
SYSEMU_CFLAGS := $(shell pkg-config --cflags slirp 2>/dev/null)
SYSEMU_LIBS := -lfdt $(shell pkg-config --libs slirp 2>/dev/null) -lpthread
$(call obj,$(SYSEMU_SRCS)): CFLAGS += $(SYSEMU_CFLAGS)

$(BUILD)/libferry-sysemu.a: $(call obj,$(SYSEMU_LIB_SRCS))
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/ferry-sysemu-riscv64: $(call obj,$(SYSEMU_MAIN)) $(BUILD)/libferry-sysemu.a \
		$(BUILD)/libferry-riscv64.a $(BUILD)/libferry-core.a
	$(CC) -pie -o $@ $(call obj,$(SYSEMU_MAIN)) -Wl,--start-group $(BUILD)/libferry-sysemu.a \
		$(BUILD)/libferry-riscv64.a $(BUILD)/libferry-core.a -Wl,--end-group \
		$(SYSEMU_LIBS) $(shell pkg-config --libs glib-2.0 libelf capstone zlib) -lm
