# Berth: the two commands a newcomer types are `make run` and `make test`. Every tool they need is installed
# here (apt and pip), never by hand, so CI on a fresh machine proves the README.
SHELL := /bin/bash
SWIFT ?= swift
SWIFT_FLAGS := --explicit-target-dependency-import-check error
HOST ?= 127.0.0.1
PORT ?= 5000
DATA_DIR ?= ./data
PYTHON ?= python3

.PHONY: help run build release deps test-deps test unit e2e cli lint check-layers format bench clean plugins

help:
	@echo "make run    - install what is missing, build release, start berth-server on $(DATA_DIR)"
	@echo "make test   - install test tools, build, run unit tests, swift format lint, end-to-end tests"
	@echo "make e2e    - only the end-to-end suite (pytest, boto3, aws CLI) against a fresh server"
	@echo "make cli    - build the berth CLI and the docker-credential-berth symlink beside it"
	@echo "make bench  - benchmarks against the reference registries"
	@echo "make plugins - build the plugins (dirblob, sqlitedriver, s3, postgres) into <bin>/plugins, where berth-server finds them"

deps:
	@bash Tools/scripts/install-deps.sh build

test-deps: deps
	@bash Tools/scripts/install-deps.sh test

build: deps
	$(SWIFT) build $(SWIFT_FLAGS)

release: deps
	$(SWIFT) build -c release $(SWIFT_FLAGS) --product berth-server

run: release
	@bash Tools/scripts/run-server.sh "$$($(SWIFT) build -c release --show-bin-path)/berth-server" $(HOST) $(PORT) $(DATA_DIR)

unit: test-deps plugins
	$(SWIFT) build --build-tests $(SWIFT_FLAGS)
	$(SWIFT) test --skip-build $(SWIFT_FLAGS)

lint:
	$(SWIFT) format lint -r --strict Package.swift Packages Apps Tests Tools --parallel 2>&1 | tee /tmp/berth-lint.log; \
	  test ! -s /tmp/berth-lint.log

check-layers:
	$(PYTHON) Tools/scripts/check-layers.py

format:
	$(SWIFT) format -i -r Package.swift Packages Apps Tests Tools --parallel

# Plugins, beside the binary in plugins/ (the last place berth-server looks for a name): the C samples (plain cc,
# libc only), the S3 blob store (C, libcurl + libcrypto) and the PostgreSQL driver (a Swift dynamic library).
PLUGIN_CFLAGS := -shared -fPIC -fvisibility=hidden -O2 -Wall -Wextra -Werror -IPackages/BerthPluginABI/Sources/BerthPluginABI/include
# CONFIG=release builds them beside the release binary (`make release plugins CONFIG=release`).
CONFIG ?= debug
PLUGIN_DIR = $$($(SWIFT) build -c $(CONFIG) --show-bin-path)/plugins

plugins: deps
	@mkdir -p "$(PLUGIN_DIR)"
	$(CC) $(PLUGIN_CFLAGS) Tools/PluginTemplate/dirblob.c -o "$(PLUGIN_DIR)/libberth-dirblob.so"
	$(CC) $(PLUGIN_CFLAGS) Tools/PluginTemplate/sqlitedriver.c -lsqlite3 -o "$(PLUGIN_DIR)/libberth-sqlitedriver.so"
	$(CC) $(PLUGIN_CFLAGS) Packages/BerthS3Plugin/Sources/*.c -lcurl -lcrypto -o "$(PLUGIN_DIR)/libberth-s3.so"
	$(SWIFT) build -c $(CONFIG) $(SWIFT_FLAGS) --product berth-postgres
	cp "$$($(SWIFT) build -c $(CONFIG) --show-bin-path)/libberth-postgres.so" "$(PLUGIN_DIR)/"

cli: deps
	$(SWIFT) build $(SWIFT_FLAGS) --product berth
	ln -sf berth "$$($(SWIFT) build --show-bin-path)/docker-credential-berth"

e2e: test-deps plugins
	$(SWIFT) build $(SWIFT_FLAGS) --product berth-server
	$(SWIFT) build $(SWIFT_FLAGS) --product berth
	BERTH_BIN="$$($(SWIFT) build --show-bin-path)/berth-server" BERTH_CLI="$$($(SWIFT) build --show-bin-path)/berth" BERTH_PLUGIN_DIR="$(PLUGIN_DIR)" $(PYTHON) -m pytest -q Tests/E2E

test: test-deps lint check-layers unit e2e

bench: test-deps release
	@bash Tools/scripts/bench.sh "$$($(SWIFT) build -c release --show-bin-path)/berth-server"

clean:
	rm -rf .build
