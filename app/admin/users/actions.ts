"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import { runService } from "@/lib/actions";
import { adminFromSession, SIGNED_OUT } from "@/lib/admin/session";
import { changeUserRole, setUsersActiveState } from "@/lib/admin/users";
import { failure, type ActionResult } from "@/lib/errors";

export type UsersFormState = ActionResult | null;

export async function bulkUsersAction(_previous: UsersFormState, formData: FormData): Promise<UsersFormState> {
  const admin = await adminFromSession();
  if (!admin) return failure(SIGNED_OUT);
  const operation = formData.get("operation");
  if (operation !== "deactivate" && operation !== "reactivate") return failure("Choose what to do with the selected users.", { operation: ["Choose an action."] });
  const userIds = formData.getAll("userIds").map(String);
  const active = operation === "reactivate";
  const result = await runService(() => setUsersActiveState(getDb(), admin, { userIds, active }, new Date()));
  if (!result.ok) return result;
  revalidatePath("/admin/users");
  const verb = active ? "reactivated" : "deactivated";
  const note = result.unchanged ? ` ${result.unchanged} already ${active ? "active" : "inactive"}.` : "";
  return { ok: true, message: `${result.changed} ${result.changed === 1 ? "user" : "users"} ${verb}.${active ? "" : " Their sessions ended."}${note}` };
}

export async function changeRoleAction(_previous: UsersFormState, formData: FormData): Promise<UsersFormState> {
  const admin = await adminFromSession();
  if (!admin) return failure(SIGNED_OUT);
  const userId = String(formData.get("userId") ?? "");
  const result = await runService(() => changeUserRole(getDb(), admin, { userId, role: String(formData.get("role") ?? "") }, new Date()));
  if (!result.ok) return result;
  revalidatePath(`/admin/users/${userId}`);
  revalidatePath("/admin/users");
  return { ok: true, message: result.changed ? `Role changed to ${result.user.role}. Their sessions ended; the new role applies when they sign in again.` : "That is already their role." };
}

export async function setActiveAction(_previous: UsersFormState, formData: FormData): Promise<UsersFormState> {
  const admin = await adminFromSession();
  if (!admin) return failure(SIGNED_OUT);
  const userId = String(formData.get("userId") ?? "");
  const active = formData.get("active") === "true";
  const result = await runService(() => setUsersActiveState(getDb(), admin, { userIds: [userId], active }, new Date()));
  if (!result.ok) return result;
  revalidatePath(`/admin/users/${userId}`);
  return { ok: true, message: active ? "Account reactivated. They can sign in again." : "Account deactivated. Their sessions ended and they cannot sign in." };
}
