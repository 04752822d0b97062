// Entry of the image-import worker: a message switch and nothing else.

import './guard-this-worker'; // first: no request leaves the origin (same-origin-guard.ts)
import { toAppError } from '../lib/errors';
import type { FromImportWorker, ToImportWorker } from './import-protocol';
import { analyseFrame } from '../faces/analyse-frame';
import { prepareImage } from '../faces/prepare-image';

const post = (message: FromImportWorker) => self.postMessage(message);

self.onmessage = async (event: MessageEvent<ToImportWorker>) => {
  const message = event.data;
  switch (message.type) {
    case 'prepare':
      try {
        const image = await prepareImage(message.file, message.name, message.noFace, message.faces);
        post({ type: 'prepared', jobId: message.jobId, image });
      } catch (error) {
        post({
          type: 'failed',
          jobId: message.jobId,
          error: toAppError(error, 'corrupt-image').toJSON(),
        });
      }
      break;
    case 'analyse-frame':
      try {
        const analysis = await analyseFrame(message.frame, message.keep);
        post({ type: 'analysed', jobId: message.jobId, analysis });
      } catch (error) {
        post({
          type: 'failed',
          jobId: message.jobId,
          error: toAppError(error, 'worker-failed').toJSON(),
        });
      } finally {
        message.frame.close();
      }
      break;
    default: {
      const unknown: never = message;
      throw new Error(`Unknown message ${JSON.stringify(unknown)}`);
    }
  }
};
