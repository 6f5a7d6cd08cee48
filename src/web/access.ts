import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Who a token lets in: the one who started `lab web` (every lab), or one participant of a workshop (their labs). */
export type Access = { who: 'all' } | { who: 'owner'; user: string };

const hex = (b: Buffer) => b.toString('hex').slice(0, 32);

/**
 * The tokens of one `lab web`: a random one for whoever started it, printed in its URL, and in
 * workshop mode one per participant (the user a lab's record names as its owner), derived from a
 * random secret so a participant who brings a lab up later has one too. Nothing is stored.
 */
export class Tokens {
  readonly main: string;
  private readonly secret: Buffer;

  constructor(
    readonly workshop: boolean,
    random: (n: number) => Buffer = randomBytes,
  ) {
    this.main = hex(random(16));
    this.secret = random(32);
  }

  /** A participant's token (workshop mode only). */
  forOwner(user: string): string {
    return hex(createHmac('sha256', this.secret).update(`owner:${user}`).digest());
  }

  /** What a token opens, or undefined (a wrong token: 403). `owners`: the users whose labs are up. */
  check(token: string | null | undefined, owners: readonly string[]): Access | undefined {
    if (!token) return undefined;
    if (same(token, this.main)) return { who: 'all' };
    if (!this.workshop) return undefined;
    const user = owners.find((u) => same(token, this.forOwner(u)));
    return user !== undefined ? { who: 'owner', user } : undefined;
  }
}

/** Compared in constant time: a token is a password. */
function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Whether a token opens a lab of this owner. */
export function opens(access: Access, owner: string | undefined): boolean {
  return access.who === 'all' || access.user === owner;
}

/**
 * Why a terminal in a node cannot be opened from the page, or undefined when it can. A netns
 * node is a namespace of this host: its shell is root on the host's files, so a workshop (where
 * participants are not the host's root) gets shells only in containers.
 */
export function terminalRefusal(workshop: boolean, hostFiles: boolean, offered: boolean): string | undefined {
  if (!offered) return 'this runtime offers no terminal';
  if (workshop && hostFiles) return "workshop mode gives shells only in the docker runtime's containers: a netns node's shell is root on this host";
  return undefined;
}
