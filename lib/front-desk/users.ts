import "server-only";
import { randomBytes } from "node:crypto";
import type { Db } from "@/db/client";
import { getPatientPhone, setPatientPhone, updateUserIdentity } from "@/db/queries/user-details";
import { insertUserWithProfile, lockActiveAdmins, lockUsers } from "@/db/queries/users";
import { hashPassword } from "@/lib/auth/password";
import { sendSetPasswordEmail } from "@/lib/auth/set-password";
import { AppError, constraintName, sqlState } from "@/lib/errors";
import type { UserDetailsInput, WalkInPatientInput } from "./schemas";
import { assertAdmin, auditAdmin, type Actor, type AdminActor } from "@/lib/admin/actor";

// Seed 004's user CRUD at the front desk: an account for a walk-in patient,
// and a user's name, email and phone corrected. Each is audited in its own
// transaction, under the lock of the active admins (so an admin demoted a
// moment ago changes nothing). The entries name the user and the fields
// changed, never the name, address or number themselves: an account deletion
// redacts only the entries its owner made, and these outlive it.

const EMAIL_TAKEN = "Another account already uses this email address.";

async function lockAsAdmin(tx: Db, actor: AdminActor): Promise<void> {
  if (!(await lockActiveAdmins(tx)).includes(actor.id)) throw new AppError("forbidden", "Only administrators can do that.");
}

/** The unique address index, as the message next to the Email field. */
function emailTaken(error: unknown): AppError | null {
  if (sqlState(error) === "23505" && constraintName(error) === "users_email_lower_key") return new AppError("conflict", EMAIL_TAKEN, { email: [EMAIL_TAKEN] });
  return null;
}

/**
 * A patient account for someone who walked in or phoned: no password anyone
 * knows (a random one, hashed, never shown), and an email with a link to set
 * theirs, which also confirms the address. The front desk can book for them at once.
 */
export async function createWalkInPatient(db: Db, actor: Actor, input: WalkInPatientInput, now: Date) {
  assertAdmin(actor);
  const passwordHash = await hashPassword(randomBytes(32).toString("base64url"));
  let user;
  try {
    user = await db.transaction(async (tx) => {
      await lockAsAdmin(tx, actor);
      const created = await insertUserWithProfile(tx, {
        email: input.email,
        fullName: input.fullName,
        passwordHash,
        role: "patient",
        timeZone: input.timeZone,
      });
      if (input.phone) await setPatientPhone(tx, created.id, input.phone);
      await auditAdmin(tx, actor, {
        action: "user.walk_in_created",
        entityType: "user",
        entityId: created.id,
        after: { role: "patient", withPhone: input.phone !== null, timeZone: input.timeZone },
      });
      return created;
    });
  } catch (error) {
    throw emailTaken(error) ?? error;
  }
  await sendSetPasswordEmail(db, user, now);
  return user;
}

/**
 * Corrects a user's name and email, and a patient's phone. Only what changed
 * is written and audited (which fields); a deleted account's anonymised
 * shell is left alone. The address stays confirmed: the admin vouches for it.
 */
export async function updateUserDetails(db: Db, actor: Actor, input: UserDetailsInput) {
  assertAdmin(actor);
  try {
    return await db.transaction(async (tx) => {
      await lockAsAdmin(tx, actor);
      const [target] = await lockUsers(tx, [input.userId]);
      if (!target) throw new AppError("not_found", "That user does not exist.");
      if (target.deletedAt) throw new AppError("conflict", "That account was deleted by its owner and cannot be edited.");
      if (target.role !== "patient" && input.phone) {
        throw new AppError("invalid_input", "Only patients have a phone number on file.", { phone: ["Only patients have a phone number on file."] });
      }
      const before = { fullName: target.fullName, email: target.email, ...(target.role === "patient" ? { phone: await getPatientPhone(tx, target.id) } : {}) };
      const after = { fullName: input.fullName, email: input.email, ...(target.role === "patient" ? { phone: input.phone } : {}) };
      const changed = (Object.keys(after) as (keyof typeof after)[]).filter((key) => before[key] !== after[key]);
      if (changed.length === 0) return { changed: [] as string[] };
      if (before.fullName !== after.fullName || before.email !== after.email)
        await updateUserIdentity(tx, target.id, { fullName: after.fullName, email: after.email });
      if ("phone" in after && before.phone !== after.phone) await setPatientPhone(tx, target.id, after.phone ?? null);
      await auditAdmin(tx, actor, {
        action: "user.details_changed",
        entityType: "user",
        entityId: target.id,
        after: { changed },
      });
      return { changed: changed as string[] };
    });
  } catch (error) {
    throw emailTaken(error) ?? error;
  }
}
