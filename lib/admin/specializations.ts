import "server-only";
import type { Db } from "@/db/client";
import {
  countDoctorsWithSpecialization,
  deleteSpecializationRow,
  insertSpecialization,
  lockSpecialization,
  updateSpecialization,
} from "@/db/queries/specializations";
import { AppError, sqlState } from "@/lib/errors";
import { assertAdmin, auditAdmin, requireActiveAdmin, type Actor } from "./actor";

/** "Ear, Nose & Throat" → "ear-nose-throat": the stable part of search URLs. */
export function slugOf(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug || "specialization";
}

const DUPLICATE = { name: ["A specialization with this name already exists."] };

function inUseMessage(name: string, doctors: number): string {
  return `"${name}" cannot be deleted while ${doctors === 1 ? "1 doctor uses" : `${doctors} doctors use`} it. Move ${doctors === 1 ? "that doctor" : "those doctors"} to another specialization first, or rename it instead.`;
}

/** The unique name (or slug) index answers a race between two admins creating the same name. */
async function mapDuplicate<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (sqlState(error) === "23505") throw new AppError("conflict", "A specialization with this name already exists.", DUPLICATE);
    throw error;
  }
}

export async function createSpecialization(db: Db, actor: Actor, data: { name: string }) {
  assertAdmin(actor);
  return mapDuplicate(() =>
    db.transaction(async (tx) => {
      const admin = await requireActiveAdmin(tx, actor);
      const created = await insertSpecialization(tx, { name: data.name, slug: slugOf(data.name) });
      await auditAdmin(tx, admin, {
        action: "specialization.created",
        entityType: "specialization",
        entityId: created.id,
        after: { name: created.name, slug: created.slug },
      });
      return created;
    }),
  );
}

export async function renameSpecialization(db: Db, actor: Actor, data: { id: string; name: string }) {
  assertAdmin(actor);
  return mapDuplicate(() =>
    db.transaction(async (tx) => {
      const admin = await requireActiveAdmin(tx, actor);
      const current = await lockSpecialization(tx, data.id);
      if (!current) throw new AppError("not_found", "That specialization does not exist.");
      const renamed = await updateSpecialization(tx, data.id, { name: data.name, slug: slugOf(data.name) });
      await auditAdmin(tx, admin, {
        action: "specialization.renamed",
        entityType: "specialization",
        entityId: data.id,
        before: { name: current.name, slug: current.slug },
        after: { name: renamed.name, slug: renamed.slug },
      });
      return renamed;
    }),
  );
}

/**
 * Deletes a specialization no doctor uses. The count is checked first for a
 * clear message; the foreign key (ON DELETE RESTRICT) still refuses if a
 * doctor picks it between that check and the delete.
 */
export async function deleteSpecialization(db: Db, actor: Actor, data: { id: string }) {
  assertAdmin(actor);
  try {
    return await db.transaction(async (tx) => {
      const admin = await requireActiveAdmin(tx, actor);
      const current = await lockSpecialization(tx, data.id);
      if (!current) throw new AppError("not_found", "That specialization does not exist.");
      const doctors = await countDoctorsWithSpecialization(tx, data.id);
      if (doctors > 0) throw new AppError("conflict", inUseMessage(current.name, doctors));
      await deleteSpecializationRow(tx, data.id);
      await auditAdmin(tx, admin, {
        action: "specialization.deleted",
        entityType: "specialization",
        entityId: data.id,
        before: { name: current.name, slug: current.slug },
      });
      return { deleted: current };
    });
  } catch (error) {
    if (sqlState(error) === "23503")
      throw new AppError("conflict", "This specialization cannot be deleted while doctors use it. Move them to another specialization first.");
    throw error;
  }
}
