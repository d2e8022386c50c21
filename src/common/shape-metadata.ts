import loadShapeMetadata from '../metadata.js';

let loaded: ReturnType<typeof loadShapeMetadata> | undefined;

/**
 * src/metadata.ts, read once: GraphQL, Swagger and the validator bounds read the same object
 * (building it costs about 16 ms each time, on top of importing the shape modules the first time).
 */
export function shapeMetadata(): ReturnType<typeof loadShapeMetadata> {
  return (loaded ??= loadShapeMetadata());
}
