#!/usr/bin/env node
// Issue 16: arrows point down and never loop. eslint-plugin-import (import/no-cycle) is not installed, so this small
// check runs in `npm run lint`: it reads every relative import in src-main, draws one arrow per pair of top-level
// folders and fails on any cycle between feature folders and on any arrow that points up a layer
// (doors → root → features → kernel), naming the files that make each arrow.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The composition root and the doors sit on top: they import features, nothing imports them (eslint says so). */
const ROOT_AND_DOORS = new Set(['app', 'host', 'ipc', 'cli', 'electron']);
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"](\.{1,2}\/[^'"]+)['"]/g;

/** The layers of docs/architecture.md, top first. A folder not listed is a feature. */
const DOORS = new Set(['host', 'ipc', 'cli', 'electron']);
const KERNEL = new Set(['core', 'domain', 'ledger']);
export function layerOf(folder) {
  if (DOORS.has(folder)) return 3;
  if (folder === 'app') return 2;
  return KERNEL.has(folder) ? 0 : 1;
}
const LAYER_NAMES = ['kernel', 'feature', 'root', 'door'];

/**
 * Every arrow from a lower layer to a higher one (a kernel folder importing a feature, a feature importing the
 * root or a door, the root importing a door), as { from, to, via } with the first file that makes it.
 */
export function upwardArrows(files) {
  const out = [];
  for (const [from, targets] of folderArrows(files)) {
    for (const [to, file] of targets) {
      if (layerOf(to) > layerOf(from)) out.push({ from, to, via: `${file} → ${to}/ (${LAYER_NAMES[layerOf(from)]} → ${LAYER_NAMES[layerOf(to)]})` });
    }
  }
  return out.sort((a, b) => a.via.localeCompare(b.via));
}

/**
 * Folder arrows from a map of file path (relative to src-main, '/' separated) → source text.
 * Returns a Map from 'a' to Map of 'b' → first file importing b from a.
 */
export function folderArrows(files) {
  const arrows = new Map();
  for (const [file, text] of Object.entries(files)) {
    const parts = file.split('/');
    if (parts.length < 2) continue; // src-main/index.ts is the Electron entry
    const from = parts[0];
    for (const m of text.matchAll(IMPORT)) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1]));
      const to = target.split('/')[0];
      if (to.startsWith('..') || !target.includes('/') || to === from) continue;
      if (!arrows.has(from)) arrows.set(from, new Map());
      if (!arrows.get(from).has(to)) arrows.get(from).set(to, file);
    }
  }
  return arrows;
}

/** Every cycle among feature folders (root and doors left out), each as ['a', 'b', …, 'a'] with its files. */
export function folderCycles(files) {
  const arrows = folderArrows(files);
  const next = (a) => [...(arrows.get(a)?.keys() ?? [])].filter((b) => !ROOT_AND_DOORS.has(b));
  const cycles = [];
  const seen = new Set();
  for (const start of [...arrows.keys()].filter((a) => !ROOT_AND_DOORS.has(a)).sort()) {
    const stack = [[start]];
    while (stack.length) {
      const trail = stack.pop();
      for (const b of next(trail.at(-1))) {
        if (b === start) {
          const key = [...trail].sort().join('>');
          if (!seen.has(key)) {
            seen.add(key);
            const loop = [...trail, start];
            cycles.push({ folders: loop, via: loop.slice(1).map((to, i) => `${arrows.get(loop[i]).get(to)} → ${to}/`) });
          }
        } else if (!trail.includes(b) && b > start) stack.push([...trail, b]);
      }
    }
  }
  return cycles;
}

function readSources(dir) {
  const out = {};
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) out[path.relative(dir, p).split(path.sep).join('/')] = fs.readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const dir = path.resolve(process.argv[2] ?? 'src-main');
  const files = readSources(dir);
  const cycles = folderCycles(files);
  const upward = upwardArrows(files);
  if (cycles.length) {
    console.error('Import cycles between src-main feature folders (move the shared piece down, or talk through an event):');
    for (const c of cycles) console.error(`  ${c.folders.join(' → ')}\n    ${c.via.join('\n    ')}`);
  }
  if (upward.length) {
    console.error('Imports pointing up a layer (doors → root → features → kernel; move the piece down or pass a function in):');
    for (const u of upward) console.error(`  ${u.via}`);
  }
  if (cycles.length || upward.length) process.exit(1);
  console.log('check-layers: no cycles between src-main feature folders, no arrow pointing up a layer.');
}
