// Draws the world's land and borders once, for the results page's ground map: the same projection and
// size as maps.js's groundMap (equirectangular, 720 x 360, 4 px margin), so the page sets two ready
// paths instead of parsing the atlas and projecting it on the reader's phone. Run by update.sh.
import { readFileSync } from "node:fs";
import { geoEquirectangular, geoPath } from "d3-geo";
import topojson from "topojson-client";

const WIDTH = 720, HEIGHT = 360;
const world = JSON.parse(readFileSync(new URL("./node_modules/world-atlas/countries-110m.json", import.meta.url)));
const projection = geoEquirectangular().fitExtent([[4, 4], [WIDTH - 4, HEIGHT - 4]], { type: "Sphere" });
const path = geoPath(projection).digits(1);
const outline = {
  width: WIDTH,
  height: HEIGHT,
  land: path(topojson.feature(world, world.objects.land)),
  borders: path(topojson.mesh(world, world.objects.countries, (a, b) => a !== b)),
};
process.stdout.write(JSON.stringify(outline) + "\n");
