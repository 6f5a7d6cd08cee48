import { CLIENT_SCRIPT } from './client.js';

const STYLE = `
  body { font-family: Helvetica, Arial, sans-serif; margin: 1.5em; }
  .warning { background: #fce8e6; border: 1px solid #c5221f; padding: .6em 1em; }
  .graph { overflow-x: auto; } .graph svg { max-width: 100%; height: auto; }
  table.nodes { border-collapse: collapse; font-size: 90%; }
  table.nodes td, table.nodes th { border-bottom: 1px solid #ddd; padding: .2em .6em; text-align: left; }
  tr.down td { background: #fce8e6; color: #c5221f; }
  .lab { border-top: 3px solid #2e7d32; margin-top: 2em; }
  .lab[data-health=degraded], .lab[data-health=unreachable] { border-color: #c5221f; }
  .term { margin: .6em 0; } .term-title { font-size: 85%; color: #555; }
  .screen { height: 45vh; min-height: 10em; resize: vertical; overflow: hidden; }
  li[data-state=passed] { color: #2e7d32; } li[data-state=failed] { color: #c5221f; } li[data-state=skipped] { color: #777; }
  pre { background: #f5f5f5; padding: .6em; max-height: 30em; overflow: auto; }
`;

/** The page: the token (hex) rides on <body data-token> for the script's requests; nothing is loaded from elsewhere. */
export function pageHtml(token: string, opts: { workshop: boolean; user?: string }): string {
  const who = opts.user ? ` (labs of ${opts.user})` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>lab web${who}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/xterm.css?token=${token}">
<style>${STYLE}</style>
</head>
<body data-token="${token}" data-workshop="${opts.workshop}">
<h1>lab web${who} <small id="status">connecting…</small></h1>
<p id="root-warning" class="warning" hidden>A terminal in a node of a netns lab is a root shell on this machine: the node is a
network namespace of the host, and its shell sees and can change the host's files. Hand this page's address only to whom you
would give root.${opts.workshop ? '' : " (Workshop mode, lab web --workshop, opens shells only in the docker runtime's containers.)"}</p>
<p id="empty" hidden>No lab is up${who}. Bring one up (sudo lab up labs/dmz.yaml): it shows here within seconds.</p>
<table id="room" class="nodes" hidden><caption>every lab on this page: owner, state, score, nodes down</caption>
<thead><tr><th>lab</th><th>owner</th><th>state</th><th>score</th><th>down</th></tr></thead><tbody></tbody></table>
<div id="labs"></div>
<script src="/assets/xterm.js?token=${token}"></script>
<script src="/assets/addon-fit.js?token=${token}"></script>
<script>${CLIENT_SCRIPT}</script>
</body>
</html>
`;
}
