export const PWA_OPTIONS = Symbol('PWA_OPTIONS');

export interface PwaOptions {
  /** The platform's public files (public/sw.js and the shell assets). */
  publicDir: string;
}
