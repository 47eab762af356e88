/** The version of this SDK (and of the `updraft` CLI released with it). */
export const SDK_VERSION = '0.1.0';
