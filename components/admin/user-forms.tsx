"use client";

import Link from "next/link";
import { useActionState } from "react";
import { bulkUsersAction, changeRoleAction, setActiveAction } from "@/app/admin/users/actions";
import type { FormState } from "@/lib/errors";
import { SubmitButton } from "@/components/ui/submit-button";
import { ConfirmSubmit } from "@/components/ui/confirm-submit";
import { SelectField } from "@/components/ui/field";
import { ResultNotice } from "./form-bits";
import { DataTable } from "@/components/ui/data-table";

export type UserRow = { id: string; fullName: string; email: string; role: string; active: boolean; emailVerified: boolean; joined: string };

/**
 * The user list is one form: a checkbox per row and the bulk action below, so
 * several users are changed in one submission (and one transaction), with or
 * without JavaScript.
 */
export function UserBulkForm({ rows, selfId }: { rows: UserRow[]; selfId: string }) {
  const [state, formAction] = useActionState<FormState, FormData>(bulkUsersAction, null);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  if (rows.length === 0) return <p className="text-slate-600">No users match these filters.</p>;
  return (
    <form action={formAction} className="flex flex-col gap-4">
      <DataTable
        caption="Users"
        columns={[{ label: "Select", hidden: true }, { label: "Name" }, { label: "Email" }, { label: "Role" }, { label: "Status" }, { label: "Joined" }]}
      >
        {rows.map((row) => (
          <tr key={row.id}>
            <td className="py-2 pr-3">
              <input
                type="checkbox"
                name="userIds"
                value={row.id}
                id={`select-${row.id}`}
                aria-label={`Select ${row.fullName}`}
                className="h-4 w-4"
                disabled={row.id === selfId}
              />
            </td>
            <td className="py-2 pr-4 font-medium">
              <Link href={`/admin/users/${row.id}`} className="text-brand-700 underline-offset-2 hover:underline">
                {row.fullName}
              </Link>
              {row.id === selfId ? <span className="ml-1 text-xs text-slate-600">(you)</span> : null}
            </td>
            <td className="py-2 pr-4 break-all">{row.email}</td>
            <td className="py-2 pr-4 capitalize">{row.role}</td>
            <td className="py-2 pr-4">
              <span
                className={`inline-block rounded-full px-2.5 py-0.5 text-xs font-semibold ${row.active ? "bg-emerald-100 text-emerald-900" : "bg-slate-200 text-slate-800"}`}
              >
                {row.active ? "Active" : "Inactive"}
              </span>
              {row.emailVerified ? null : <span className="ml-1 text-xs text-slate-600">email unconfirmed</span>}
            </td>
            <td className="py-2 whitespace-nowrap tabular-nums">{row.joined}</td>
          </tr>
        ))}
      </DataTable>
      {errors?.userIds ? <p className="text-sm font-medium text-red-700">{errors.userIds.join(" ")}</p> : null}
      <ResultNotice state={state} />
      <div className="flex flex-wrap items-end gap-3 border-t border-slate-100 pt-4">
        <SelectField label="With the selected users" name="operation" id="bulk-operation" defaultValue="" errors={errors?.operation}>
          <option value="" disabled>
            Choose an action
          </option>
          <option value="deactivate">Deactivate (ends their sessions)</option>
          <option value="reactivate">Reactivate</option>
        </SelectField>
        <ConfirmSubmit
          variant="secondary"
          pendingLabel="Applying…"
          skip={(form) => form.get("operation") !== "deactivate" || form.getAll("userIds").length === 0}
          confirmLabel={(form) => (form ? `Deactivate ${selectedNames(form, rows)}` : "Apply to the selected users")}
          title={(form) => (form ? `Deactivate ${selectedNames(form, rows)}?` : "Change the selected users?")}
          description="A deactivated user is signed out everywhere at once and cannot sign in until reactivated."
          echo={[
            { name: "operation", label: "Action", values: { deactivate: "Deactivate (ends their sessions)", reactivate: "Reactivate" } },
            { name: "userIds", label: "Users selected", count: true },
          ]}
        >
          Apply to selected
        </ConfirmSubmit>
      </div>
    </form>
  );
}

/** "Anna Keller" for one ticked user, "3 users" for several. */
function selectedNames(form: FormData, rows: UserRow[]): string {
  const ids = form.getAll("userIds");
  if (ids.length === 1) return rows.find((row) => row.id === ids[0])?.fullName ?? "1 user";
  return `${ids.length} users`;
}

const roleNames: Record<string, string> = { patient: "Patient", doctor: "Doctor", admin: "Admin" };

export function RoleForm({ userId, name, role }: { userId: string; name: string; role: string }) {
  const [state, formAction] = useActionState<FormState, FormData>(changeRoleAction, null);
  return (
    <form action={formAction} className="flex flex-col gap-3">
      <ResultNotice state={state} />
      <input type="hidden" name="userId" value={userId} />
      <SelectField label="Role" name="role" id="user-role" defaultValue={role} errors={state && !state.ok ? state.fieldErrors?.role : undefined}>
        <option value="patient">Patient</option>
        <option value="doctor">Doctor</option>
        <option value="admin">Admin</option>
      </SelectField>
      <p className="text-sm text-slate-600">
        Changing the role ends the user&apos;s sessions. A new doctor starts unverified and is not public until verified.
      </p>
      <div>
        <ConfirmSubmit
          variant="primary"
          pendingLabel="Changing…"
          skip={(form) => form.get("role") === role}
          confirmLabel={(form) =>
            form ? `Make ${name} ${article(form.get("role"))} ${roleNames[String(form.get("role"))] ?? ""}` : `Change the role of ${name}`
          }
          title={`Change the role of ${name}?`}
          description="Changing the role ends the user's sessions at once. A new doctor starts unverified and is not public until verified."
          echo={[{ name: "role", label: "New role", values: roleNames }]}
        >
          Change role
        </ConfirmSubmit>
      </div>
    </form>
  );
}

function article(role: FormDataEntryValue | null): string {
  return role === "admin" ? "an" : "a";
}

export function ActiveForm({ userId, name, active }: { userId: string; name: string; active: boolean }) {
  const [state, formAction] = useActionState<FormState, FormData>(setActiveAction, null);
  return (
    <form action={formAction} className="flex flex-col gap-3">
      <ResultNotice state={state} />
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="active" value={active ? "false" : "true"} />
      <div>
        {active ? (
          <ConfirmSubmit
            pendingLabel="Deactivating…"
            confirmLabel={`Deactivate ${name}`}
            description={`${name} is signed out everywhere at once and cannot sign in until reactivated.`}
          >
            Deactivate account
          </ConfirmSubmit>
        ) : (
          <SubmitButton pendingLabel="Saving…">Reactivate account</SubmitButton>
        )}
      </div>
    </form>
  );
}
