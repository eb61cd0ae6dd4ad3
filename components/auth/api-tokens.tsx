"use client";

import { useActionState } from "react";
import { createApiTokenAction, revokeApiTokenAction } from "@/app/(auth)/api-token-actions";
import { Field, SelectField } from "@/components/ui/field";
import { FormMessage, errorsOf } from "@/components/ui/form-state";
import { SubmitButton } from "@/components/ui/submit-button";
import { TOKEN_LIFETIMES, TOKEN_SCOPES } from "@/lib/api/token-options";
import type { FormState } from "@/lib/errors";

export interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  scopes: string;
  created: string;
  expires: string;
  lastUsed: string;
}

/** Personal access tokens for the REST API: made here, shown once, revocable. */
export function ApiTokens({ tokens }: { tokens: TokenRow[] }) {
  const [created, create] = useActionState<FormState<{ token?: string }>, FormData>(createApiTokenAction, null);
  const [revoked, revoke] = useActionState<FormState, FormData>(revokeApiTokenAction, null);
  const e = (name: string) => errorsOf(created, name);
  return (
    <div className="flex flex-col gap-6">
      <p className="text-slate-700">
        Scripts and other apps can use the Careslot API (<a href="/api/docs">API documentation</a>) with a personal access token. A token acts as you, with your
        role; it ends when you sign out everywhere.
      </p>
      <form action={create} className="flex max-w-md flex-col gap-4">
        <FormMessage state={created} />
        {created?.ok && created.token ? (
          <div className="flex flex-col gap-1">
            <label htmlFor="new-api-token" className="text-sm font-medium text-slate-800">
              Your new token
            </label>
            <input id="new-api-token" readOnly value={created.token} className="rounded-md border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-sm" />
          </div>
        ) : null}
        <Field label="Token name" name="name" required maxLength={80} errors={e("name")} hint="What uses it, e.g. “clinic sync script”." />
        <SelectField label="Access" name="scope" errors={e("scope")} options={[...TOKEN_SCOPES]} />
        <SelectField label="Expires after" name="expiresIn" errors={e("expiresIn")} options={[...TOKEN_LIFETIMES]} />
        <div>
          <SubmitButton pendingLabel="Creating…">Create token</SubmitButton>
        </div>
      </form>
      <FormMessage state={revoked} />
      {tokens.length === 0 ? (
        <p className="text-sm text-slate-600">You have no API tokens.</p>
      ) : (
        <ul aria-label="API tokens" className="divide-y divide-slate-100 rounded-md border border-slate-200">
          {tokens.map((token) => (
            <li key={token.id} className="flex flex-col gap-2 p-3 sm:flex-row sm:items-center sm:justify-between">
              <div className="text-sm">
                <p className="font-medium text-slate-900">
                  {token.name} <span className="font-mono text-slate-600">{token.prefix}…</span>
                </p>
                <p className="text-slate-600">
                  {token.scopes} · created {token.created} · expires {token.expires} · last used {token.lastUsed}
                </p>
              </div>
              <form action={revoke}>
                <input type="hidden" name="tokenId" value={token.id} />
                <SubmitButton variant="secondary" pendingLabel="Revoking…">
                  {`Revoke ${token.name}`}
                </SubmitButton>
              </form>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
