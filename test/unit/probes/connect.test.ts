import { describe, expect, it } from 'vitest';
import { fakeLab, fixture } from './fake-lab.js';

/** A connect check of labs/security-groups.yaml whose client prints `out`. */
function connect(check: string, out: string) {
  return fakeLab('security-groups', `kind: connect, ${check}`).on('client', '/usr/bin/python3', fixture(out));
}

describe('connect', () => {
  it('open, answered by the server expected', async () => {
    const lab = connect('from: client, to: web1, port: 80, answer: web1', 'connect-open-web1');
    expect(await lab.attempt()).toEqual({ ok: true, seen: 'tcp 10.60.0.11:80 from client: open web1' });
    expect(lab.ran).toEqual([expect.stringMatching(/^client: \/usr\/bin\/python3 -c .* tcp 10\.60\.0\.11 80 1$/s)]);
  });

  it('open, but answered by another server than expected', async () => {
    expect(await connect('from: client, to: web1, port: 80, answer: web2', 'connect-open-web1').attempt()).toEqual({ ok: false, seen: 'tcp 10.60.0.11:80 from client: open web1' });
  });

  it('refused where open is expected, and the other way round', async () => {
    expect(await connect('from: client, to: web2, port: 8080', 'connect-refused').attempt()).toEqual({ ok: false, seen: 'tcp 10.60.0.12:8080 from client: refused' });
    expect(await connect('from: client, to: web2, port: 8080, expect: refused', 'connect-refused').attempt()).toEqual({ ok: true, seen: 'tcp 10.60.0.12:8080 from client: refused' });
    expect(await connect('from: client, to: web1, port: 80, expect: refused', 'connect-open-web1').attempt()).toEqual({ ok: false, seen: 'tcp 10.60.0.11:80 from client: open web1' });
  });

  it('waits out address resolution (3 solicitations, 1 s apart) where a host is expected unreachable', async () => {
    const lab = connect('from: client, to: 10.60.0.99, port: 80, expect: unreachable', 'connect-unreachable');
    expect(await lab.attempt()).toEqual({ ok: true, seen: 'tcp 10.60.0.99:80 from client: unreachable' });
    expect(lab.ran).toEqual([expect.stringMatching(/^client: \/usr\/bin\/python3 -c .* tcp 10\.60\.0\.99 80 4$/s)]);
  });

  it('a timeout (dropped) passes only expect: timeout', async () => {
    expect(await connect('from: client, to: web2, port: 22, expect: timeout', 'connect-timeout').attempt()).toEqual({ ok: true, seen: 'tcp 10.60.0.12:22 from client: timeout' });
    expect(await connect('from: client, to: web2, port: 22', 'connect-timeout').attempt()).toEqual({ ok: false, seen: 'tcp 10.60.0.12:22 from client: timeout' });
  });
});
