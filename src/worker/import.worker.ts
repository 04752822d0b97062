// Entry of the image-import worker: a message switch and nothing else.

import { toAppError } from '../lib/errors';
import type { FromImportWorker, ToImportWorker } from './import-protocol';
import { prepareImage } from './prepare-image';

const post = (message: FromImportWorker) => self.postMessage(message);

self.onmessage = async (event: MessageEvent<ToImportWorker>) => {
  const message = event.data;
  switch (message.type) {
    case 'prepare':
      try {
        const image = await prepareImage(message.file, message.name, message.noFace);
        post({ type: 'prepared', jobId: message.jobId, image });
      } catch (error) {
        post({ type: 'failed', jobId: message.jobId, error: toAppError(error, 'corrupt-image').toJSON() });
      }
      break;
    default: {
      const unknown: never = message.type;
      throw new Error(`Unknown message ${String(unknown)}`);
    }
  }
};
