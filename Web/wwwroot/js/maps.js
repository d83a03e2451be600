// Sky and ground maps: the footprints of the results (or of one asset), each a link to its record, and
// on the results page a way to set the search's cone (click or drag on the sky, or an object's name) and
// box (drag on the ground). They fill the search form's own fields and submit it, so the page without
// script keeps the same form. Uses d3-geo, d3-geo-projection and topojson-client from /lib.
(function () {
  "use strict";
  var d3 = window.d3, topojson = window.topojson;
  if (!d3 || !d3.geoPath || !document.querySelector) {
    return;
  }
  var SVG = "http://www.w3.org/2000/svg";
  var WIDTH = 720, HEIGHT = 360;
  // Tiny footprints on a whole-sky or whole-world map are drawn as a marker of this many pixels.
  var MARKER = 4;

  function el(name, attrs, parent) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) {
      parent.appendChild(node);
    }
    return node;
  }

  // A drawing goes above its figure's caption, in the room the figure kept for it.
  function place(figure, svg) {
    figure.insertBefore(svg, figure.querySelector("figcaption"));
    var space = figure.querySelector(".map-space");
    if (space) {
      space.remove();
    }
    return svg;
  }

  // Each drawing in a task of its own, so the page answers input between them.
  function later(work) {
    return new Promise(function (resolve) { setTimeout(function () { resolve(work()); }, 0); });
  }

  // The projection stays on the drawing, so a page test can find where a place is drawn.
  function svgIn(figure, label, height, projection) {
    var svg = el("svg", { viewBox: "0 0 " + WIDTH + " " + height, role: "group", "aria-label": label, "class": "map-canvas" });
    svg.projection = projection;
    return place(figure, svg);
  }

  // A ring of [lon, lat] points as a polygon d3 reads as the small area it encloses, whichever way it was given.
  function polygon(points) {
    var ring = points.slice();
    if (ring.length && (ring[0][0] !== ring[ring.length - 1][0] || ring[0][1] !== ring[ring.length - 1][1])) {
      ring.push(ring[0]);
    }
    var shape = { type: "Polygon", coordinates: [ring] };
    if (d3.geoArea(shape) > 2 * Math.PI) {
      shape = { type: "Polygon", coordinates: [ring.slice().reverse()] };
    }
    return shape;
  }

  // A west-south-east-north box as a polygon along its meridians and parallels (densified, so its edges
  // follow the parallels rather than great circles); west greater than east crosses the antimeridian.
  function box(b) {
    var east = b.east < b.west ? b.east + 360 : b.east;
    if (east - b.west >= 359.9 && b.north - b.south >= 179.9) {
      return { type: "Sphere" };
    }
    var ring = [], steps = Math.max(2, Math.ceil((east - b.west) / 2)), i;
    for (i = 0; i <= steps; i++) { ring.push([b.west + (east - b.west) * i / steps, b.south]); }
    for (i = 0; i <= steps; i++) { ring.push([east - (east - b.west) * i / steps, b.north]); }
    return polygon(ring);
  }

  function skyShape(sky) {
    if (sky.polygon && sky.polygon.length >= 3) {
      return polygon(sky.polygon.map(function (p) { return [p.ra, p.dec]; }));
    }
    return d3.geoCircle().center([sky.ra, sky.dec]).radius(Math.max(sky.radius || 0, 1e-4)).precision(2)();
  }

  function groundShape(ground) {
    if (ground.polygon && ground.polygon.length >= 3) {
      return polygon(ground.polygon.map(function (p) { return [p.lon, p.lat]; }));
    }
    return box(ground.box);
  }

  // Draws a footprint as its shape, or as a marker where the shape would be under two pixels across.
  function footprint(layer, path, projection, shape, centre, href, title) {
    var bounds = path.bounds(shape);
    var small = !isFinite(bounds[0][0]) || (bounds[1][0] - bounds[0][0] < 2 && bounds[1][1] - bounds[0][1] < 2);
    // A footprint covering everything (a global collection) is drawn as an outline only, not a veil over the map.
    var kind = shape.type === "Sphere" ? "footprint everywhere" : "footprint";
    var parent = href ? el("a", { href: href, "class": kind }, layer) : el("g", { "class": kind }, layer);
    el("title", {}, parent).textContent = title;
    if (small) {
      var at = projection(centre);
      if (at) {
        el("circle", { cx: at[0].toFixed(1), cy: at[1].toFixed(1), r: MARKER }, parent);
      }
    } else {
      el("path", { d: path(shape) }, parent);
    }
    return parent;
  }

  function pointer(svg, event) {
    var r = svg.getBoundingClientRect();
    return [(event.clientX - r.left) * WIDTH / r.width, (event.clientY - r.top) * svg.viewBox.baseVal.height / r.height];
  }

  function field(form, name) {
    return form ? form.querySelector("[name='" + name + "']") : null;
  }

  function round(v, digits) {
    var f = Math.pow(10, digits);
    return String(Math.round(v * f) / f);
  }

  function submit(form) {
    var filters = form.querySelector("details.more-filters");
    if (filters) {
      filters.open = true;
    }
    if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
  }

  // The galactic plane (b = 0) in J2000 equatorial coordinates.
  function galacticPlane() {
    var rad = Math.PI / 180, raP = 192.85948 * rad, decP = 27.12825 * rad, lNcp = 122.93192 * rad, points = [];
    for (var l = 0; l <= 360; l += 2) {
      var lr = l * rad;
      var dec = Math.asin(Math.cos(decP) * Math.cos(lNcp - lr));
      var ra = raP + Math.atan2(Math.sin(lNcp - lr), -Math.sin(decP) * Math.cos(lNcp - lr));
      points.push([ra / rad, dec / rad]);
    }
    return { type: "LineString", coordinates: points };
  }

  function skyBase(svg, path) {
    el("path", { d: path({ type: "Sphere" }), "class": "sphere" }, svg);
    el("path", { d: path(d3.geoGraticule().step([30, 30])()), "class": "graticule" }, svg);
    el("path", { d: path(galacticPlane()), "class": "galactic" }, svg);
  }

  function skyLabels(svg, projection) {
    [0, 90, 180, 270].forEach(function (ra) {
      var at = projection([ra === 180 ? 179.9 : ra, 0]);
      if (at) {
        var t = el("text", { x: at[0].toFixed(0), y: (at[1] - 4).toFixed(0), "class": "axis" }, svg);
        t.textContent = (ra / 15) + "h";
      }
    });
  }

  function hitTitle(hit) {
    return hit.title + (hit.mission ? " (" + hit.mission + ")" : "");
  }

  // The all-sky map of the results, RA growing to the left as on the sky; click sets a cone, drag sets its radius.
  function skyMap(figure, hits, form) {
    var projection = d3.geoMollweide().reflectX(true).fitExtent([[4, 4], [WIDTH - 4, HEIGHT - 4]], { type: "Sphere" });
    var path = d3.geoPath(projection);
    var svg = svgIn(figure, "Results on the sky, equatorial coordinates; the dashed line is the galactic plane. Click or drag to search a cone.", HEIGHT, projection);
    skyBase(svg, path);
    skyLabels(svg, projection);
    var cone = el("g", { "class": "selection" }, svg);
    var layer = el("g", { "class": "footprints" }, svg);
    hits.forEach(function (hit) {
      if (hit.sky) {
        footprint(layer, path, projection, skyShape(hit.sky), [hit.sky.ra, hit.sky.dec], "/assets/" + encodeURIComponent(hit.id), hitTitle(hit));
      }
    });
    function drawCone(ra, dec, radius) {
      cone.textContent = "";
      if (isFinite(ra) && isFinite(dec)) {
        el("path", { d: path(d3.geoCircle().center([ra, dec]).radius(Math.max(radius || 0, 0.3))()) }, cone);
      }
    }
    var ra = field(form, "ra"), dec = field(form, "dec"), radius = field(form, "radius");
    if (ra && ra.value && dec && dec.value) {
      drawCone(parseFloat(ra.value), parseFloat(dec.value), parseFloat(radius && radius.value));
    }
    if (!form || !ra || !dec || !radius) {
      return svg;
    }
    var start = null;
    svg.addEventListener("pointerdown", function (event) {
      if (event.target.closest && event.target.closest("a")) {
        return;
      }
      var at = projection.invert(pointer(svg, event));
      if (!at || !isFinite(at[0]) || d3.geoDistance(at, projection.invert(projection(at))) > 1e-6) {
        return;
      }
      start = at;
      if (svg.setPointerCapture) { svg.setPointerCapture(event.pointerId); }
      event.preventDefault();
    });
    function radiusTo(event) {
      var at = projection.invert(pointer(svg, event));
      return at && isFinite(at[0]) ? d3.geoDistance(start, at) * 180 / Math.PI : 0;
    }
    svg.addEventListener("pointermove", function (event) {
      if (start) {
        drawCone(start[0], start[1], radiusTo(event));
      }
    });
    svg.addEventListener("pointerup", function (event) {
      if (!start) {
        return;
      }
      var r = radiusTo(event), centre = start;
      start = null;
      // A click keeps the radius already asked for (one degree when none was).
      if (r < 0.5) {
        r = parseFloat(radius.value) > 0 ? parseFloat(radius.value) : 1;
      }
      ra.value = round((centre[0] + 360) % 360, 4);
      dec.value = round(centre[1], 4);
      radius.value = round(Math.min(r, 90), 3);
      drawCone(centre[0], centre[1], r);
      submit(form);
    });
    return svg;
  }

  // "Crab Nebula", "M31": the portal's name resolver fills the cone, then the search runs.
  function nameBox(figure, form) {
    var ra = field(form, "ra"), dec = field(form, "dec"), radius = field(form, "radius");
    if (!ra || !dec || !radius) {
      return;
    }
    var box = document.createElement("form");
    box.className = "name-box";
    box.setAttribute("role", "search");
    box.innerHTML = "<label for='sky-name'>Object name</label> <input id='sky-name' type='text' placeholder='Crab Nebula, M31' autocomplete='off'> <button type='submit'>Set the cone</button> <output for='sky-name' class='name-answer' aria-live='polite'></output>";
    figure.appendChild(box);
    var input = box.querySelector("input"), answer = box.querySelector("output");
    box.addEventListener("submit", function (event) {
      event.preventDefault();
      var name = input.value.trim();
      if (!name) {
        return;
      }
      answer.textContent = "Looking up " + name + "…";
      fetch("/api/resolve?name=" + encodeURIComponent(name), { headers: { Accept: "application/json" } }).then(function (response) {
        if (!response.ok) {
          throw new Error("No object is known by the name " + name + ".");
        }
        return response.json();
      }).then(function (found) {
        answer.textContent = found.name + ": RA " + round(found.ra, 4) + "°, Dec " + round(found.dec, 4) + "°";
        ra.value = round(found.ra, 4);
        dec.value = round(found.dec, 4);
        radius.value = round(Math.max(found.radius || 0, parseFloat(radius.value) || 0.1), 3);
        submit(form);
      }).catch(function (error) {
        answer.textContent = error.message;
      });
    });
  }

  function loadWorld() {
    return fetch("/lib/world-atlas/countries-110m.json").then(function (r) { return r.json(); });
  }

  // The whole world's land and borders, already projected for the results page's map (ops/web-libs
  // draws them once): projecting the atlas was the page's longest task on a phone.
  function loadOutline() {
    return fetch("/lib/world-atlas/ground-outline-720x360.json").then(function (r) { return r.json(); });
  }

  function groundBase(svg, path, world) {
    el("path", { d: path({ type: "Sphere" }), "class": "sphere" }, svg);
    el("path", { d: path(d3.geoGraticule().step([30, 30])()), "class": "graticule" }, svg);
    if (world && world.land) {
      el("path", { d: world.land, "class": "land" }, svg);
      el("path", { d: world.borders, "class": "borders" }, svg);
    } else if (world && topojson) {
      el("path", { d: path(topojson.feature(world, world.objects.land)), "class": "land" }, svg);
      el("path", { d: path(topojson.mesh(world, world.objects.countries, function (a, b) { return a !== b; })), "class": "borders" }, svg);
    }
  }

  // The world map of the results; drag a box to search it.
  function groundMap(figure, hits, form, world) {
    var projection = d3.geoEquirectangular().fitExtent([[4, 4], [WIDTH - 4, HEIGHT - 4]], { type: "Sphere" });
    var path = d3.geoPath(projection);
    var svg = svgIn(figure, "Results on the ground, longitude and latitude. Drag a box to search it.", HEIGHT, projection);
    groundBase(svg, path, world);
    var selection = el("g", { "class": "selection" }, svg);
    var layer = el("g", { "class": "footprints" }, svg);
    hits.forEach(function (hit) {
      if (hit.ground) {
        var b = hit.ground.box;
        footprint(layer, path, projection, groundShape(hit.ground), [(b.west + (b.east < b.west ? b.east + 360 : b.east)) / 2, (b.south + b.north) / 2],
          "/assets/" + encodeURIComponent(hit.id), hitTitle(hit));
      }
    });
    function drawBox(b) {
      selection.textContent = "";
      el("path", { d: path(box(b)) }, selection);
    }
    var bbox = field(form, "bbox");
    if (bbox && bbox.value) {
      var v = bbox.value.split(",").map(parseFloat);
      if (v.length === 4 && v.every(isFinite)) {
        drawBox({ west: v[0], south: v[1], east: v[2], north: v[3] });
      }
    }
    if (!form || !bbox) {
      return svg;
    }
    var start = null;
    function at(event) {
      var p = projection.invert(pointer(svg, event));
      return [Math.max(-180, Math.min(180, p[0])), Math.max(-90, Math.min(90, p[1]))];
    }
    function between(a, b) {
      return { west: Math.min(a[0], b[0]), south: Math.min(a[1], b[1]), east: Math.max(a[0], b[0]), north: Math.max(a[1], b[1]) };
    }
    svg.addEventListener("pointerdown", function (event) {
      if (event.target.closest && event.target.closest("a")) {
        return;
      }
      start = at(event);
      if (svg.setPointerCapture) { svg.setPointerCapture(event.pointerId); }
      event.preventDefault();
    });
    svg.addEventListener("pointermove", function (event) {
      if (start) {
        drawBox(between(start, at(event)));
      }
    });
    svg.addEventListener("pointerup", function (event) {
      if (!start) {
        return;
      }
      var b = between(start, at(event));
      start = null;
      if (b.east - b.west < 0.1 || b.north - b.south < 0.1) {
        selection.textContent = "";
        return;
      }
      bbox.value = [b.west, b.south, b.east, b.north].map(function (x) { return round(x, 2); }).join(",");
      submit(form);
    });
    return svg;
  }

  // One asset's footprint, zoomed in: on the sky around the footprint, on the ground with the coastlines.
  function assetSky(figure, sky) {
    var shape = skyShape(sky);
    var around = d3.geoCircle().center([sky.ra, sky.dec]).radius(Math.max(3 * (sky.radius || 0), 0.01))();
    var projection = d3.geoAzimuthalEqualArea().reflectX(true).rotate([-sky.ra, -sky.dec]).fitExtent([[10, 10], [HEIGHT - 10, HEIGHT - 10]], around);
    var path = d3.geoPath(projection);
    var svg = svgIn(figure, "The footprint on the sky around RA " + round(sky.ra, 4) + "°, Dec " + round(sky.dec, 4) + "°", HEIGHT);
    svg.setAttribute("viewBox", "0 0 " + HEIGHT + " " + HEIGHT);
    el("rect", { width: HEIGHT, height: HEIGHT, "class": "sphere" }, svg);
    // A grid of a round step, a tenth to a hundredth of the view, over the view only (a fine grid over the
    // whole sky would be millions of lines).
    var view = Math.max(3 * (sky.radius || 0), 0.01);
    var step = Math.pow(10, Math.floor(Math.log10(view / 2)));
    var dDec = 2 * view, dRa = Math.min(180, dDec / Math.max(0.02, Math.cos(sky.dec * Math.PI / 180)));
    var ra0 = Math.floor((sky.ra - dRa) / step) * step, dec0 = Math.max(-90, Math.floor((sky.dec - dDec) / step) * step);
    el("path", { d: path(d3.geoGraticule().step([step, step]).precision(step / 4)
      .extent([[ra0, dec0], [ra0 + 2 * dRa + step, Math.min(90, dec0 + 2 * dDec + step)]])()), "class": "graticule" }, svg);
    var scale = el("text", { x: 8, y: HEIGHT - 8, "class": "axis" }, svg);
    scale.textContent = "grid " + (step >= 1 ? step + "°" : step * 60 >= 1 ? round(step * 60, 2) + "′" : round(step * 3600, 2) + "″");
    footprint(el("g", { "class": "footprints" }, svg), path, projection, shape, [sky.ra, sky.dec], null, "Footprint");
  }

  function assetGround(figure, ground, world) {
    var shape = groundShape(ground);
    var b = ground.box;
    var global = shape.type === "Sphere";
    var pad = Math.max(2, 0.5 * Math.max(b.north - b.south, (b.east < b.west ? b.east + 360 : b.east) - b.west));
    var around = global ? { type: "Sphere" } : box({ west: b.west - pad, south: Math.max(-90, b.south - pad), east: b.east + pad, north: Math.min(90, b.north + pad) });
    var projection = d3.geoEquirectangular();
    if (!global) {
      projection.rotate([-(b.west + (b.east < b.west ? b.east + 360 : b.east)) / 2, 0]);
    }
    projection.fitExtent([[6, 6], [WIDTH - 6, HEIGHT - 6]], around);
    var path = d3.geoPath(projection);
    var svg = svgIn(figure, "The footprint on the ground: west " + b.west + "°, south " + b.south + "°, east " + b.east + "°, north " + b.north + "°", HEIGHT);
    groundBase(svg, path, world);
    footprint(el("g", { "class": "footprints" }, svg), path, projection, shape, [b.west, b.south], null, "Footprint");
  }

  // The results over time as bars, one per span of years; dragging across bars (or clicking one) searches those years.
  function histogram(figure, bins, form) {
    var H = 140, left = 36, bottom = 22, top = 10;
    var svg = el("svg", { viewBox: "0 0 " + WIDTH + " " + H, role: "group", "aria-label": "Results over time, by year. Drag across the bars to search those years.", "class": "chart-canvas" });
    place(figure, svg);
    if (!bins.length) {
      el("text", { x: left, y: H / 2, "class": "axis" }, svg).textContent = "No result has a time.";
      return;
    }
    var most = Math.max.apply(null, bins.map(function (b) { return b.count; }));
    var w = (WIDTH - left - 4) / bins.length;
    var startField = field(form, "start"), endField = field(form, "end");
    var from = startField && parseInt(startField.value, 10), until = endField && parseInt(endField.value, 10);
    var bars = bins.map(function (b, i) {
      var h = most ? (H - top - bottom) * b.count / most : 0;
      var label = (b.from === b.until ? b.from : b.from + "–" + b.until) + ": " + b.count + " results";
      var selected = (from || until) && (!from || b.until >= from) && (!until || b.from <= until);
      var g = el("g", { "class": "bin" + (selected ? " selected" : ""), "data-from": b.from, "data-until": b.until }, svg);
      el("title", {}, g).textContent = label;
      // The whole column takes the pointer, so short bars are as easy to hit as tall ones.
      el("rect", { x: (left + i * w).toFixed(1), y: top, width: w.toFixed(1), height: H - top - bottom, "class": "hit-area" }, g);
      el("rect", { x: (left + i * w + 1).toFixed(1), y: (H - bottom - h).toFixed(1), width: Math.max(1, w - 2).toFixed(1), height: h.toFixed(1), "class": "bar" }, g);
      return g;
    });
    el("line", { x1: left, y1: H - bottom, x2: WIDTH - 4, y2: H - bottom, "class": "baseline" }, svg);
    el("text", { x: left - 4, y: top + 8, "class": "axis count-axis" }, svg).textContent = String(most);
    var every = Math.ceil(bins.length / 8);
    bins.forEach(function (b, i) {
      if (i % every === 0) {
        el("text", { x: (left + i * w + w / 2).toFixed(1), y: H - 6, "class": "axis" }, svg).textContent = String(b.from);
      }
    });
    if (!form || !startField || !endField) {
      return;
    }
    var first = null;
    function binAt(event) {
      var x = pointer(svg, event)[0];
      return Math.max(0, Math.min(bins.length - 1, Math.floor((x - left) / w)));
    }
    function mark(a, b) {
      bars.forEach(function (g, i) { g.classList.toggle("brushed", i >= Math.min(a, b) && i <= Math.max(a, b)); });
    }
    svg.addEventListener("pointerdown", function (event) {
      first = binAt(event);
      mark(first, first);
      if (svg.setPointerCapture) { svg.setPointerCapture(event.pointerId); }
      event.preventDefault();
    });
    svg.addEventListener("pointermove", function (event) {
      if (first !== null) {
        mark(first, binAt(event));
      }
    });
    svg.addEventListener("pointerup", function (event) {
      if (first === null) {
        return;
      }
      var last = binAt(event), a = bins[Math.min(first, last)], b = bins[Math.max(first, last)];
      first = null;
      startField.value = a.from + "-01-01";
      endField.value = b.until + "-12-31";
      submit(form);
    });
  }

  function readJson(text) {
    try { return text ? JSON.parse(text) : null; } catch (e) { return null; }
  }

  // Drawn when about to be seen: on a phone the maps are below the results' first screen, and drawing
  // them is the page's longest work.
  function whenNear(element, work) {
    if (!window.IntersectionObserver) {
      work();
      return;
    }
    var observer = new IntersectionObserver(function (entries) {
      if (entries.some(function (e) { return e.isIntersecting; })) {
        observer.disconnect();
        work();
      }
    }, { rootMargin: "300px" });
    observer.observe(element);
  }

  function start() {
    var results = document.getElementById("result-maps");
    if (results) {
      whenNear(results, function () { drawResults(results); });
    }
    var asset = document.getElementById("footprint-map");
    if (asset) {
      drawAsset(asset);
    }
  }

  function drawResults(results) {
    var form = document.querySelector("form.search-form");
    var sky = document.getElementById("sky-map"), ground = document.getElementById("ground-map");
    Promise.all([fetch(results.getAttribute("data-hits"), { headers: { Accept: "application/json" } }).then(function (r) { return r.json(); }), loadOutline()])
      .then(function (answers) {
        var hits = answers[0].hits || [];
        return later(function () { skyMap(sky, hits, form); nameBox(sky, form); })
          .then(function () { return later(function () { groundMap(ground, hits, form, answers[1]); }); })
          .then(function () { results.setAttribute("data-ready", "true"); });
      }, function () {
        results.hidden = true; // the search's JSON or the world's outline did not come: the form stays
      });
    var time = document.getElementById("time-histogram");
    if (time) {
      fetch(time.getAttribute("data-timeline"), { headers: { Accept: "application/json" } }).then(function (r) { return r.json(); }).then(function (bins) {
        return later(function () { histogram(time, bins, form); time.setAttribute("data-ready", "true"); });
      }, function () {
        time.hidden = true;
      });
    }
  }

  function drawAsset(asset) {
    var skyFoot = readJson(asset.getAttribute("data-sky")), groundFoot = readJson(asset.getAttribute("data-ground"));
    var pending = groundFoot ? loadWorld() : Promise.resolve(null);
    pending.then(function (world) {
      if (skyFoot) {
        assetSky(asset.querySelector(".sky") || asset, skyFoot);
      }
      if (groundFoot) {
        assetGround(asset.querySelector(".ground") || asset, groundFoot, world);
      }
      asset.setAttribute("data-ready", "true");
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
