"""Throwaway PostgreSQL and S3 (moto) servers for replica tests, started by the same scripts the Swift tests use
(Tools/scripts/throwaway-*.sh), and the berth-server environment that points a replica at them."""
import json
import os
import subprocess
import tempfile

from conftest import ROOT, free_port

SCRIPTS = os.path.join(ROOT, "Tools", "scripts")


def plugin_dir():
    directory = os.environ.get("BERTH_PLUGIN_DIR")
    if not directory:
        out = subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, capture_output=True, text=True, check=True)
        directory = os.path.join(out.stdout.strip(), "plugins")
    return directory


class ThrowawayServer:
    def __init__(self, script):
        self.script = os.path.join(SCRIPTS, script)
        self.directory = tempfile.mkdtemp(prefix="berth-throwaway-", dir="/tmp")
        os.rmdir(self.directory)  # the script creates it (owned by the server's user)
        self.port = free_port()
        subprocess.run(["bash", self.script, "start", self.directory, str(self.port)], check=True, timeout=120)

    def stop(self):
        subprocess.run(["bash", self.script, "stop", self.directory], check=False, timeout=60)


class PostgresAndS3:
    """One PostgreSQL database and one S3 bucket that several replicas share (no shared disk)."""

    def __init__(self, presign=False):
        self.presign = presign
        self.postgres = ThrowawayServer("throwaway-postgres.sh")
        try:
            self.s3 = ThrowawayServer("throwaway-s3.sh")
        except Exception:
            self.postgres.stop()
            raise

    def blob_config(self):
        return json.dumps(
            {
                "endpoint": f"http://127.0.0.1:{self.s3.port}",
                "bucket": "berth",
                "region": "us-east-1",
                "pathStyle": True,
                "prefix": "berth/",
                "accessKeyId": "test",
                "secretAccessKey": "test",
                "presign": self.presign,
            }
        )

    def metadata_config(self):
        return json.dumps({"url": f"postgresql://berth@127.0.0.1:{self.postgres.port}/berth"})

    def server_env(self):
        """berth-server's environment for a replica on these stores (the flags' BERTH_* equivalents)."""
        return {
            "BERTH_PLUGIN_PATH": plugin_dir(),
            "BERTH_BLOB_STORE": "plugin:s3",
            "BERTH_BLOB_STORE_CONFIG": self.blob_config(),
            "BERTH_METADATA_STORE": "plugin:postgres",
            "BERTH_METADATA_STORE_CONFIG": self.metadata_config(),
        }

    def stop(self):
        self.s3.stop()
        self.postgres.stop()
