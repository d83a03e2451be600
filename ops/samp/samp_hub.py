#!/usr/bin/python3
"""A headless SAMP hub with the Web Profile, for the portal's "Send to ..." tests.

Usage: /usr/bin/python3 ops/samp/samp_hub.py LOCKFILE
Serves the Standard Profile (clients find it with SAMP_HUB=std-lockurl:file://LOCKFILE) and the Web
Profile on localhost:21012. A browser registering through the Web Profile is normally asked for
consent by a dialog; here every registration is accepted and logged, since no one is there to click.
Runs until SIGTERM or SIGINT. Needs Debian's python3-astropy.
"""
import signal
import sys
import threading
import time

from astropy.samp import SAMPHubServer


class Consent:
    """Answers the hub's Web Profile consent requests (astropy's dialog protocol): always yes."""

    def __init__(self):
        self.queue_request = None
        self.queue_result = None

    def run(self):
        while True:
            if self.queue_request is None:
                time.sleep(0.05)
                continue
            request = self.queue_request.get()
            print(f"web profile registration accepted: {request!r}", flush=True)
            self.queue_result.put(True)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    consent = Consent()
    hub = SAMPHubServer(lockfile=sys.argv[1], addr="127.0.0.1", web_profile=True, web_profile_dialog=consent, label="portal test hub")
    threading.Thread(target=consent.run, daemon=True).start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    hub.start(wait=False)
    print(f"hub up: {hub.params['samp.hub.xmlrpc.url']}", flush=True)
    stop.wait()
    hub.stop()


if __name__ == "__main__":
    main()
