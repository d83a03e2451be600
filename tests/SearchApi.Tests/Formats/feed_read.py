"""Reads a search's Atom feed with feedparser, as a feed reader does, and prints what it found as JSON."""
import json
import sys
import urllib.request

import feedparser

with urllib.request.urlopen(sys.argv[1], timeout=60) as answer:
    feed = feedparser.parse(answer.read())
print(json.dumps({
    "bozo": bool(feed.bozo),
    "version": feed.version,
    "title": feed.feed.get("title"),
    "next": next((l["href"] for l in feed.feed.get("links", []) if l.get("rel") == "next"), None),
    "entries": [{"id": e.id, "title": e.title, "link": e.link, "updated": e.get("updated")} for e in feed.entries],
}))
