// Tests only: a service call refused with one of the catalog's codes (lib/errors.ts).
import { expect } from "vitest";
import { AppError } from "@/lib/errors";
import { rejectionOf } from "./factories";

/** Awaits the refusal, checks its code (and message, when given) and returns it. */
export async function expectAppError(promise: Promise<unknown>, code: AppError["code"], message?: RegExp): Promise<AppError> {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (message) expect((error as AppError).message).toMatch(message);
  return error as AppError;
}
