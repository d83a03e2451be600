// "Send to ..." for desktop tools: freezes the selection through the portal's API, then hands each file
// to the researcher's SAMP hub (TOPCAT, Aladin, DS9 ... run one) through the SAMP Web Profile, which
// listens on localhost:21012 and asks the researcher once to allow the portal.
(() => {
  "use strict";
  const HUB = "http://localhost:21012/";

  const escape = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const toXml = (v) => typeof v === "string" ? "<value><string>" + escape(v) + "</string></value>"
    : Array.isArray(v) ? "<value><array><data>" + v.map(toXml).join("") + "</data></array></value>"
    : "<value><struct>" + Object.keys(v).map((k) => "<member><name>" + escape(k) + "</name>" + toXml(v[k]) + "</member>").join("") + "</struct></value>";
  const fromXml = (node) => {
    const c = node.firstElementChild;
    if (!c) return node.textContent;
    if (c.tagName === "struct") {
      const o = {};
      for (const m of c.children) o[m.querySelector("name").textContent] = fromXml(m.querySelector("value"));
      return o;
    }
    if (c.tagName === "array") return Array.from(c.firstElementChild.children).map(fromXml);
    return c.textContent;
  };
  async function rpc(method, params) {
    const body = "<?xml version=\"1.0\"?><methodCall><methodName>" + method + "</methodName><params>" +
      params.map((p) => "<param>" + toXml(p) + "</param>").join("") + "</params></methodCall>";
    const response = await fetch(HUB, { method: "POST", headers: { "Content-Type": "text/xml" }, body });
    const doc = new DOMParser().parseFromString(await response.text(), "text/xml");
    const fault = doc.querySelector("fault");
    if (fault) throw new Error(method + ": " + JSON.stringify(fromXml(fault.querySelector("value"))));
    const value = doc.querySelector("params param value");
    return value ? fromXml(value) : null;
  }

  // The client a message should go to: the one whose name matches the tool, else every subscriber.
  async function recipient(key, mtype, toolName) {
    const subscribed = Object.keys(await rpc("samp.webhub.getSubscribedClients", [key, mtype]) || {});
    for (const id of subscribed) {
      const meta = await rpc("samp.webhub.getMetadata", [key, id]) || {};
      if ((meta["samp.name"] || "").toLowerCase() === toolName.toLowerCase()) return id;
    }
    return subscribed.length > 0 ? null : undefined;
  }

  async function send(button) {
    const status = button.parentElement.querySelector(".samp-status");
    const say = (text) => { status.textContent = text; };
    say("Preparing the data manifest…");
    const launch = { toolId: button.dataset.tool, facilityId: button.dataset.facility };
    if (button.dataset.basket) launch.basketId = button.dataset.basket; else launch.assetIds = JSON.parse(button.dataset.assets);
    const answer = await fetch("/api/launches", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(launch) });
    const result = await answer.json();
    if (!answer.ok) { say("Not sent: " + (result.detail || result.title)); return; }
    let key;
    try {
      say("Asking your SAMP hub (allow the portal if it asks)…");
      const registration = await rpc("samp.webhub.register", [{ "samp.name": "Discovery Portal" }]);
      key = registration["samp.private-key"];
      await rpc("samp.webhub.declareMetadata", [key, { "samp.name": "Discovery Portal", "samp.description.text": "Sends search results to desktop tools" }]);
    } catch (e) {
      say("No SAMP hub answered on this computer: start " + button.dataset.toolName + " (or another SAMP tool) and try again.");
      return;
    }
    try {
      const sent = [];
      for (const message of result.samp) {
        const params = { url: message.url, name: message.name };
        if (message.mType === "table.load.votable") params["table-id"] = message.name;
        if (message.mType === "image.load.fits") params["image-id"] = message.name;
        const body = { "samp.mtype": message.mType, "samp.params": params };
        const to = await recipient(key, message.mType, button.dataset.sampName);
        if (to === undefined) { say("No tool connected to your hub opens " + message.mType + "."); return; }
        if (to === null) await rpc("samp.webhub.notifyAll", [key, body]); else await rpc("samp.webhub.notify", [key, to, body]);
        sent.push(message.name);
      }
      say("Sent " + sent.join(", ") + " to " + button.dataset.toolName + ".");
      document.body.dataset.sampSent = String(sent.length);
    } catch (e) {
      say("Sending failed: " + e.message);
    } finally {
      rpc("samp.webhub.unregister", [key]).catch(() => {});
    }
  }

  document.addEventListener("click", (event) => {
    const button = event.target.closest("button.samp-send");
    if (!button) return;
    event.preventDefault();
    send(button).catch((e) => { button.parentElement.querySelector(".samp-status").textContent = "Not sent: " + e.message; });
  });
})();
