// How the end-to-end tests launch Chromium: the flags and the browser that scripts/ uses too.
export { CHROMIUM_ARGS, findChromium as chromiumPath } from '../scripts/find-chromium.mjs';
