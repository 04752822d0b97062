// Installs the same-origin guard (same-origin-guard.ts) in the worker that imports this module.
// Every worker entry imports it first, so the guard is in place before any other module of the
// worker runs (imports are evaluated in order); guard-this-worker.test.ts checks that they do.

import { installSameOriginGuard } from './same-origin-guard';

installSameOriginGuard(self);
