/** Reports a problem at a path of the file (at the key itself with atKey). */
export type At = (path: PropertyKey[], message: string, atKey?: boolean) => void;
