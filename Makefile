# leadkit: small programs over one library and one SQLite database.
#
#   make          build bin/lead-*            make check     deps, build, every test
#   make demo     deps, build, a guided run   make sanitize  every test under ASan+UBSan
#   make bench    timings against baselines   make fuzz      libFuzzer over the parsers
#                 (BENCH_ONLY=csv|adf|assign)
#   make install  PREFIX=/usr/local DESTDIR=  make deps      the Debian packages needed

VERSION = 0.1.0

PREFIX ?= /usr/local
DESTDIR ?=
SHAREDIR = $(PREFIX)/share/leadkit
MANDIR = $(PREFIX)/share/man
BASHCOMPDIR = $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR = $(PREFIX)/share/zsh/site-functions

# B is the object directory, BIN where programs go; sanitize and fuzz
# builds use their own so they never mix with the normal build.
B ?= build
BIN ?= bin

CFLAGS ?= -O2 -g
PKGS = sqlite3 libutf8proc libxml-2.0 gmime-3.0
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS = $(shell pkg-config --libs $(PKGS))
# libcsv ships no .pc file
override CFLAGS += -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror \
	-Iinclude -DLK_VERSION='"$(VERSION)"' $(PKG_CFLAGS)
LDLIBS = -lcsv $(PKG_LIBS) -pthread

PROGS = lead-add lead-status lead-assign lead-staff
LIBSRC = $(wildcard lib/*.c)
LIBOBJ = $(LIBSRC:lib/%.c=$(B)/lib/%.o) $(B)/lib/embed.o
UNITS = $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/test_*.c))
EMBED = share/schema.sql share/schema-2.sql share/schema-3.sql share/statuses.tsv \
	share/followup-kinds.tsv share/cadence.tsv share/headers.tsv \
	share/example-leads.csv

all: $(PROGS:%=$(BIN)/%)

$(BIN)/%: $(B)/cmd/%.o $(B)/libleadkit.a
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(B)/libleadkit.a: $(LIBOBJ)
	rm -f $@
	$(AR) rcs $@ $^

$(B)/cmd/%.o: cmd/%.c $(wildcard include/*.h)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c -o $@ $<

$(B)/lib/%.o: lib/%.c $(wildcard include/*.h lib/*.h)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c -o $@ $<

# share/ files compiled in, so a program works before and without install.
$(B)/lib/embed.c: $(EMBED) Makefile
	@mkdir -p $(@D)
	{ echo '#include <stddef.h>'; echo '#include "share.h"'; \
	for f in $(EMBED); do \
		n=$$(basename $$f | tr -c 'a-zA-Z0-9\n' _); \
		echo "static const unsigned char d_$$n[] = {"; \
		od -An -v -tx1 $$f | sed 's/ *\([0-9a-f][0-9a-f]\)/0x\1,/g'; \
		echo '0x00 };'; \
	done; \
	echo 'const struct lk_share_file lk_share_files[] = {'; \
	for f in $(EMBED); do \
		n=$$(basename $$f | tr -c 'a-zA-Z0-9\n' _); \
		echo "{ \"$$(basename $$f)\", (const char *)d_$$n, sizeof d_$$n - 1 },"; \
	done; \
	echo '{ NULL, NULL, 0 } };'; } > $@.tmp && mv $@.tmp $@

$(B)/lib/embed.o: $(B)/lib/embed.c include/share.h
	$(CC) $(CFLAGS) -c -o $@ $<

$(B)/tests/%: tests/unit/%.c tests/unit/t.h $(B)/libleadkit.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -Itests/unit $(LDFLAGS) -o $@ $< $(B)/libleadkit.a $(LDLIBS)

units: $(UNITS:%=$(B)/tests/%)

# The Debian packages the build and the tests need; installs what is
# missing when run as root, says what to install otherwise.
DEB = gcc make pkg-config libsqlite3-dev sqlite3 libcsv-dev libutf8proc-dev \
	libxml2-dev libgmime-3.0-dev \
	bats bats-assert bats-support mandoc bash-completion zsh
deps:
	@./tests/deps $(DEB)

check: deps
	@$(MAKE) --no-print-directory all units
	@B=$(B) BIN=$(BIN) UNITS="$(UNITS)" ./tests/run

SAN = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=all
sanitize: deps
	@$(MAKE) --no-print-directory B=build/san BIN=build/san/bin \
		CFLAGS="$(SAN)" LDFLAGS="$(SAN)" all units
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
		B=build/san BIN=build/san/bin UNITS="$(UNITS)" ./tests/run

FUZZ_SECONDS ?= 120
FUZZ_DATE_SECONDS ?= 60
FUZZ_ADF_SECONDS ?= 120
FUZZ_ROUTING_SECONDS ?= 120
FUZZ_SHIFTS_SECONDS ?= 120
FUZZ = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer
fuzz:
	@./tests/deps clang libclang-rt-14-dev $(DEB)
	@$(MAKE) --no-print-directory B=build/fuzz BIN=build/fuzz/bin CC=clang \
		CFLAGS="$(FUZZ) -fsanitize=fuzzer-no-link" build/fuzz/libleadkit.a
	@mkdir -p build/fuzz
	clang $(CFLAGS) $(FUZZ) -fsanitize=fuzzer -o build/fuzz/fuzz_csv \
		tests/fuzz/fuzz_csv.c build/fuzz/libleadkit.a $(LDLIBS)
	clang $(CFLAGS) $(FUZZ) -fsanitize=fuzzer -o build/fuzz/fuzz_date \
		tests/fuzz/fuzz_date.c build/fuzz/libleadkit.a $(LDLIBS)
	clang $(CFLAGS) $(FUZZ) -fsanitize=fuzzer -o build/fuzz/fuzz_adf \
		tests/fuzz/fuzz_adf.c build/fuzz/libleadkit.a $(LDLIBS)
	clang $(CFLAGS) $(FUZZ) -fsanitize=fuzzer -o build/fuzz/fuzz_routing \
		tests/fuzz/fuzz_routing.c build/fuzz/libleadkit.a $(LDLIBS)
	clang $(CFLAGS) $(FUZZ) -fsanitize=fuzzer -o build/fuzz/fuzz_shifts \
		tests/fuzz/fuzz_shifts.c build/fuzz/libleadkit.a $(LDLIBS)
	./tests/fuzz/run build/fuzz/fuzz_csv $(FUZZ_SECONDS)
	./tests/fuzz/run build/fuzz/fuzz_date $(FUZZ_DATE_SECONDS)
	./tests/fuzz/run build/fuzz/fuzz_adf $(FUZZ_ADF_SECONDS)
	./tests/fuzz/run build/fuzz/fuzz_routing $(FUZZ_ROUTING_SECONDS)
	./tests/fuzz/run build/fuzz/fuzz_shifts $(FUZZ_SHIFTS_SECONDS)

# BENCH_ONLY=csv runs only bench/run (lead-add --csv), BENCH_ONLY=adf
# only bench/adf (lead-add --adf --mail), BENCH_ONLY=assign only
# bench/assign (lead-assign --new).
BENCH_ONLY ?=
bench: deps
	@case "$(BENCH_ONLY)" in ""|csv|adf|assign) ;; *) echo "make bench:" \
		"BENCH_ONLY: csv, adf or assign, not $(BENCH_ONLY)" >&2; \
		exit 64 ;; esac
	@./tests/deps sqlite-utils time
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory B=build CFLAGS="-O2 -g" build/bench/gen \
		build/bench/bare build/bench/genadf
	case "$(BENCH_ONLY)" in ""|csv) ./bench/run ;; esac
	case "$(BENCH_ONLY)" in ""|adf) ./bench/adf ;; esac
	case "$(BENCH_ONLY)" in ""|assign) ./bench/assign ;; esac

$(B)/bench/%: bench/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -o $@ $< $(LDLIBS)

# A newcomer's first look: a fresh default database, the example leads
# imported, some statuses changed, one lead's history.
DEMO_DB = build/demo/leads.db
demo: deps
	@$(MAKE) --no-print-directory all
	@rm -rf build/demo && mkdir -p build/demo
	@PATH=$$PWD/$(BIN):$$PATH LEAD_DB=$(DEMO_DB) ./tests/demo

install: all
	mkdir -p $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(SHAREDIR) \
		$(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man7 \
		$(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	install -m 0755 $(PROGS:%=$(BIN)/%) $(DESTDIR)$(PREFIX)/bin
	install -m 0644 $(EMBED) $(DESTDIR)$(SHAREDIR)
	install -m 0644 man/man1/*.1 $(DESTDIR)$(MANDIR)/man1
	install -m 0644 man/man7/*.7 $(DESTDIR)$(MANDIR)/man7
	install -m 0644 completions/bash/* $(DESTDIR)$(BASHCOMPDIR)
	install -m 0644 completions/zsh/_leadkit $(DESTDIR)$(ZSHCOMPDIR)

uninstall:
	rm -f $(PROGS:%=$(DESTDIR)$(PREFIX)/bin/%)
	rm -rf $(DESTDIR)$(SHAREDIR)
	rm -f $(PROGS:%=$(DESTDIR)$(MANDIR)/man1/%.1) \
		$(DESTDIR)$(MANDIR)/man7/leadkit.7
	rm -f $(PROGS:%=$(DESTDIR)$(BASHCOMPDIR)/%) \
		$(DESTDIR)$(ZSHCOMPDIR)/_leadkit

lint:
	mandoc -Tlint -W warning man/man1/*.1 man/man7/*.7

clean:
	rm -rf build bin

.PHONY: all units deps check sanitize fuzz bench demo install uninstall \
	lint clean
.SECONDARY:
