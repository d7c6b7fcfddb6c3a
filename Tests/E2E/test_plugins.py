"""berth-server on plugins only: the sample C blob store (Tools/PluginTemplate/dirblob.c) and the sample C metadata
driver (sqlitedriver.c) serve both doors,
survives a restart mid-upload, and a plugin that cannot be used stops start-up with one line naming it."""
import json
import os
import subprocess

import images
import pytest
import requests
from conftest import ROOT, BerthServer, free_port, server_binary
from oci_client import Registry, ecr_client, registry_password
from oci_layout import make_image, read_layout, sha256, write_layout

INCLUDE = os.path.join(ROOT, "Packages/BerthPluginABI/Sources/BerthPluginABI/include")
SOURCE = os.path.join(ROOT, "Tools/PluginTemplate/dirblob.c")
DRIVER = os.path.join(ROOT, "Tools/PluginTemplate/sqlitedriver.c")


@pytest.fixture(scope="module")
def plugin_dir(tmp_path_factory):
    """Where `make plugins` put libberth-dirblob.so, or a fresh build of it with the same command."""
    built = os.environ.get("BERTH_PLUGIN_DIR")
    if built and all(os.path.exists(os.path.join(built, f"libberth-{name}.so")) for name in ("dirblob", "sqlitedriver")):
        return built
    directory = str(tmp_path_factory.mktemp("plugins"))
    for name, source, libraries in (("dirblob", SOURCE, []), ("sqlitedriver", DRIVER, ["-lsqlite3"])):
        command = ["cc", "-shared", "-fPIC", "-fvisibility=hidden", "-O2", "-I", INCLUDE, source, "-o", os.path.join(directory, f"libberth-{name}.so")]
        subprocess.run(command + libraries, check=True)
    return directory


@pytest.fixture(scope="module")
def plugin_server(plugin_dir, tmp_path_factory):
    base = tmp_path_factory.mktemp("plugin-server")
    root = str(base / "blobs")
    env = {
        "BERTH_BLOB_STORE": "plugin:dirblob",
        "BERTH_BLOB_STORE_CONFIG": json.dumps({"root": root}),
        "BERTH_METADATA_STORE": "plugin:sqlitedriver",
        "BERTH_METADATA_STORE_CONFIG": json.dumps({"path": str(base / "plugin-metadata.sqlite")}),
        "BERTH_PLUGIN_PATH": plugin_dir,
    }
    server = BerthServer(server_binary(), str(base / "data"), extra_env=env).start()
    server.blob_root = root
    server.metadata_file = str(base / "plugin-metadata.sqlite")
    yield server
    server.stop()


def skopeo(*args):
    result = subprocess.run(["skopeo", "--insecure-policy", *args], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_both_doors_store_through_the_plugin(plugin_server, tmp_path):
    ecr = ecr_client(plugin_server)
    ecr.create_repository(repositoryName="plugin/app")
    manifest, digest, config, layers = images.push_image(ecr, "plugin/app", tag="v1", layer_sizes=(6 * 1024 * 1024, 3000))
    # The bytes live where the plugin keeps them, named by digest; nothing is left in its uploads folder.
    for blob in [config, *layers]:
        with open(os.path.join(plugin_server.blob_root, "blobs", sha256(blob)), "rb") as f:
            assert f.read() == blob
    assert os.listdir(os.path.join(plugin_server.blob_root, "uploads")) == []
    # The metadata went through the driver plugin to its own file, not the data folder's.
    assert os.path.exists(plugin_server.metadata_file)
    assert not os.path.exists(os.path.join(plugin_server.data_dir, "metadata.sqlite"))

    url = ecr.get_download_url_for_layer(repositoryName="plugin/app", layerDigest=sha256(layers[1]))["downloadUrl"]
    assert requests.get(url, timeout=30).content == layers[1]

    v2 = Registry(plugin_server.url, registry_password(ecr))
    ranged = v2.get(f"/v2/plugin/app/blobs/{sha256(layers[0])}", headers={"Range": "bytes=10-19"})
    assert ranged.status_code == 206 and ranged.content == layers[0][10:20]

    image = make_image(note="plugin-skopeo", layer_files=({"etc/hello": os.urandom(50_000)},))
    source = write_layout(str(tmp_path / "source"), image, tag="latest")
    creds = ["--dest-creds", f"AWS:{v2.password}", "--dest-tls-verify=false"]
    skopeo("copy", *creds, f"oci:{source}:latest", f"docker://{v2.host}/plugin/app:skopeo")
    target = str(tmp_path / "target")
    skopeo("copy", "--src-creds", f"AWS:{v2.password}", "--src-tls-verify=false", f"docker://{v2.host}/plugin/app:skopeo", f"oci:{target}:x")
    pulled = read_layout(target, tag="x")
    assert pulled.manifest == image.manifest and pulled.layers == image.layers
    got = ecr.batch_get_image(repositoryName="plugin/app", imageIds=[{"imageTag": "v1"}])["images"][0]
    assert got["imageManifest"].encode() == manifest and got["imageId"]["imageDigest"] == digest


def test_a_chunked_upload_continues_after_a_restart_on_the_plugin(plugin_server):
    ecr = ecr_client(plugin_server)
    ecr.create_repository(repositoryName="plugin/restart")
    v2 = Registry(plugin_server.url, registry_password(ecr))
    data = os.urandom(300_000)
    started = v2.post("/v2/plugin/restart/blobs/uploads/")
    assert started.status_code == 202
    location = started.headers["Location"]
    first = v2.patch(location, data=data[:100_000], headers={"Content-Range": "0-99999", "Content-Type": "application/octet-stream"})
    assert first.status_code == 202 and first.headers["Range"] == "0-99999"

    plugin_server.restart()
    v2 = Registry(plugin_server.url, registry_password(ecr_client(plugin_server)))
    status = v2.get(location)
    assert status.status_code == 204 and status.headers["Range"] == "0-99999"
    done = v2.put(location + f"?digest={sha256(data)}", data=data[100_000:], headers={"Content-Type": "application/octet-stream"})
    assert done.status_code == 201, done.text
    assert v2.get(f"/v2/plugin/restart/blobs/{sha256(data)}").content == data


@pytest.mark.parametrize(
    "store, expected",
    [
        ("plugin:/nonexistent/libberth-x.so", "berth-server: plugin /nonexistent/libberth-x.so: no such file"),
        ("plugin:nosuchplugin", "berth-server: plugin libberth-nosuchplugin.so: not found in"),
        ("s3", "berth-server: --blob-store s3: expected fs or plugin:<name-or-path>"),
    ],
)
def test_an_unusable_blob_store_stops_start_up_with_one_line(tmp_path, plugin_dir, store, expected):
    env = dict(os.environ, BERTH_DATA_DIR=str(tmp_path / "data"), BERTH_PORT=str(free_port()), BERTH_BLOB_STORE=store, BERTH_PLUGIN_PATH=plugin_dir)
    result = subprocess.run([server_binary()], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith(expected), result.stderr


def test_a_plugin_refusing_its_configuration_stops_start_up(tmp_path, plugin_dir):
    env = dict(
        os.environ, BERTH_DATA_DIR=str(tmp_path / "data"), BERTH_PORT=str(free_port()), BERTH_BLOB_STORE="plugin:dirblob", BERTH_BLOB_STORE_CONFIG="{}",
        BERTH_PLUGIN_PATH=plugin_dir,
    )
    result = subprocess.run([server_binary()], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"berth-server: plugin {plugin_dir}/libberth-dirblob.so: cannot open the store: dirblob open: config needs {{\"root\": \"<directory>\"}}"
    )


def test_a_blob_store_plugin_is_not_a_metadata_driver(tmp_path, plugin_dir):
    env = dict(
        os.environ, BERTH_DATA_DIR=str(tmp_path / "data"), BERTH_PORT=str(free_port()), BERTH_METADATA_STORE="plugin:dirblob",
        BERTH_PLUGIN_PATH=plugin_dir,
    )
    result = subprocess.run([server_binary()], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.strip() == f"berth-server: plugin {plugin_dir}/libberth-dirblob.so: plugin dirblob is not a metadata driver"
