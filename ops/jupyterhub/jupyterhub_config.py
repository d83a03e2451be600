# The portal's local compute facility: JupyterHub (Debian's 3.0) on loopback, for the launch tests and
# for trying launches on one machine. Every user server runs as the hub's own Unix user
# (SimpleLocalProcessSpawner) and anyone may sign in with the shared password: a test peer, not a
# deployment. A real hub needs only the pre-spawn hook below (see ops/README.md).
#
# Environment: PORTAL_HUB_STATE (state folder, required), PORTAL_HUB_TOKEN (the portal service's API
# token, required), PORTAL_HUB_PORT (8000), PORTAL_HUB_PASSWORD (portal-test).
import hashlib
import json
import os
import re
import urllib.parse
import urllib.request
from pathlib import Path

c = get_config()  # noqa: F821 - JupyterHub provides it

STATE = Path(os.environ["PORTAL_HUB_STATE"]).resolve()
PORT = int(os.environ.get("PORTAL_HUB_PORT", "8000"))

c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = PORT
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = PORT + 81
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{PORT + 1}"
c.ConfigurableHTTPProxy.pid_file = str(STATE / "proxy.pid")
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "cookie_secret")
c.JupyterHub.allow_named_servers = True
c.JupyterHub.named_server_limit_per_user = 20

c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = os.environ.get("PORTAL_HUB_PASSWORD", "portal-test")
c.Authenticator.admin_users = {"admin"}

c.JupyterHub.services = [{"name": "portal", "api_token": os.environ["PORTAL_HUB_TOKEN"]}]
c.JupyterHub.load_roles = [{
    "name": "portal-launcher",
    "scopes": ["admin:users", "admin:servers", "tokens", "access:servers", "list:users", "read:users"],
    "services": ["portal"],
}]

c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = str(STATE / "home" / "{username}")
c.Spawner.cmd = ["/usr/bin/jupyterhub-singleuser"]
c.Spawner.args = ["--allow-root"] if os.geteuid() == 0 else []
c.Spawner.start_timeout = 60
c.Spawner.http_timeout = 60

SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$")


def _fetch(url, limit):
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise RuntimeError(f"only http(s) URLs are fetched, not {url}")
    with urllib.request.urlopen(url, timeout=60) as response:
        data = response.read(limit + 1)
    if len(data) > limit:
        raise RuntimeError(f"{url} is larger than {limit} bytes")
    return data


def _check(entry, data):
    size = entry.get("sizeBytes")
    if size is not None and size != len(data):
        raise RuntimeError(f"{entry['url']}: {len(data)} bytes, the manifest says {size}")
    checksum = entry.get("checksum") or ""
    if ":" in checksum:
        algorithm, expected = checksum.split(":", 1)
        if algorithm.lower() in ("md5", "sha1", "sha256", "sha512"):
            actual = hashlib.new(algorithm.lower(), data).hexdigest()
            if actual.lower() != expected.lower():
                raise RuntimeError(f"{entry['url']}: {algorithm} {actual}, the manifest says {expected}")


def _attach(manifest_url, folder):
    """Downloads every file of the portal's data manifest into the session's working folder."""
    manifest = json.loads(_fetch(manifest_url, 16 * 1024 * 1024))
    folder.mkdir(parents=True, exist_ok=True)
    for entry in manifest.get("files", []):
        name = entry.get("name") or Path(urllib.parse.urlsplit(entry["url"]).path).name
        if not SAFE_NAME.match(name):
            raise RuntimeError(f"unsafe file name {name!r} in the manifest")
        data = _fetch(entry["url"], 2 * 1024 * 1024 * 1024)
        _check(entry, data)
        (folder / name).write_bytes(data)
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2))


async def attach_manifest(spawner):
    # Sticky user_options: a start without a manifest must say "manifest_url": null.
    manifest_url = (spawner.user_options or {}).get("manifest_url")
    home = Path(spawner.home_dir_template.format(username=spawner.user.name))
    folder = home / (spawner.name or "default")
    folder.mkdir(parents=True, exist_ok=True)
    spawner.notebook_dir = str(folder)
    if not manifest_url:
        return
    spawner.environment["DATA_MANIFEST_URL"] = manifest_url
    try:
        # Downloads run in a thread, so the hub keeps answering while they last.
        await __import__("asyncio").get_running_loop().run_in_executor(None, _attach, manifest_url, folder)
    except Exception as e:  # noqa: BLE001 - JupyterHub 3.0 mishandles urllib's HTTPError: re-raise plainly
        raise RuntimeError(f"attaching {manifest_url} failed: {e}") from None


c.Spawner.pre_spawn_hook = attach_manifest
