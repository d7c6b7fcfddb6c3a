"""Runs the `berth` CLI (env BERTH_CLI) against a server, in an environment scrubbed of the caller's AWS settings."""
import json
import os
import subprocess

import pytest
from conftest import ACCESS_KEY, REGION, SECRET_KEY

# Settings of the machine running the tests that would change what the CLI resolves.
SCRUBBED = (
    "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION",
    "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_ECR", "BERTH_ENDPOINT", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE",
    "REGISTRY_AUTH_FILE", "DOCKER_CONFIG",
)


def cli_binary():
    binary = os.environ.get("BERTH_CLI")
    if not binary or not os.path.exists(binary):
        pytest.exit(f"berth CLI not found at {binary!r}: set BERTH_CLI (make e2e does)", returncode=2)
    return os.path.abspath(binary)


def cli_env(server=None, home=None, **overrides):
    """The environment: root keys and the server's URL from the environment, no shared files; `overrides` win
    (a value of None removes the variable)."""
    env = {k: v for k, v in os.environ.items() if k not in SCRUBBED}
    env.update({"AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null"})
    if home:
        env["HOME"] = str(home)
    if server is not None:
        env.update({"AWS_ACCESS_KEY_ID": ACCESS_KEY, "AWS_SECRET_ACCESS_KEY": SECRET_KEY, "AWS_REGION": REGION, "BERTH_ENDPOINT": server.url})
    for key, value in overrides.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def run(*args, env, input=None, program=None):
    """Runs `berth args...` (or `program`); returns the CompletedProcess (text mode)."""
    command = [program or cli_binary(), *map(str, args)]
    return subprocess.run(command, env=env, input=input, capture_output=True, text=True, timeout=120)


def ok(*args, env, input=None, program=None):
    """Runs and asserts success with nothing on stderr; returns stdout."""
    result = run(*args, env=env, input=input, program=program)
    assert result.returncode == 0, f"berth {' '.join(map(str, args))}: exit {result.returncode}: {result.stderr}"
    assert result.stderr == "", result.stderr
    return result.stdout


def ok_json(*args, env):
    """Runs with `--output json` and returns the parsed answer."""
    return json.loads(ok(*args, "--output", "json", env=env))


def fails(*args, env, code, input=None):
    """Runs, asserts exit `code` and exactly one line on stderr; returns that line."""
    result = run(*args, env=env, input=input)
    assert result.returncode == code, f"exit {result.returncode} (wanted {code}): {result.stderr}{result.stdout}"
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("berth: "), lines[0]
    return lines[0]
