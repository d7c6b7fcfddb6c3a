#!/usr/bin/env python3
"""Checks the workspace's layering against Workspace.md, the source of truth, and fails (exit 1) on any break.

Workspace.md's "Packages and layers" table gives each package its layer (L0, L1, ... or `app`) and what it may
depend on ("Model, Crypto; swift-log": Berth packages by short name, then external libraries after `;`). This
script reads every `import` of Packages/*/Sources/** and Apps/** and checks:

1. a package imports only the Berth packages its row names, each of a lower layer (apps: any layer);
2. a package imports only the external libraries its row names (plus the standard library and Foundation);
3. the single owners: only BerthHTTP imports Hummingbird or NIO, only BerthMetadata imports SQLite
   (CBerthSQLite), only BerthCrypto imports OpenSSL (CBerthOpenSSL), only BerthPluginHost calls dlopen;
4. plugin packages (layer `plugin`: separate shared libraries) import only the plugin ABI among Berth packages and
   are exempt from the single-owner rule (they carry their own copies); every package in Packages/ has a row;
5. the ECR door's operation files (BerthService/ECRService*.swift) never touch the stores: the core
   (Registry+*.swift) owns every store call.

Run: python3 Tools/scripts/check-layers.py (make test runs it).
"""
import os
import re
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))

# Modules every package may import.
ALWAYS = {"Foundation", "FoundationEssentials", "Dispatch", "Glibc", "Musl", "Darwin", "Synchronization", "Testing", "XCTest", "_Concurrency"}

# External library names as Workspace.md spells them -> the modules they provide.
EXTERNAL = {
    "swift-log": {"Logging"},
    "argument-parser": {"ArgumentParser"},
    "hummingbird": {"Hummingbird", "HummingbirdCore", "HTTPTypes"},
    "nio": {"NIOCore", "NIOHTTP1", "NIOHTTPTypes", "NIOPosix", "NIOConcurrencyHelpers", "NIOExtras"},
    "libssl": {"CBerthOpenSSL"},
    "libsqlite3": {"CBerthSQLite"},
    "postgres-nio": {"PostgresNIO"},
    "libcurl": set(),
    "foundation-networking": {"FoundationNetworking"},
    "libcrypto": set(),
}

# Single owners: module prefix -> the only package that may import it.
OWNERS = {"Hummingbird": "BerthHTTP", "NIO": "BerthHTTP", "HTTPTypes": "BerthHTTP", "CBerthSQLite": "BerthMetadata", "CBerthOpenSSL": "BerthCrypto"}

IMPORT = re.compile(r"^\s*(?:@testable\s+|@_exported\s+)?(?:public\s+|internal\s+|package\s+|private\s+|fileprivate\s+)?import\s+(?:\w+\s+)?([A-Za-z_][A-Za-z0-9_]*)")


def parse_table(text):
    """Rows of the package table: name -> (layer, berth deps (full names), external modules)."""
    rows = {}
    in_table = False
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")] if line.strip().startswith("|") else None
        if cells and [c.lower() for c in cells[:2]] == ["layer", "package"]:
            in_table = True
            continue
        if not in_table:
            continue
        if not cells:
            break
        if set(cells[0]) <= {"-", " "}:
            continue
        layer, package, deps = cells[0], cells[1], cells[-1]
        name = package.split()[0].strip("`")
        berth_part, _, external_part = deps.partition(";")
        berth, external = set(), set()
        for item in re.split(r"[,;]", berth_part):
            item = item.strip().strip("`")
            if not item or item in ("—", "-"):
                continue
            key = item.lower()
            if key in EXTERNAL or key.startswith("lib"):
                external |= EXTERNAL.get(key, set())
            elif re.fullmatch(r"[A-Z][A-Za-z]*", item) and not item.startswith("Berth"):
                berth.add("Berth" + item)
            elif item.startswith("Berth"):
                berth.add(item.split()[0])
        for item in external_part.split(","):
            key = item.strip().strip("`").lower()
            if key:
                if key not in EXTERNAL:
                    sys.exit(f"check-layers: Workspace.md names the library '{key}', which this script does not know; add it to EXTERNAL")
                external |= EXTERNAL[key]
        rows[name] = (layer, berth, external)
    if not rows:
        sys.exit("check-layers: no package table found in Workspace.md")
    return rows


def layer_rank(layer):
    return 10_000 if layer in ("app", "plugin") else int(layer.lstrip("L"))


def sources_of(name):
    """(package, directory) pairs to scan for a table row."""
    if name.startswith("Apps/"):
        return os.path.join(ROOT, name)
    return os.path.join(ROOT, "Packages", name, "Sources")


def own_targets(name, directory):
    return set(os.listdir(directory)) if not name.startswith("Apps/") and os.path.isdir(directory) else set()


def imports_in(directory):
    for base, _, files in os.walk(directory):
        for file in sorted(files):
            if not file.endswith(".swift"):
                continue
            path = os.path.join(base, file)
            with open(path, encoding="utf-8") as handle:
                for number, line in enumerate(handle, 1):
                    match = IMPORT.match(line)
                    if match:
                        yield os.path.relpath(path, ROOT), number, match.group(1)


def main():
    with open(os.path.join(ROOT, "Workspace.md"), encoding="utf-8") as handle:
        rows = parse_table(handle.read())
    problems = []
    for name, (layer, berth, external) in rows.items():
        directory = sources_of(name)
        if not os.path.isdir(directory):
            problems.append(f"Workspace.md names {name}, but {os.path.relpath(directory, ROOT)} does not exist")
            continue
        for dep in berth:
            if dep not in rows:
                problems.append(f"{name}: Workspace.md says it depends on {dep}, which the table does not list")
            elif layer_rank(rows[dep][0]) >= layer_rank(layer):
                problems.append(f"{name} ({layer}) may not depend on {dep} ({rows[dep][0]}): only lower layers")
        owned = own_targets(name, directory)
        for path, number, module in imports_in(directory):
            if module in ALWAYS or module in owned:
                continue
            for prefix, owner in OWNERS.items():
                if module.startswith(prefix) and name != owner and not name.startswith("Apps/") and layer != "plugin":
                    problems.append(f"{path}:{number}: imports {module}; only {owner} may")
            if module.startswith("Berth"):
                if module not in berth:
                    problems.append(f"{path}:{number}: {name} imports {module}, which its Workspace.md row does not allow")
            elif module not in external:
                problems.append(f"{path}:{number}: {name} imports {module}, a library its Workspace.md row does not name")
        if layer == "plugin" and berth - {"BerthPluginABI"}:
            problems.append(f"{name}: a plugin may depend on BerthPluginABI only, not {sorted(berth - {'BerthPluginABI'})}")
    for entry in sorted(os.listdir(os.path.join(ROOT, "Packages"))):
        if os.path.isdir(os.path.join(ROOT, "Packages", entry)) and entry not in rows:
            problems.append(f"Packages/{entry} has no row in Workspace.md's package table")
    for top in ("Packages", "Apps"):
        for base, _, files in os.walk(os.path.join(ROOT, top)):
            if os.sep + "BerthPluginHost" + os.sep in base + os.sep:
                continue
            for file in sorted(f for f in files if f.endswith(".swift")):
                path = os.path.join(base, file)
                with open(path, encoding="utf-8") as handle:
                    for number, line in enumerate(handle, 1):
                        if re.search(r"\bdlopen\(", line):
                            problems.append(f"{os.path.relpath(path, ROOT)}:{number}: calls dlopen; only BerthPluginHost loads libraries")
    door = os.path.join(ROOT, "Packages", "BerthService", "Sources", "BerthService")
    for base, _, files in os.walk(door):
        for file in sorted(files):
            if file.startswith("ECRService") and file.endswith(".swift"):
                path = os.path.join(base, file)
                with open(path, encoding="utf-8") as handle:
                    for number, line in enumerate(handle, 1):
                        if re.search(r"\.(metadata|blobs)\.|registry\.store\b|registry\.metadata\b|registry\.blobs\b", line):
                            problems.append(f"{os.path.relpath(path, ROOT)}:{number}: the ECR door touches a store; move it into a Registry+*.swift core function")
    if problems:
        print("check-layers: the workspace breaks Workspace.md's layering:")
        for problem in problems:
            print("  " + problem)
        return 1
    print(f"check-layers: {len(rows)} packages follow Workspace.md's layering")
    return 0


if __name__ == "__main__":
    sys.exit(main())
