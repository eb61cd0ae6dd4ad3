import "server-only";
import type { Db } from "@/db/client";
import { findPhotoOwner } from "@/db/queries/profiles";
import type { Actor } from "@/lib/vocabulary";

export const PHOTO_KEY_PREFIX = "photos/";

/** The public URL of a stored photo key ("photos/<uuid>" → "/api/photos/<uuid>"). */
export function photoUrl(photoKey: string | null | undefined): string | null {
  return photoKey?.startsWith(PHOTO_KEY_PREFIX) ? `/api/photos/${photoKey.slice(PHOTO_KEY_PREFIX.length)}` : null;
}

export type PhotoAccess = { key: string; cacheControl: string } | null;

/**
 * Who may see a profile photo:
 * - a verified, active doctor's photo: everyone (it is on the public search),
 *   cacheable by browsers and CDNs for a day (a new upload gets a new URL);
 * - an unverified or inactive doctor's photo: that doctor and admins only;
 * - a patient's photo: that patient only, never stored by shared caches.
 * Anything else answers null, which the route turns into a 404.
 */
export async function photoAccess(db: Db, user: Actor | null, photoId: string): Promise<PhotoAccess> {
  const key = `${PHOTO_KEY_PREFIX}${photoId}`;
  const owner = await findPhotoOwner(db, key);
  if (!owner) return null;
  if (owner.public) return { key, cacheControl: "public, max-age=86400" };
  const mayView = user && (user.id === owner.userId || (owner.kind === "doctor" && user.role === "admin"));
  return mayView ? { key, cacheControl: "private, max-age=300" } : null;
}
