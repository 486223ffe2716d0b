# Subscope: `make run` and `make test` work on a fresh Debian 12 machine as root. They install
# the Debian packages that are missing (apt-get update first, only when something is missing)
# and the npm test peers, configure with CMake, build, then run or test.

JOBS      ?= $(shell nproc 2>/dev/null || echo 2)

# make test SANITIZE=address,undefined: the whole suite under those sanitizers (and
# LeakSanitizer with address), built in build-sanitize/ (Debug: quicker to build).
# SANITIZE_SCOPE=server (CI's pass): without the explorer's widget tests and the benchmarks, the
# parts that take the longest to build and hold no server code.
SANITIZE ?=
SANITIZE_SCOPE ?= all
ifneq ($(SANITIZE),)
BUILD_DIR := build-sanitize
CONFIGURE := cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DSUBSCOPE_SANITIZE=$(SANITIZE) \
  $(if $(filter server,$(SANITIZE_SCOPE)),-DSUBSCOPE_BUILD_UI_TESTS=OFF -DSUBSCOPE_BUILD_BENCHMARKS=OFF,-DSUBSCOPE_BUILD_UI_TESTS=ON -DSUBSCOPE_BUILD_BENCHMARKS=ON)
export ASAN_OPTIONS ?= detect_leaks=1:detect_stack_use_after_return=1
export UBSAN_OPTIONS ?= print_stacktrace=1
export LSAN_OPTIONS ?= suppressions=$(CURDIR)/tests/support/lsan.supp
else
BUILD_DIR := build
# /usr: the prefix of the Debian packages (make package), which the systemd unit names.
CONFIGURE := cmake --preset default -DCMAKE_INSTALL_PREFIX=/usr
endif
BIN := $(BUILD_DIR)/bin/subscope

# What building and testing need from Debian 12 (openssl makes the TLS tests' certificates;
# redis-server and Python's channels_redis are the Redis fan-out tests' peers; the packaging
# tests validate with desktop-file-utils, appstream, groff, systemd and bash-completion; CPack's
# dpkg-shlibdeps needs dpkg-dev and file).
DEBS := cmake ninja-build g++ make pkg-config qt6-base-dev qt6-base-dev-tools \
        qt6-websockets-dev qt6-httpserver-dev qt6-svg-dev fonts-dejavu-core openssl \
        libhiredis-dev libmsgpack-cxx-dev redis-server python3-msgpack python3-channels-redis \
        desktop-file-utils appstream groff-base systemd bash-completion dpkg-dev file
# Node.js and npm run the reference peers (graphql-js); the base image may bring its own.
NODE_DEBS := $(if $(shell command -v node 2>/dev/null),,nodejs)$(if $(shell command -v npm 2>/dev/null),, npm)
# Only the tests need these: Chromium for the GraphiQL interop test (tests/interop/).
TEST_DEBS := chromium

.PHONY: all deps debs test-debs npm-peers configure build test run package package-check bench fuzz clean

all: build

deps: debs npm-peers

test-debs: debs
	@$(MAKE) --no-print-directory debs DEBS="$(TEST_DEBS)" NODE_DEBS=

debs:
	@missing=""; \
	for p in $(DEBS) $(NODE_DEBS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing missing Debian packages:$$missing"; \
	  if [ "$$(id -u)" -ne 0 ]; then echo "error: run as root to install:$$missing" >&2; exit 1; fi; \
	  apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# The test peers (graphql-js and friends), pinned by tests/package-lock.json, and the frontend
# clients of the interop tests (GraphiQL, Vite, playwright-core, Apollo Client, urql), pinned by
# tests/interop/package-lock.json.
npm-peers: tests/node_modules/.package-lock.json tests/interop/node_modules/.package-lock.json

tests/node_modules/.package-lock.json: tests/package.json tests/package-lock.json | debs
	cd tests && npm ci --no-audit --no-fund --loglevel=error

tests/interop/node_modules/.package-lock.json: tests/interop/package.json tests/interop/package-lock.json | debs
	cd tests/interop && npm ci --no-audit --no-fund --loglevel=error

configure: debs
	$(CONFIGURE)

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

test: deps test-debs build
	cd $(BUILD_DIR) && ctest -j $(JOBS) --output-on-failure

# The explorer on a display; without one (no DISPLAY / WAYLAND_DISPLAY), the headless server on
# the demo schema. Extra options: make run ARGS="--port 9000 --schema my.graphql"
run: build
	$(BIN) $(ARGS)

# The Debian packages subscope and subscope-server in build/packages/ (packaging/).
package: build
	cd $(BUILD_DIR) && cpack -G DEB

# Installs those packages with apt-get, serves and subscribes with the installed server, then
# removes them and checks that nothing is left (as root; CI runs it).
package-check: package npm-peers
	tests/packaging/installed_packages.sh $(BUILD_DIR)/packages

# The benchmarks (docs/benchmarks.md). The fan-out comparison takes about 15 minutes; a shorter
# pass: make bench FANOUT_ARGS="--quick". It raises the open-file limit as far as the machine lets.
FANOUT_ARGS ?=
bench: deps build
	@$(MAKE) --no-print-directory debs DEBS=gnuplot-nox NODE_DEBS=
	$(BUILD_DIR)/bin/bench_graphql
	$(BUILD_DIR)/bin/bench_inspector
	ulimit -n "$$(ulimit -Hn)"; node tests/bench/fanout.mjs --build $(BUILD_DIR) \
	  --json $(BUILD_DIR)/fanout.json --plot docs/fanout.png $(FANOUT_ARGS)
	ulimit -n "$$(ulimit -Hn)"; node tests/bench/redis_fanout.mjs --build $(BUILD_DIR) \
	  --json $(BUILD_DIR)/redis_fanout.json

# libFuzzer targets (tests/fuzz/, docs/reliability.md), built with clang in build-fuzz/ and run
# one after the other for FUZZ_SECONDS each; the corpus grows in build-fuzz/corpus/ from the
# seeds in tests/fuzz/corpus/, findings land in build-fuzz/findings/ and stop the run.
# One target: make fuzz FUZZ_TARGETS=fuzz_session FUZZ_SECONDS=3600
# -reload=0: libFuzzer otherwise reads the whole corpus folder again each time a unit is added to
# it, which with thousands of units took half of every core in system calls.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= fuzz_graphql_request fuzz_schema_file fuzz_session fuzz_websocket_frames fuzz_http
fuzz: deps
	@$(MAKE) --no-print-directory debs DEBS="clang libclang-rt-14-dev" NODE_DEBS=
	cmake -S . -B build-fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DSUBSCOPE_FUZZ=ON -DSUBSCOPE_BUILD_TESTS=OFF
	cmake --build build-fuzz -j $(JOBS) --target fuzzers
	@mkdir -p build-fuzz/findings
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p build-fuzz/corpus/$$t; \
	  echo "== $$t for $(FUZZ_SECONDS) s"; \
	  build-fuzz/fuzz/$$t -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 -reload=0 \
	    -artifact_prefix=build-fuzz/findings/$$t- build-fuzz/corpus/$$t tests/fuzz/corpus/$$t \
	    || exit 1; \
	done

clean:
	rm -rf build build-sanitize build-fuzz
