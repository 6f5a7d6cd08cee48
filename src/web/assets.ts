import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../base/package-root.js';

/**
 * The browser's files the page loads (xterm.js, the terminal emulator, its style, and its fit
 * addon, which sizes a terminal to its element), by the name the page asks for: each from a
 * package under node_modules/@xterm.
 */
const ASSETS = {
  'xterm.js': { type: 'text/javascript; charset=utf-8', from: 'xterm/lib/xterm.js' },
  'xterm.css': { type: 'text/css; charset=utf-8', from: 'xterm/css/xterm.css' },
  'addon-fit.js': { type: 'text/javascript; charset=utf-8', from: 'addon-fit/lib/addon-fit.js' },
} as const;

export type AssetName = keyof typeof ASSETS;

export const isAsset = (name: string): name is AssetName => Object.hasOwn(ASSETS, name);

/**
 * An asset's content and type. The build copies them beside the CLI bundle (dist/lab/web/), so
 * an installed `lab` serves them with no package to fetch; run from the sources, they are read
 * from node_modules.
 */
export async function asset(name: AssetName): Promise<{ type: string; body: Buffer }> {
  const a = ASSETS[name];
  const beside = join(dirname(fileURLToPath(import.meta.url)), 'web', name);
  const path = existsSync(beside) ? beside : join(packageRoot(), 'node_modules', '@xterm', a.from);
  return { type: a.type, body: await readFile(path) };
}
