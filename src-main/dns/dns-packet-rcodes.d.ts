/** dns-packet's rcode names (its own table, `rcodes.js`); the package's type declarations leave the module out. */
declare module 'dns-packet/rcodes.js' {
  export function toString(rcode: number): string;
}
