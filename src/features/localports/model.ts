export interface LocalPort {
  name: string;
  switch: string;
  /** The one logical switch port (type localport) every instance binds to. */
  port: string;
  ip: string;
  mac: string;
}

declare module '../../topology/model.js' {
  interface Lab {
    localports: LocalPort[];
  }
}
