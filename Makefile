# A thin driver over meson: the build system is meson.build.
#   make run    install what is missing, build, open the console on the sample book
#               (build/sample.db, made on the first run and kept; make sample resets it)
#   make test   build and run every test suite
#   make lint   static analysis (clang-tidy), as CI runs it
#   make bench  time building the 100,000-account book (sample), build it
#               once in bench/out and time the console, the
#               standup and an import on it, a day's rollover, then how much
#               14 daily refreshes grow the file, then how long a sync
#               takes to apply 10,000 changes
#   make bench-1m  the same scripts on a million accounts (not in CI: the
#               book takes about 4 GB in bench/out and 3 to 4 minutes to build;
#               rm bench/out/book-1000000-* frees it)
BUILD ?= build
MESON_FLAGS ?=
ACCTPLAN = $(BUILD)/src/cli/acctplan

.PHONY: all deps build run sample test lint bench bench-1m asan install install-user clean man

all: build

deps:
	@sh tools/install-deps.sh

$(BUILD)/build.ninja:
	@sh tools/install-deps.sh --check || sh tools/install-deps.sh
	meson setup $(BUILD) $(MESON_FLAGS)

build: $(BUILD)/build.ninja
	meson compile -C $(BUILD)

# The sample book is made once, dated as of that day, and then kept: what
# you write in it stays. `make sample` starts it afresh.
run: build
	@[ -f $(BUILD)/sample.db ] || $(ACCTPLAN) sample --out $(BUILD)/sample.db
	$(ACCTPLAN) --db $(BUILD)/sample.db

sample: build
	$(ACCTPLAN) sample --force --out $(BUILD)/sample.db

test: build
	meson test -C $(BUILD) --print-errorlogs

lint: build
	sh tools/lint.sh $(BUILD)

bench: build
	sh bench/sample.sh $(ACCTPLAN)
	sh bench/run.sh $(ACCTPLAN)
	sh bench/rollover.sh $(ACCTPLAN)
	sh bench/history.sh $(ACCTPLAN)
	sh bench/import.sh $(ACCTPLAN)
	sh bench/sync.sh $(ACCTPLAN)

bench-1m: build
	@df -h bench | tail -1 | awk '{ print "bench/out: " $$4 " free (the book takes about 4 GB, its copy as much)" }'
	BENCH_ACCOUNTS=1000000 BENCH_FIRST_BAR=30 sh bench/run.sh $(ACCTPLAN)
	BENCH_ACCOUNTS=1000000 sh bench/cli.sh $(ACCTPLAN)
	ROLLOVER_RUNS=2 sh bench/rollover.sh $(ACCTPLAN) 1000000
	sh bench/sample.sh $(ACCTPLAN) 1000000

asan:
	LSAN_OPTIONS="suppressions=$(CURDIR)/.ci/lsan.supp:print_suppressions=0" $(MAKE) test BUILD=build-asan MESON_FLAGS="-Db_sanitize=address,undefined -Db_lundef=false"

man: build
	sh tools/update-man-keys.sh $(BUILD)/src/ui/keys-doc doc/acctplan.1
	sh tools/update-man-commands.sh $(ACCTPLAN) doc/acctplan.1

install: build
	meson install -C $(BUILD)

# Into ~/.local (binary, man page, themes), no root needed; ~/.local/bin is
# on PATH on most systems.
install-user: build
	meson configure $(BUILD) -Dprefix=$(HOME)/.local
	meson install -C $(BUILD)

clean:
	rm -rf $(BUILD) build-asan
