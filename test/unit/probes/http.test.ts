import { describe, expect, it } from 'vitest';
import { fakeLab, fixture } from './fake-lab.js';

/** An http check of labs/load-balancer.yaml whose client prints `out`. */
function http(check: string, out: string) {
  return fakeLab('load-balancer', `kind: http, from: client, ${check}`).on('client', '/usr/bin/python3', fixture(out));
}

describe('http', () => {
  it('every request answered by a backend, all of them serving: the spread', async () => {
    const lab = http('to: "10.72.0.100:80", count: 30, backends: [web1, web2, web3]', 'http-30-three-backends');
    expect(await lab.attempt()).toEqual({ ok: true, seen: '30 answers: web2 13, web1 10, web3 7' });
    expect(lab.ran).toEqual([expect.stringMatching(/^client: \/usr\/bin\/python3 -c .* 10\.72\.0\.100 80 30 2$/s)]);
  });

  it('an answer from a server not named as a backend fails', async () => {
    expect(await http('to: "10.72.0.100:80", count: 12, backends: [web1, web2]', 'http-12-web3-too').attempt()).toEqual({ ok: false, seen: '12 answers: web1 7, web2 4, web3 1' });
  });

  it('all: a backend that never answered fails; all: false lets it', async () => {
    expect(await http('to: "10.72.0.100:80", count: 12, backends: [web1, web2, web3]', 'http-12-web3-too').attempt()).toMatchObject({ ok: true });
    const lab = http('to: "10.72.0.100:80", count: 30, backends: [web1, web2, web3]', 'http-12-web3-too');
    expect(await lab.attempt()).toEqual({ ok: false, seen: '12 answers: web1 7, web2 4, web3 1' });
  });

  it('requests that time out count against it', async () => {
    expect(await http('to: "10.72.0.101:80", count: 2, backends: [web1]', 'http-2-timeouts').attempt()).toEqual({ ok: false, seen: '2 answers: timeout 2' });
  });
});
