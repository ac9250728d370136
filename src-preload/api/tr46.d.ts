/** The parts of tr46 (UTS #46 processing, the jsdom project's implementation) that Behalf calls. */
declare module 'tr46' {
  export interface Tr46Options {
    checkBidi?: boolean;
    checkHyphens?: boolean;
    checkJoiners?: boolean;
    useSTD3ASCIIRules?: boolean;
    transitionalProcessing?: boolean;
    verifyDNSLength?: boolean;
    ignoreInvalidPunycode?: boolean;
  }
  /** The A-label form, or null when the name breaks a rule. */
  export function toASCII(domain: string, options?: Tr46Options): string | null;
  export function toUnicode(domain: string, options?: Tr46Options): { domain: string; error: boolean };
}
