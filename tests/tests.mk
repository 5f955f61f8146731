# tests/: Check unit tests, guest programs cross-built per ISA, ISA corner-case tests,
# integration tests and benchmarks. `make check` installs what it needs, builds, runs
# every default suite and ends with one "N passed, N failed" line.
UNIT_SRCS += $(wildcard tests/unit/*.c)
UNIT_LIBS := $(shell pkg-config --libs check 2>/dev/null)

# binfmt/, the runner's binfmt argv rewriting and rootfs-tools' parsers are tested
# directly; the aarch64 frontend (not its ABI, whose linux_abi would clash with
# riscv64's) for its decoder.
UNIT_EXTRA_OBJS := $(call obj,$(BINFMT_SRCS) runner/binfmt_args.c $(ROOTFS_PURE_SRCS) \
	$(wildcard frontends/aarch64/*.c))
$(BUILD)/tests/unit-tests: $(call obj,$(UNIT_SRCS)) $(UNIT_EXTRA_OBJS) $(BUILD)/libferry-sysemu.a \
		$(BUILD)/libferry-riscv64.a $(BUILD)/libferry-core.a
	@mkdir -p $(dir $@)
	$(CC) -o $@ $(call obj,$(UNIT_SRCS)) $(UNIT_EXTRA_OBJS) -Wl,--start-group $(BUILD)/libferry-sysemu.a \
		$(BUILD)/libferry-riscv64.a $(BUILD)/libferry-core.a -Wl,--end-group $(PKG_LIBS) \
		$(SYSEMU_LIBS) $(UNIT_LIBS)

# The differential tester's generator and comparator (tests/difftest/), a native tool.
DIFFTEST_SRCS := $(wildcard tests/difftest/*.c)
$(BUILD)/tests/difftest: $(call obj,$(DIFFTEST_SRCS))
	@mkdir -p $(dir $@)
	$(CC) -o $@ $^

.PHONY: unit-tests guest-tests isa-tests difftest
unit-tests: $(BUILD)/tests/unit-tests
	$(BUILD)/tests/unit-tests

check:
	./scripts/install-deps.sh
	$(MAKE) all $(BUILD)/tests/unit-tests $(BUILD)/tests/difftest
	./tests/run-all.sh $(BUILD)

check-slow: check
	./tests/run-all.sh --slow $(BUILD)

# A long differential run: make difftest ISA=aarch64 N=1000000 (ISA empty: both).
ISA ?=
N ?= 100000
SEED ?= 1
difftest: all $(BUILD)/tests/difftest
	./tests/difftest/run.sh $(foreach i,$(ISA),--isa $(i)) --n $(N) --seed $(SEED) $(BUILD)

# System mode: the bare-metal tests alone (SYSEMU_CMD=qemu-system-riscv64 validates them
# against QEMU) and the boot test's downloaded kernel, initramfs, firmware and disk.
.PHONY: sysemu-baremetal sysemu-assets
sysemu-baremetal: all
	./tests/integration/sysemu_baremetal.sh $(BUILD)
sysemu-assets:
	./scripts/sysemu-assets.sh $(BUILD)/sysemu-assets
