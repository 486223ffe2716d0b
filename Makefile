# Subscope: `make run` and `make test` work on a fresh Debian 12 machine as root. They install
# the Debian packages that are missing (apt-get update first, only when something is missing)
# and the npm test peers, configure with CMake presets, build, then run or test.

BUILD_DIR := build
BIN       := $(BUILD_DIR)/bin/subscope
JOBS      ?= $(shell nproc 2>/dev/null || echo 2)

# What building and testing need from Debian 12.
DEBS := cmake ninja-build g++ make pkg-config qt6-base-dev qt6-base-dev-tools \
        qt6-websockets-dev qt6-httpserver-dev fonts-dejavu-core
# Node.js and npm run the reference peers (graphql-js); the base image may bring its own.
NODE_DEBS := $(if $(shell command -v node 2>/dev/null),,nodejs)$(if $(shell command -v npm 2>/dev/null),, npm)

.PHONY: all deps debs npm-peers configure build test run bench clean

all: build

deps: debs npm-peers

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

# The test peers (graphql-js and friends), pinned by tests/package-lock.json.
npm-peers: tests/node_modules/.package-lock.json

tests/node_modules/.package-lock.json: tests/package.json tests/package-lock.json | debs
	cd tests && npm ci --no-audit --no-fund --loglevel=error

configure: debs
	cmake --preset default

build: configure
	cmake --build --preset default -j $(JOBS)

test: deps build
	cd $(BUILD_DIR) && ctest -j $(JOBS) --output-on-failure

# The explorer on a display; without one (no DISPLAY / WAYLAND_DISPLAY), the headless server on
# the demo schema. Extra options: make run ARGS="--port 9000 --schema my.graphql"
run: build
	$(BIN) $(ARGS)

# The benchmarks (docs/benchmarks.md). The fan-out comparison takes about 15 minutes; a shorter
# pass: make bench FANOUT_ARGS="--quick". It raises the open-file limit as far as the machine lets.
FANOUT_ARGS ?=
bench: deps build
	@$(MAKE) --no-print-directory debs DEBS=gnuplot-nox NODE_DEBS=
	$(BUILD_DIR)/bin/bench_graphql
	$(BUILD_DIR)/bin/bench_inspector
	ulimit -n "$$(ulimit -Hn)"; node tests/bench/fanout.mjs --build $(BUILD_DIR) \
	  --json $(BUILD_DIR)/fanout.json --plot docs/fanout.png $(FANOUT_ARGS)

clean:
	rm -rf $(BUILD_DIR)
