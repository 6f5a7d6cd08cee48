import type { WebSocket } from 'ws';
import type { Exec } from '../base/exec.js';
import type { Terminal, TerminalSize } from '../runtime/terminal.js';
import { openLab } from './actions.js';

/** What the page sends on a terminal's socket: keys typed, or the terminal's new size. */
type TerminalMessage = { type: 'input'; data: string } | { type: 'resize'; cols: number; rows: number };

function parse(text: string): TerminalMessage | undefined {
  try {
    const m = JSON.parse(text) as TerminalMessage;
    if (m.type === 'input' && typeof m.data === 'string') return m;
    if (m.type === 'resize' && Number.isFinite(m.cols) && Number.isFinite(m.rows)) return m;
  } catch {
    // not ours: ignored
  }
  return undefined;
}

/**
 * A shell in a node on a socket: what `lab shell NODE` runs (bash with the lab's prompt and
 * the node's environment, ovs-vsctl and ovn-nbctl working as typed) on a real pseudo-terminal.
 * Its output goes out as binary messages; the socket closes when the shell ends, and the
 * shell is hung up when the page goes. What the page sends before the shell is up (keys, a new
 * size) waits for it.
 */
export async function shellOnSocket(socket: WebSocket, lab: string, node: string, exec: Exec, size: TerminalSize): Promise<void> {
  const early: TerminalMessage[] = [];
  // The shell once it is up; `gone` once the page is.
  const shell: { term?: Terminal; gone?: boolean } = {};
  const take = (m: TerminalMessage, t: Terminal) => (m.type === 'input' ? t.write(m.data) : t.resize(m));
  socket.on('message', (raw, binary) => {
    if (binary) return;
    const m = parse((Array.isArray(raw) ? Buffer.concat(raw) : Buffer.isBuffer(raw) ? raw : Buffer.from(new Uint8Array(raw))).toString());
    if (m) void (shell.term ? take(m, shell.term) : early.push(m));
  });
  socket.on('close', () => {
    shell.gone = true;
    shell.term?.close();
  });
  const ctx = await openLab(lab, exec);
  const runtime = ctx.runtime;
  if (!runtime.terminal) throw new Error(`the ${runtime.name} runtime offers no terminal`);
  const env = { ...ctx.node(node).env, PS1: `[lab ${lab}:${node}] \\w\\$ `, LAB: lab, LAB_NODE: node };
  const opened = await runtime.terminal(node, ['bash', '--norc', '--noprofile', '-i'], env, size);
  opened.onData((data) => socket.readyState === socket.OPEN && socket.send(data, { binary: true }));
  opened.onExit((code) => socket.close(1000, `exit ${code}`));
  if (shell.gone) return opened.close();
  shell.term = opened;
  for (const m of early.splice(0)) take(m, opened);
}
