import "server-only";
import sharp from "sharp";

export const PHOTO_MAX_EDGE = 512;
export const PHOTO_CONTENT_TYPE = "image/webp";
// A 5 MB file can still claim 100,000 × 100,000 pixels; sharp refuses to decode beyond this.
const MAX_INPUT_PIXELS = 40_000_000;

/**
 * Re-encodes an uploaded photo: turned upright from its EXIF orientation,
 * fitted inside 512 × 512, written as WebP. Re-encoding drops every piece of
 * metadata (GPS position, camera serial…) and anything hidden after the image
 * data, so what we serve is only pixels we produced. Null when the bytes that
 * passed the type check still do not decode as an image.
 */
export async function normalisePhoto(content: Uint8Array): Promise<Uint8Array | null> {
  try {
    const output = await sharp(content, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" })
      .rotate()
      .resize(PHOTO_MAX_EDGE, PHOTO_MAX_EDGE, { fit: "inside", withoutEnlargement: true })
      .webp({ quality: 82 })
      .toBuffer();
    return new Uint8Array(output);
  } catch {
    return null;
  }
}
