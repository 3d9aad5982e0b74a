/** How photo routes (audits, mystery shoppers) take and give image bytes over HTTP. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { type PhotoStore, PhotoTooLargeError } from '../store/photos.js';

/**
 * The photo routes' body: any content type other than JSON is read as raw bytes, at most the
 * photo limit (413 naming it beyond); the route then checks type and bytes (photos.ts).
 */
export function acceptRawPhotos(app: FastifyInstance, store: PhotoStore): void {
  app.addContentTypeParser('*', (request, payload, done) => {
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > store.maxBytes) {
      payload.resume();
      return done(new PhotoTooLargeError(store.maxBytes), undefined);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    payload.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > store.maxBytes) {
        failed = true;
        done(new PhotoTooLargeError(store.maxBytes), undefined);
        return;
      }
      chunks.push(chunk);
    });
    payload.on('end', () => {
      if (!failed) done(null, Buffer.concat(chunks));
    });
    payload.on('error', (error) => {
      if (!failed) {
        failed = true;
        done(error, undefined);
      }
    });
  });
}

/** The headers of a photo's bytes: only for this caller, never cached by others, never sniffed. */
export function photoHeaders(reply: FastifyReply, contentType: string, bytes: number): FastifyReply {
  return reply
    .header('content-type', contentType)
    .header('content-length', bytes)
    .header('cache-control', 'private, max-age=3600')
    .header('x-content-type-options', 'nosniff')
    .header('content-disposition', 'inline');
}

export const photoUploadSchema = {
  consumes: ['image/jpeg', 'image/png'],
  body: z.any().describe('the image bytes (JPEG or PNG), not JSON'),
  description:
    'The photo is the raw request body with Content-Type image/jpeg or image/png; its bytes must be that image (checked), at most TOUCHPOINTS_PHOTO_MAX_BYTES (413 beyond).',
};
