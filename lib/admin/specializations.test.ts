import { randomUUID } from "node:crypto";
import { atBoundary } from "@/tests/boundary";
import { createSpecializationSchema } from "./schemas";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { doctorProfiles, specializations } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { useTestDb } from "@/tests/db";
import { adminActor, auditRowsFor, createDoctor, rejectionOf } from "@/tests/factories";
import { createSpecialization, deleteSpecialization, renameSpecialization, slugOf } from "./specializations";

const db = useTestDb({ max: 4 });

const uniqueName = (base: string) => `${base} ${randomUUID().slice(0, 8)}`;

async function exists(id: string) {
  return (await db.select().from(specializations).where(eq(specializations.id, id))).length === 1;
}

describe("specializations", () => {
  it("slugs are plain ascii", () => {
    expect(slugOf("Ear, Nose & Throat")).toBe("ear-nose-throat");
    expect(slugOf("Médecine générale")).toBe("medecine-generale");
  });

  it("are created, renamed and deleted, each change audited", async () => {
    const admin = await adminActor(db);
    const created = await atBoundary(createSpecializationSchema, { name: `  ${uniqueName("Sleep Medicine")}  ` }, (input) =>
      createSpecialization(db, admin, input),
    );
    expect(created.name).toMatch(/^Sleep Medicine [0-9a-f]{8}$/);
    const renamed = await renameSpecialization(db, admin, { id: created.id, name: uniqueName("Sleep Medicine and Rest") });
    expect(renamed.slug).toBe(slugOf(renamed.name));
    await deleteSpecialization(db, admin, { id: created.id });
    expect(await exists(created.id)).toBe(false);
    const audit = await auditRowsFor(db, "specialization", created.id);
    expect(audit.map((row) => row.action)).toEqual(["specialization.created", "specialization.renamed", "specialization.deleted"]);
    expect(audit[1]).toMatchObject({ actorId: admin.id, before: { name: created.name }, after: { name: renamed.name } });
    expect(audit[2].before).toMatchObject({ name: renamed.name });
  });

  it("one in use cannot be deleted: a clear message, and it stays", async () => {
    const admin = await adminActor(db);
    const spec = await createSpecialization(db, admin, { name: uniqueName("Nephrology") });
    const doctor = await createDoctor(db);
    await db.update(doctorProfiles).set({ specializationId: spec.id }).where(eq(doctorProfiles.userId, doctor.id));
    const error = (await rejectionOf(deleteSpecialization(db, admin, { id: spec.id }))) as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe("conflict");
    expect(error.message).toBe(
      `"${spec.name}" cannot be deleted while 1 doctor uses it. Move that doctor to another specialization first, or rename it instead.`,
    );
    expect(await exists(spec.id)).toBe(true);
    expect((await auditRowsFor(db, "specialization", spec.id)).map((row) => row.action)).toEqual(["specialization.created"]);
  });

  it("a duplicate name (any case) is refused next to the field", async () => {
    const admin = await adminActor(db);
    const name = uniqueName("Geriatrics");
    await createSpecialization(db, admin, { name });
    const error = (await rejectionOf(createSpecialization(db, admin, { name: name.toUpperCase() }))) as AppError;
    expect(error.code).toBe("conflict");
    expect(error.fieldErrors?.name).toEqual(["A specialization with this name already exists."]);
  });

  it("a name without letters or too short is refused with a message", async () => {
    const admin = await adminActor(db);
    for (const [name, message] of [
      ["x", "Use at least 2 characters."],
      ["1234", "The name needs at least one letter."],
    ]) {
      const error = (await rejectionOf(atBoundary(createSpecializationSchema, { name }, (input) => createSpecialization(db, admin, input)))) as AppError;
      expect(error.fieldErrors?.name).toEqual([message]);
    }
  });
});
