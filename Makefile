# ferry's one build entry. Each folder contributes a *.mk fragment that appends its
# sources to the lists below; everything is built out of tree in $(BUILD). The runners
# are static-pie executables; unit tests link the same objects dynamically with Check.

.DEFAULT_GOAL := all
BUILD ?= build
CC ?= gcc
ISAS := riscv64 aarch64

PKGS := glib-2.0 libelf capstone zlib
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --static --libs $(PKGS) 2>/dev/null)

OPT ?= -O2
CFLAGS ?= $(OPT) -g
CFLAGS += -std=gnu11 -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers \
	-fPIE -fno-strict-aliasing -D_GNU_SOURCE -I. $(PKG_CFLAGS) -MMD -MP
# Packed relative relocations (DT_RELR): the static-pie runner relocates itself at every
# start, and the compact form makes that a fraction of the start-up cost it was.
RUNNER_LDFLAGS := -static-pie -Wl,-z,pack-relative-relocs
VERSION := $(shell cat VERSION 2>/dev/null || echo 0.1.0)
CFLAGS += -DFERRY_VERSION='"$(VERSION)"'

# Lists filled by the fragments.
CORE_SRCS :=       # target-independent: common, jit, loader, syscall/linux
RUNNER_SRCS :=     # runner main and its helpers
FERRY_SRCS :=      # the ferry front command
BINFMT_SRCS :=     # binfmt_misc support (ferry and unit tests)
ROOTFS_SRCS :=     # foreign root filesystems (ferry)
UNIT_SRCS :=       # Check unit tests
# ISA_SRCS_<isa>   frontend and ABI sources of one guest ISA

obj = $(patsubst %.S,$(BUILD)/obj/%.o,$(patsubst %.c,$(BUILD)/obj/%.o,$(1)))

include common/common.mk
include jit/jit.mk
include loader/loader.mk
include syscall/syscall.mk
include frontends/frontends.mk
include runner/runner.mk
include binfmt/binfmt.mk
include rootfs-tools/rootfs.mk
include sysemu/sysemu.mk
include tests/tests.mk

CORE_OBJS := $(call obj,$(CORE_SRCS))
RUNNER_OBJS := $(call obj,$(RUNNER_SRCS))
FERRY_OBJS := $(call obj,$(FERRY_SRCS) $(BINFMT_SRCS) $(ROOTFS_SRCS))

.PHONY: all clean check check-slow demo sysemu-demo bench bench-sysemu format format-check deps install
all: $(foreach isa,$(ISAS),$(BUILD)/ferry-$(isa)) $(BUILD)/ferry $(BUILD)/ferry-sysemu-riscv64

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

$(BUILD)/obj/%.o: %.S
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

$(BUILD)/libferry-core.a: $(CORE_OBJS)
	@rm -f $@
	ar rcs $@ $^

define RUNNER_template
$(BUILD)/libferry-$(1).a: $(call obj,$(ISA_SRCS_$(1)))
	@rm -f $$@
	ar rcs $$@ $$^
$(BUILD)/ferry-$(1): $(RUNNER_OBJS) $(BUILD)/libferry-$(1).a $(BUILD)/libferry-core.a
	$(CC) $(RUNNER_LDFLAGS) -o $$@ $(RUNNER_OBJS) -Wl,--start-group $(BUILD)/libferry-$(1).a \
		$(BUILD)/libferry-core.a -Wl,--end-group $(PKG_LIBS) 2>&1 | \
		{ grep -v -e 'statically linked applications requires' -e 'in function' || true; }
	@test -x $$@
endef
$(foreach isa,$(ISAS),$(eval $(call RUNNER_template,$(isa))))

# The front command needs only libc, so it is a plain static-pie executable too.
$(BUILD)/ferry: $(FERRY_OBJS)
	$(CC) $(RUNNER_LDFLAGS) -o $@ $(FERRY_OBJS)

# `make install PREFIX=/usr/local DESTDIR=...`: the runners and ferry in BINDIR, and one
# systemd binfmt.d file per runner, written by the ferry just built, naming BINDIR.
# systemd reads /usr/lib/binfmt.d and /etc/binfmt.d: with PREFIX=/usr/local, link or copy
# the files into /etc/binfmt.d (see the README).
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
BINFMTDIR ?= $(PREFIX)/lib/binfmt.d
install: all
	rm -rf $(BUILD)/binfmt.d && mkdir -p $(BUILD)/binfmt.d
	$(BUILD)/ferry binfmt print --format systemd --path $(BINDIR) --output $(BUILD)/binfmt.d \
		$(ISAS)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(BINFMTDIR)
	install -m 755 $(BUILD)/ferry $(foreach isa,$(ISAS),$(BUILD)/ferry-$(isa)) $(DESTDIR)$(BINDIR)/
	install -m 644 $(BUILD)/binfmt.d/*.conf $(DESTDIR)$(BINFMTDIR)/

deps:
	./scripts/install-deps.sh

clean:
	rm -rf $(BUILD)

FORMAT_FILES = $(shell git ls-files '*.c' '*.h' 2>/dev/null)
format:
	clang-format -i $(FORMAT_FILES)
format-check:
	clang-format --dry-run --Werror $(FORMAT_FILES)

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)

# `make demo`: build the riscv64 runner and run a riscv64 program under it, static and
# dynamic (the dynamic one loads Debian's riscv64 glibc through -L).
RV_CC ?= riscv64-linux-gnu-gcc
RV_SYSROOT ?= /usr/riscv64-linux-gnu
demo: deps
	$(MAKE) $(BUILD)/ferry-riscv64
	@mkdir -p $(BUILD)/examples
	$(RV_CC) -O2 -static -o $(BUILD)/examples/hello-static examples/hello.c
	$(RV_CC) -O2 -o $(BUILD)/examples/hello-dynamic examples/hello.c
	$(BUILD)/ferry-riscv64 $(BUILD)/examples/hello-static
	$(BUILD)/ferry-riscv64 -L $(RV_SYSROOT) $(BUILD)/examples/hello-dynamic one two

bench: deps
	$(MAKE) all
	./tests/bench/run.sh $(BUILD)

# `make sysemu-demo`: boots Debian's riscv64 kernel to a busybox shell under ferry sysemu,
# with a virtio disk and user-mode networking (Ctrl-A x quits; `poweroff -f` too).
SYSEMU_ASSETS := $(BUILD)/sysemu-assets
sysemu-demo: deps
	$(MAKE) all
	./scripts/sysemu-assets.sh $(SYSEMU_ASSETS)
	cp $(SYSEMU_ASSETS)/ext4.img $(BUILD)/demo-disk.img
	$(BUILD)/ferry sysemu -M virt -m 512M -nographic -bios $(SYSEMU_ASSETS)/fw_dynamic.bin \
		-kernel $(SYSEMU_ASSETS)/Image -initrd $(SYSEMU_ASSETS)/initramfs.cpio.gz \
		-append "console=ttyS0 quiet" -drive file=$(BUILD)/demo-disk.img,format=raw,if=virtio \
		-netdev user,id=n0 -device virtio-net-device,netdev=n0

# `make bench-sysemu`: time to /init booting Debian's riscv64 kernel, then shell workloads in
# the guest, under ferry sysemu and under qemu-system-riscv64 (downloads the kernel and
# busybox once; BENCH_RUNS, BENCH_SMP).
bench-sysemu: deps
	$(MAKE) all
	./scripts/sysemu-assets.sh $(SYSEMU_ASSETS)
	python3 tests/bench/sysemu_boot.py $(BUILD) $(SYSEMU_ASSETS) $(or $(BENCH_RUNS),5) \
		$(or $(BENCH_SMP),1)
