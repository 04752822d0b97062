// The studio's version as package.json states it, written into every exported file.

import { version } from '../../../package.json';

export const APP_VERSION: string = version;
