#!/usr/bin/python3
"""A SAMP client standing in for a desktop tool: registers under a name and records what it receives.

Usage: SAMP_HUB=std-lockurl:file://LOCKFILE /usr/bin/python3 samp_receiver.py NAME OUTPUT.jsonl
Subscribes to table.load.votable and image.load.fits; writes one JSON line per message (mtype, params);
answers calls with samp.ok. Prints "registered" once connected. Runs until SIGTERM.
"""
import json
import signal
import sys
import threading

from astropy.samp import SAMPIntegratedClient


def main():
    name, output = sys.argv[1], sys.argv[2]
    client = SAMPIntegratedClient(name=name, addr="127.0.0.1")
    client.connect()
    lock = threading.Lock()

    def record(mtype, params):
        with lock, open(output, "a", encoding="utf-8") as out:
            out.write(json.dumps({"mtype": mtype, "params": params}) + "\n")

    def on_notification(private_key, sender_id, mtype, params, extra):
        record(mtype, params)

    def on_call(private_key, sender_id, msg_id, mtype, params, extra):
        record(mtype, params)
        client.reply(msg_id, {"samp.status": "samp.ok", "samp.result": {}})

    for mtype in ("table.load.votable", "image.load.fits"):
        client.bind_receive_notification(mtype, on_notification)
        client.bind_receive_call(mtype, on_call)
    print("registered", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    stop.wait()
    client.disconnect()


if __name__ == "__main__":
    main()
