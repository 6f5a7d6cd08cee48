import type { Command } from 'commander';
import { isIP } from 'node:net';
import { requireRoot } from '../../base/host.js';
import { UserError } from '../../base/errors.js';
import { listLabs, readRecord } from '../../core/lab-store.js';
import { cliContext, out } from '../context.js';

interface WebFlags {
  listen: string;
  port: string;
  workshop?: boolean;
  participant?: string[];
  interval: string;
}

function port(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UserError(`--port '${text}' is not a port number`, 'give 0 to 65535 (0: any free port)');
  return n;
}

export function registerWeb(program: Command): void {
  program
    .command('web')
    .description('a live page of the labs that are up: picture, nodes, a terminal per node, checks, trace and flows (on loopback, with a token in its URL)')
    .argument('[labs...]', 'only these labs (default: every lab that is up, and those that come up)')
    .option('--listen <address>', 'listen on this address instead of loopback (0.0.0.0: every interface; anyone who has the URL gets in)', '127.0.0.1')
    .option('--port <port>', 'TCP port (0: any free one)', '8642')
    .option('--workshop', "one URL per participant (each lab's owner) opening only their labs; shells only in the docker runtime's containers")
    .option('--participant <user>', 'workshop mode: print a URL for this user too, before their lab is up (repeatable)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--interval <seconds>', 'how often the labs are looked at', '1.5')
    .action(async (only: string[], opts: WebFlags) => {
      requireRoot('web');
      if (!isIP(opts.listen)) throw new UserError(`--listen '${opts.listen}' is not an IP address`, 'e.g. --listen 0.0.0.0 for every interface, or an address of this machine');
      if (opts.participant && !opts.workshop) throw new UserError('--participant is for workshop mode', 'add --workshop');
      const interval = Number(opts.interval);
      if (!(interval >= 0.2)) throw new UserError(`--interval '${opts.interval}' is not a number of seconds of at least 0.2`);
      const [{ startWeb }, { LiveLabs, graphvizRenderer }] = await Promise.all([import('../../web/server.js'), import('../../web/state.js')]);
      const { exec } = cliContext({});
      const live = LiveLabs.of(exec, await graphvizRenderer(), interval * 1000, only.length ? only : undefined);
      const web = await startWeb({ host: opts.listen, port: port(opts.port), workshop: !!opts.workshop, exec, live, only, participants: opts.participant });
      const loopback = opts.listen === '127.0.0.1' || opts.listen === '::1';
      if (!loopback) process.stderr.write(`warning: listening on ${opts.listen}: anyone who can reach it and has a URL below gets in (plain HTTP)\n`);
      out(`lab web: ${web.base}?token=${web.tokens.main}`);
      if (opts.workshop) {
        const owners = new Set([
          ...(
            await Promise.all(
              (await listLabs()).map((n) =>
                readRecord(n).then(
                  (r) => r.owner.user,
                  () => undefined,
                ),
              ),
            )
          ).filter((u): u is string => !!u),
          ...(opts.participant ?? []),
        ]);
        for (const user of [...owners].sort()) out(`  ${user}: ${web.base}?token=${web.tokens.forOwner(user)}`);
      }
      process.stderr.write('Ctrl-C stops it\n');
      await new Promise<void>((resolve) => {
        const stop = () => void web.close().then(resolve);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
