# tests/: Check unit tests, guest programs cross-built per ISA, ISA corner-case tests,
# integration tests and benchmarks. `make check` installs what it needs, builds, runs
# every default suite and ends with one "N passed, N failed" line.
UNIT_SRCS += $(wildcard tests/unit/*.c)
UNIT_LIBS := $(shell pkg-config --libs check 2>/dev/null)

# binfmt/ and the runner's binfmt argv rewriting are tested directly; the aarch64
# frontend (not its ABI, whose linux_abi would clash with riscv64's) for its decoder.
UNIT_EXTRA_OBJS := $(call obj,$(BINFMT_SRCS) runner/binfmt_args.c \
	$(wildcard frontends/aarch64/*.c))
$(BUILD)/tests/unit-tests: $(call obj,$(UNIT_SRCS)) $(UNIT_EXTRA_OBJS) $(BUILD)/libferry-riscv64.a \
		$(BUILD)/libferry-core.a
	@mkdir -p $(dir $@)
	$(CC) -o $@ $(call obj,$(UNIT_SRCS)) $(UNIT_EXTRA_OBJS) -Wl,--start-group $(BUILD)/libferry-riscv64.a \
		$(BUILD)/libferry-core.a -Wl,--end-group $(PKG_LIBS) $(UNIT_LIBS)

.PHONY: unit-tests guest-tests isa-tests
unit-tests: $(BUILD)/tests/unit-tests
	$(BUILD)/tests/unit-tests

check:
	./scripts/install-deps.sh
	$(MAKE) all $(BUILD)/tests/unit-tests
	./tests/run-all.sh $(BUILD)

check-slow: check
	./tests/run-all.sh --slow $(BUILD)
